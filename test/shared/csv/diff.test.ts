import type * as Y from 'yjs';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import type { SpaceData } from '../../../shared/model';
import { csv, fixture, snapshot, space } from './helpers';

const HEADER =
  'actionkit_id,first_name,last_name,email,best_phone,do_not_call,p2ptext_optout,mailing_pref,membership_status,monthly_dues_status,xdate,race';

function plan(data: SpaceData, ...rows: string[]) {
  return planImport(data, parseNationalList(csv(HEADER, ...rows)));
}
function run(data: SpaceData, ...rows: string[]) {
  return applyImport(data, plan(data, ...rows));
}
function memberByAk(data: SpaceData, ak: string) {
  return data.members.all().find((m) => m.actionkitId === ak)!;
}

test('a first import creates everyone; the plan shows them before anything is written', () => {
  const data = space();
  const before = snapshot(data);
  const p = planImport(data, parseNationalList(fixture('national-2023.csv')));
  expect(snapshot(data)).toEqual(before);
  expect(p.created.map((c) => [c.row, c.name])).toEqual([
    [2, 'Joaquín Ruiz-Park'],
    [3, 'Priya Natarajan'],
  ]);
  expect(p.changed).toEqual([]);
  expect(p.unknownColumns).toEqual(['favorite_committee']);
  expect(applyImport(data, p)).toEqual({
    created: 2,
    updated: 0,
    newlyLapsed: 0,
    consentAccepted: 0,
    replanned: false,
  });
  const joaquin = memberByAk(data, '400001');
  expect(joaquin).toMatchObject({ firstName: 'Joaquín', zip: '90013', mailingPreference: 'no_mail' });
  expect(joaquin.extra).toMatchObject({ favorite_committee: 'housing', congressional_district: 'CA-34' });
});

test('new, changed (with fields), newly lapsed and unchanged are told apart', () => {
  const data = space();
  run(
    data,
    '1,Ana,Ruiz,ana@example.org,213-555-0101,FALSE,FALSE,yes,member in good standing,active,2025-01-01,',
    '2,Ben,Cho,ben@example.org,,FALSE,FALSE,,member,active,2025-02-01,',
    '3,Cy,Diaz,cy@example.org,,FALSE,FALSE,,member,active,2025-03-01,',
    '4,Dee,Eng,dee@example.org,,FALSE,FALSE,,lapsed,lapsed,2024-03-01,',
  );
  const p = plan(
    data,
    '1,Ana,Ruiz,ana@example.org,213-555-0101,FALSE,FALSE,yes,lapsed,2mo_plus_failed,2025-01-01,', // lapsed now
    '2,Ben,Cho,ben@example.org,,FALSE,FALSE,,member,active,2026-02-01,White', // renewed, new column value
    '3,Cy,Diaz,cy@example.org,,FALSE,FALSE,,member,active,2025-03-01,', // unchanged
    '4,Dee,Eng,dee@example.org,,FALSE,FALSE,,lapsed,lapsed,2024-03-01,', // still lapsed: not "newly"
    '5,Eve,Fox,eve@example.org,,FALSE,FALSE,,member,active,2026-05-01,', // new
  );
  expect(p.created.map((c) => c.name)).toEqual(['Eve Fox']);
  expect(p.changed.map((c) => [c.name, c.fields, c.newlyLapsed, c.matchedBy])).toEqual([
    ['Ana Ruiz', ['membershipStatus', 'duesStatus'], true, 'actionkitId'],
    ['Ben Cho', ['xdate', 'extra.race'], false, 'actionkitId'],
  ]);
  expect(p.newlyLapsed.map((c) => c.name)).toEqual(['Ana Ruiz']);
  expect(p.unchanged).toBe(2);
  expect(applyImport(data, p)).toEqual({
    created: 1,
    updated: 2,
    newlyLapsed: 1,
    consentAccepted: 0,
    replanned: false,
  });
  expect(memberByAk(data, '1')).toMatchObject({ membershipStatus: 'lapsed', duesStatus: '2mo_plus_failed' });
  expect(memberByAk(data, '2')).toMatchObject({ xdate: '2026-02-01', extra: { race: 'White' } });
});

test('the whole plan is one transaction (one change-log entry)', () => {
  const data = space();
  data.setName('Chapter'); // the space's first write also stamps its schema version, in a transaction of its own
  let transactions = 0;
  data.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.changed.size) transactions++;
  });
  run(data, '1,Ana,Ruiz,ana@example.org,,,,,member,,,', '2,Ben,Cho,ben@example.org,,,,,member,,,');
  expect(transactions).toBe(1);
  expect(data.members.size).toBe(2);
});

test('re-importing the same file changes nothing at all', () => {
  for (const file of ['national-2020.csv', 'national-2021.csv', 'national-2022.csv', 'national-2023.csv']) {
    const data = space();
    applyImport(data, planImport(data, parseNationalList(fixture(file))));
    const after = snapshot(data);
    const again = planImport(data, parseNationalList(fixture(file)));
    expect({ file, created: again.created.length, changed: again.changed.length }).toEqual({
      file,
      created: 0,
      changed: 0,
    });
    expect(again.unchanged).toBe(data.members.size);
    expect(applyImport(data, again)).toMatchObject({ created: 0, updated: 0 });
    expect(snapshot(data)).toEqual(after);
  }
});

test('a member added by hand is found by e-mail, and gets the ActionKit id', () => {
  const data = space();
  const id = data.members.create({ firstName: 'Ana', emails: ['Ana@Example.org'], tags: ['met-at-rally'] });
  const p = plan(data, '77,Ana,Ruiz,ana@example.org,,,,,member,,,');
  expect(p.created).toEqual([]);
  expect(p.changed).toMatchObject([{ memberId: id, matchedBy: 'email' }]);
  expect(p.changed[0]!.fields).toEqual(['actionkitId', 'lastName', 'membershipStatus']);
  applyImport(data, p);
  expect(data.members.get(id)).toMatchObject({ actionkitId: '77', lastName: 'Ruiz', tags: ['met-at-rally'] });
  expect(data.members.size).toBe(1);
});

