import { parseNationalList } from '../../../shared/csv';
import type { ImportedMember } from '../../../shared/csv';
import { csv, fixture } from './helpers';

function byId(file: string): Map<string, ImportedMember> {
  const list = parseNationalList(fixture(file));
  return new Map(list.rows.map((r) => [r.member.actionkitId!, r.member]));
}

describe('each year of the national list reads into the same fields', () => {
  test('2020: AK_ID, Zip, Mobile_Phone, Memb_status/membership_status, M/D/YYYY dates', () => {
    const list = parseNationalList(fixture('national-2020.csv'));
    // A four-digit ZIP in California is not guessed (a dropped 0 would make it a Massachusetts ZIP).
    expect(list.problems).toEqual([{ row: 5, column: 'Zip', issue: 'zip-review' }]);
    expect(list.unknownColumns).toEqual([]);
    const rows = byId('national-2020.csv');
    expect(rows.get('100001')).toMatchObject({
      firstName: 'Rosa',
      lastName: 'Quintero',
      emails: ['rosa.quintero@example.org'],
      phones: ['(213) 555-0101'],
      address: { lines: ['12 Alvarado St', 'Apt 3'], city: 'Los Angeles', state: 'CA' },
      zip: '90026',
      doNotCall: false,
      joinDate: '2017-03-07',
      xdate: '2021-03-07',
      membershipStatus: 'good_standing',
      membershipType: 'monthly',
      duesStatus: 'active',
      extra: { dsa_id: 'D-1' },
    });
    const tomas = rows.get('100002')!;
    expect(tomas).toMatchObject({
      firstName: 'Tomás',
      address: { lines: ['400 Tremont St, Unit 9'], city: 'Boston', state: 'MA' },
      zip: '02134', // a spreadsheet dropped the leading zero: Massachusetts ZIPs start with 0
      phones: ['213-555-0102'],
      doNotCall: true,
      membershipStatus: 'lapsed', // "Expired" in older files
      membershipType: 'yearly', // "Annual"
      duesStatus: 'never',
      extra: { dsa_id: 'D-2', middle_name: 'J', suffix: 'Jr' },
    });
    expect(rows.get('100003')).toMatchObject({ joinDate: '2020-01-15', membershipType: 'one_time' });
    expect(rows.get('100003')!.address).toBeUndefined();
    expect(rows.get('100004')!.zip).toBeUndefined();
    expect(rows.get('100004')).toMatchObject({ firstName: 'Dolores', phones: ['213-555-0104'] });
  });

  test('2021: Mailing_* wins over Billing_*, union and student answers, YDSA Chapter kept', () => {
    const rows = byId('national-2021.csv');
    expect(parseNationalList(fixture('national-2021.csv')).problems).toEqual([]);
    expect(rows.get('200001')).toMatchObject({
      firstName: 'Ana',
      lastName: 'Beltrán',
      address: { lines: ['77 Echo Park Ave'], city: 'Los Angeles', state: 'CA' },
      zip: '90026-1234',
      mailingPreference: 'mail',
      doNotCall: false,
      membershipStatus: 'lapsed',
      duesStatus: '2mo_plus_failed',
      unionMember: true,
      unionName: 'UTLA',
      unionLocal: 'Local 1021',
      student: false,
      extra: { dsa_id: 'D-21', dsa_chapter: 'Los Angeles' },
    });
    // No mailing address: the billing one is used rather than nothing.
    expect(rows.get('200002')).toMatchObject({
      address: { lines: ['9 Payment Rd'], city: 'Glendale', state: 'CA' },
      zip: '91203',
      phones: [],
      mailingPreference: 'no_mail',
      membershipType: 'income_based',
      membershipStatus: 'good_standing',
      unionMember: false,
      student: true,
      extra: { ydsa_chapter: 'Cal State LA YDSA', student_school_name: 'Cal State LA', dsa_chapter: 'Los Angeles' },
    });
  });

  test('late 2022: best_phone first, p2ptext_optout, annual dues for yearly members, memb_status_letter', () => {
    const rows = byId('national-2022.csv');
    expect(rows.get('300001')).toMatchObject({
      phones: ['+1 323 555 0120', '323-555-0121'],
      textOptOut: true,
      membershipType: 'yearly',
      duesStatus: 'active', // from annual_recurring_dues_status, the one that fits a yearly member
      membershipStatus: 'good_standing',
      extra: { accommodations: 'wheelchair access', dsa_chapter: 'Los Angeles' },
    });
    expect(rows.get('300002')).toMatchObject({
      membershipStatus: 'lapsed', // only the letter "L" was given
      duesStatus: 'canceled', // canceled_by_processor
      textOptOut: false,
    });
  });

  test('2023+: lower-case headers, mailing_pref, race and district kept, an unknown column kept', () => {
    const list = parseNationalList(fixture('national-2023.csv'));
    expect(list.problems).toEqual([]);
    expect(list.unknownColumns).toEqual(['favorite_committee']);
    const rows = byId('national-2023.csv');
    expect(rows.get('400001')).toMatchObject({
      firstName: 'Joaquín',
      lastName: 'Ruiz-Park',
      address: { lines: ['300 Main St', 'Floor 2'], city: 'Los Angeles', state: 'CA' },
      zip: '90013',
      mailingPreference: 'no_mail',
      joinDate: '2023-02-01',
      duesStatus: 'active',
      student: false,
      extra: {
        country: 'United States',
        dsa_chapter: 'Los Angeles',
        congressional_district: 'CA-34',
        favorite_committee: 'housing',
      },
    });
    expect(rows.get('400002')).toMatchObject({
      phones: ['213-555-0132'],
      doNotCall: true,
      textOptOut: true,
      mailingPreference: 'mail',
      duesStatus: 'past_due',
      membershipStatus: 'member',
      extra: { accommodations: 'ASL interpreter' },
    });
  });
});

