/**
 * Weekly national files of each header generation, written row by row with
 * only the cells a test cares about (the rest empty), as national sends them.
 */
import Papa from 'papaparse';

export const HEADER_2020 =
  'AK_ID,DSA_ID,first_name,middle_name,last_name,suffix,Address_Line_1,Address_Line_2,City,State,Zip,Mobile_Phone,' +
  'Home_Phone,Work_Phone,Email,Do_Not_Call,Join_Date,Xdate,Memb_status,membership_type,monthly_status,membership_status';
export const HEADER_2021 =
  'AK_ID,DSA_ID,first_name,middle_name,last_name,suffix,Billing_Address_Line_1,Billing_Address_Line_2,Billing_City,' +
  'Billing_State,Billing_Zip,Mailing_Address1,Mailing_Address2,Mailing_City,Mailing_State,Mailing_Zip,Mobile_Phone,' +
  'Home_Phone,Work_Phone,Email,Mail_preference,Do_Not_Call,Join_Date,Xdate,membership_type,monthly_dues_status,' +
  'membership_status,union_member,union_name,union_local,student_yes_no,student_school_name,YDSA Chapter,DSA_chapter';
export const HEADER_2022 =
  'AK_ID,first_name,last_name,Mailing_Address1,Mailing_Address2,Mailing_City,Mailing_State,Mailing_Zip,Mobile_Phone,' +
  'best_phone,Email,Do_Not_Call,p2ptext_optout,Join_Date,Xdate,membership_type,monthly_dues_status,' +
  'annual_recurring_dues_status,membership_status,memb_status_letter,union_member,union_name,union_local,' +
  'student_yes_no,YDSA Chapter,DSA_chapter,accomodations';
export const HEADER_2023 =
  'actionkit_id,first_name,middle_name,last_name,suffix,address1,address2,city,state,zip,country,mobile_phone,' +
  'home_phone,work_phone,best_phone,email,mailing_pref,do_not_call,p2ptext_optout,join_date,xdate,membership_type,' +
  'monthly_dues_status,yearly_dues_status,membership_status,union_member,union_name,union_local,student_yes_no,' +
  'ydsa_chapter,dsa_chapter,accommodations,race,congressional_district';

/** A file: the header, then one line per row (cells by header name; missing ones empty), CRLF as national writes. */
export function weeklyFile(header: string, rows: readonly Record<string, string>[]): string {
  const columns = header.split(',');
  for (const row of rows)
    for (const key of Object.keys(row)) if (!columns.includes(key)) throw new Error(`no column ${key} in the header`);
  return Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\r\n' });
}