test('an e-mail shared by a member with another ActionKit id is not a match; two hand-entered matches are ambiguous', () => {
  const data = space();
  data.members.create({ firstName: 'Pat', actionkitId: '10', emails: ['family@example.org'] });
  const p = plan(data, '11,Sam,Lee,family@example.org,,,,,member,,,');
  expect(p.created.map((c) => c.name)).toEqual(['Sam Lee']);
  data.members.create({ firstName: 'Kim', emails: ['shared@example.org'] });
  data.members.create({ firstName: 'Lou', emails: ['shared@example.org'] });
  const q = plan(data, '12,Kim,Park,shared@example.org,,,,,member,,,');
  expect(q.created).toEqual([]);
  expect(q.changed).toEqual([]);
  expect(q.problems).toEqual([{ row: 2, column: 'emails', issue: 'ambiguous-email' }]);
});

test('rows without an id, duplicated ids and new rows without a first name are reported, not imported', () => {
  const data = space();
  const p = planImport(
    data,
    parseNationalList(
      csv(
        'AK_ID,first_name,Email',
        ',Nobody,',
        '5,Ana,ana@example.org',
        '5,Ana again,ana2@example.org',
        '6,,x@example.org',
      ),
    ),
  );
  expect(p.created.map((c) => c.name)).toEqual(['Ana']);
  expect(p.problems).toEqual([
    { row: 2, column: 'actionkitId', issue: 'no-id' },
    { row: 4, column: 'actionkitId', issue: 'duplicate-id' },
    { row: 5, column: 'firstName', issue: 'no-first-name' },
  ]);
});

describe('consent is never weakened', () => {
  test('do-not-call, no texts and no mail in the file are set', () => {
    const data = space();
    run(data, '1,Ana,Ruiz,ana@example.org,213-555-0101,FALSE,FALSE,yes,member,,,');
    const p = plan(data, '1,Ana,Ruiz,ana@example.org,213-555-0101,TRUE,TRUE,no,member,,,');
    expect(p.changed[0]!.fields).toEqual(['doNotCall', 'textOptOut', 'mailingPreference']);
    applyImport(data, p);
    expect(memberByAk(data, '1')).toMatchObject({ doNotCall: true, textOptOut: true, mailingPreference: 'no_mail' });
  });

  test('our do-not-call, no texts and no mail stay when the file says otherwise', () => {
    const data = space();
    run(data, '1,Ana,Ruiz,ana@example.org,213-555-0101,FALSE,FALSE,yes,member,,,');
    const id = memberByAk(data, '1').id;
    // The member told the chapter directly.
    data.members.update(id, { doNotCall: true, textOptOut: true, mailingPreference: 'no_mail' });
    const p = plan(data, '1,Ana,Ruiz,ana@example.org,213-555-0101,FALSE,FALSE,yes,member,,,');
    expect(p.changed).toEqual([]);
    expect(p.unchanged).toBe(1);
    // Even when other fields change, consent is left out of the patch.
    const q = plan(data, '1,Ana,Ruiz,ana@example.org,213-555-0101,FALSE,FALSE,yes,lapsed,,,');
    expect(q.changed[0]!.fields).toEqual(['membershipStatus']);
    applyImport(data, q);
    expect(data.members.get(id)).toMatchObject({ doNotCall: true, textOptOut: true, mailingPreference: 'no_mail' });
  });
});

test('phones are merged, never dropped; the email national replaced goes to history; an empty cell erases nothing', () => {
  const data = space();
  run(data, '1,Ana,Ruiz,ana@example.org,213-555-0101,,,,member,,2025-01-01,');
  const id = memberByAk(data, '1').id;
  data.members.update(id, { phones: ['213-555-0101', '310-555-0199'] });
  const p = plan(data, '1,Ana,,ana.ruiz@example.org,+1 (213) 555-0101,,,,,,,');
  expect(p.changed[0]!.fields).toEqual(['emails', 'emailHistory']);
  applyImport(data, p);
  expect(data.members.get(id)).toMatchObject({
    lastName: 'Ruiz',
    emails: ['ana.ruiz@example.org'],
    emailHistory: ['ana@example.org'],
    phones: ['213-555-0101', '310-555-0199'],
    membershipStatus: 'member',
    xdate: '2025-01-01',
  });
});

test('a plan applied after the roster changed is planned again: nobody is created twice', () => {
  const data = space();
  const p = plan(data, '1,Ana,Ruiz,ana@example.org,,,,,member,,,');
  // Meanwhile a sync brought Ana in from another organizer's laptop.
  data.members.create({ firstName: 'Ana', actionkitId: '1', emails: ['ana@example.org'], membershipStatus: 'member' });
  expect(applyImport(data, p)).toMatchObject({ created: 0, replanned: true });
  expect(data.members.size).toBe(1);
});

test('a value the model refuses is a row problem, not a failed import', () => {
  const data = space();
  const long = 'x'.repeat(101);
  const p = planImport(
    data,
    parseNationalList(csv('AK_ID,first_name,Email', `1,${long},a@example.org`, '2,Bo,b@example.org')),
  );
  expect(p.created.map((c) => c.name)).toEqual(['Bo']);
  expect(p.problems).toEqual([
    { row: 2, column: 'first_name', issue: 'invalid-value' },
    { row: 2, column: 'firstName', issue: 'no-first-name' },
  ]);
});