test('headers match whatever their case, spacing and underscores', () => {
  const list = parseNationalList(
    csv(
      '  Ak_Id ,FIRST NAME,Last-Name,E-Mail,do not call,MEMBERSHIP STATUS',
      '7,Ada,Lovelace,ada@example.org,y,Lapsed',
    ),
  );
  expect(list.unknownColumns).toEqual([]);
  expect(list.rows[0]!.member).toMatchObject({
    actionkitId: '7',
    firstName: 'Ada',
    lastName: 'Lovelace',
    emails: ['ada@example.org'],
    doNotCall: true,
    membershipStatus: 'lapsed',
  });
});

test('a bad value is reported for its row and column; the rest of the row and file still count', () => {
  const list = parseNationalList(
    csv(
      'AK_ID,first_name,Email,Join_Date,Mobile_Phone,Zip,membership_status',
      '1,Ana,ana@example.org,2/30/2021,not a phone,9001x,somewhere in between',
      '2,Ben,ben@example.org,1/2/2021,213-555-0199,90012,member',
    ),
  );
  expect(list.rows).toHaveLength(2);
  expect(list.problems).toEqual([
    { row: 2, column: 'Join_Date', issue: 'invalid-value' },
    { row: 2, column: 'Mobile_Phone', issue: 'invalid-value' },
    { row: 2, column: 'Zip', issue: 'invalid-value' },
    { row: 2, column: 'membership_status', issue: 'invalid-value' },
  ]);
  expect(list.rows[0]!.member).toMatchObject({ firstName: 'Ana', emails: ['ana@example.org'], phones: [] });
  expect(list.rows[0]!.member.joinDate).toBeUndefined();
  expect(list.rows[0]!.member.membershipStatus).toBeUndefined();
  expect(list.rows[1]!.member).toMatchObject({ joinDate: '2021-01-02', zip: '90012', membershipStatus: 'member' });
});

test('problems carry no member data', () => {
  const list = parseNationalList(csv('AK_ID,first_name,Email', '1,Secretname,not-an-email'));
  expect(JSON.stringify(list.problems)).not.toMatch(/Secretname|not-an-email/);
  expect(list.problems).toEqual([{ row: 2, column: 'Email', issue: 'invalid-value' }]);
});

test('blank lines are skipped, quoted cells keep commas; a line break in a street cell makes two lines', () => {
  const list = parseNationalList('AK_ID,first_name,Address1\r\n\r\n5,"Li, Wei","1 A St\n(back door)"\r\n\r\n');
  expect(list.rows).toEqual([
    expect.objectContaining({ row: 3, member: expect.objectContaining({ firstName: 'Li, Wei' }) }),
  ]);
  expect(list.rows[0]!.member.address?.lines).toEqual(['1 A St', '(back door)']);
  const semi = parseNationalList(csv('AK_ID;first_name;Email', '9;Zoë;zoe@example.org'));
  expect(semi.rows[0]!.member).toMatchObject({ actionkitId: '9', firstName: 'Zoë' });
});

test('an unknown header appearing twice keeps both columns; a blank header gets a position name', () => {
  const list = parseNationalList(csv('AK_ID,first_name,notes,Notes,', '1,Ana,one,two,three'));
  expect(list.rows[0]!.member.extra).toEqual({ notes: 'one', notes_2: 'two', column_5: 'three' });
  expect(list.unknownColumns).toEqual(['notes', 'Notes', '']);
});

test('an apostrophe our export put before a formula-like cell is taken off again', () => {
  const list = parseNationalList(csv('AK_ID,first_name,best_phone', "1,Ana,'+1 213 555 0100"));
  expect(list.rows[0]!.member.phones).toEqual(['+1 213 555 0100']);
});
