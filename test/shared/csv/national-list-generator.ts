/**
 * A generated national list of `n` members, as a large chapter receives it
 * (the 2023 header). Week 2 is next week's file: every 20th member lapses,
 * every 50th renews. Used by the 10,000-row tests in Node and in Chromium.
 */
const FIRST = ['Ana', 'Ben', 'Carmen', 'Dev', 'Elena', 'Farid', 'Grace', 'Héctor', 'Ines', 'José', 'Kiri', 'Luz'];
const LAST = ['Ruiz', 'Cho', 'Okafor', 'Nguyen', 'Muñoz', 'Patel', 'Smith', 'García', 'Kowalski', 'Haddad'];
const HEADER =
  'actionkit_id,first_name,middle_name,last_name,address1,address2,city,state,zip,mobile_phone,best_phone,email,' +
  'mailing_pref,do_not_call,p2ptext_optout,join_date,xdate,membership_type,monthly_dues_status,yearly_dues_status,' +
  'membership_status,union_member,student_yes_no,dsa_chapter,congressional_district,race';

export function nationalList(n: number, week: number): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    // Week 2: every 20th member lapses, every 50th renews (new xdate).
    const lapsed = week > 1 && i % 20 === 0;
    const xyear = week > 1 && i % 50 === 1 ? 2027 : 2026;
    lines.push(
      [
        100000 + i,
        FIRST[i % FIRST.length],
        '',
        LAST[(i * 7) % LAST.length],
        `${i} Main St`,
        i % 3 ? '' : `Apt ${i % 40}`,
        'Los Angeles',
        'CA',
        String(90001 + (i % 90)),
        `213-555-${String(i % 10000).padStart(4, '0')}`,
        '',
        `member${i}@example.org`,
        i % 9 ? 'yes' : 'no',
        i % 13 ? 'FALSE' : 'TRUE',
        i % 11 ? 'FALSE' : 'TRUE',
        `${(i % 12) + 1}/${(i % 28) + 1}/20${10 + (i % 14)}`,
        `${(i % 12) + 1}/${(i % 28) + 1}/${xyear}`,
        i % 4 ? 'monthly' : 'annual',
        i % 4 ? 'active' : '',
        i % 4 ? '' : 'active',
        lapsed ? 'lapsed' : i % 5 ? 'member in good standing' : 'member',
        i % 6 ? 'No' : '"Yes, current union member"',
        i % 8 ? 'no' : 'yes',
        'Los Angeles',
        'CA-34',
        '',
      ].join(','),
    );
  }
  return lines.join('\r\n');
}
