/**
 * The weekly national-list import as organizers reported it going wrong (issue 11, item 4), one case each,
 * with rows of the header generation where each problem shows up. Every case here failed on the import
 * before these rules.
 */
import * as Y from 'yjs';
import { applyImport, consentKey, parseNationalList, planImport } from '../../../shared/csv';
import { importColumnMap, setImportColumn } from '../../../shared/model';
import type { SpaceData } from '../../../shared/model';
import { snapshot, space } from './helpers';
import { HEADER_2020, HEADER_2021, HEADER_2022, HEADER_2023, weeklyFile } from './weekly';

function planFile(data: SpaceData, text: string) {
  return planImport(data, parseNationalList(text, { columns: importColumnMap(data) }));
}
function importFile(data: SpaceData, text: string, accepted: readonly string[] = []) {
  return applyImport(data, planFile(data, text), { acceptedConsent: new Set(accepted) });
}
const byAk = (data: SpaceData, ak: string) => data.members.all().find((m) => m.actionkitId === ak)!;

describe('a four-digit ZIP (2020 list)', () => {
  const file = weeklyFile(HEADER_2020, [
    { AK_ID: '1', first_name: 'Rosa', City: 'Los Angeles', State: 'CA', Zip: '9001', Email: 'rosa@example.org' },
    { AK_ID: '2', first_name: 'Tomás', City: 'Boston', State: 'MA', Zip: '2134', Email: 'tomas@example.org' },
    { AK_ID: '3', first_name: 'Mei', City: 'Newark', State: 'New Jersey', Zip: '7102', Email: 'mei@example.org' },
    { AK_ID: '4', first_name: 'Ana', Zip: '9001', Email: 'ana@example.org' },
  ]);

  test('is padded only where the state’s ZIPs start with 0; elsewhere the row is flagged for review', () => {
    const data = space();
    const plan = planFile(data, file);
    expect(plan.problems).toEqual([
      { row: 2, column: 'Zip', issue: 'zip-review' },
      { row: 5, column: 'Zip', issue: 'zip-review' },
    ]);
    // The rest of each flagged row is imported; its ZIP is not guessed.
    expect(plan.created.map((c) => c.name)).toEqual(['Rosa', 'Tomás', 'Mei', 'Ana']);
    applyImport(data, plan);
    expect(byAk(data, '1').zip).toBeUndefined();
    expect(byAk(data, '2').zip).toBe('02134');
    expect(byAk(data, '3').zip).toBe('07102');
    expect(byAk(data, '4').zip).toBeUndefined();
  });

  test('a flagged ZIP never overwrites the one the chapter has', () => {
    const data = space();
    data.members.create({ firstName: 'Rosa', actionkitId: '1', zip: '90001' });
    const plan = planFile(data, file);
    expect(plan.changed.find((c) => c.name === 'Rosa')?.fields ?? []).not.toContain('zip');
    applyImport(data, plan);
    expect(byAk(data, '1').zip).toBe('90001');
  });
});

test('union_member in the member’s own words (2021 list) is kept, not reported invalid', () => {
  const data = space();
  const file = weeklyFile(HEADER_2021, [
    { AK_ID: '1', first_name: 'Ana', Email: 'ana@example.org', union_member: 'Currently organizing my workplace' },
    { AK_ID: '2', first_name: 'Ben', Email: 'ben@example.org', union_member: 'Yes, current union member' },
    { AK_ID: '3', first_name: 'Cy', Email: 'cy@example.org', union_member: 'No' },
  ]);
  const plan = planFile(data, file);
  expect(plan.problems).toEqual([]);
  applyImport(data, plan);
  expect(byAk(data, '1')).toMatchObject({ unionAnswer: 'Currently organizing my workplace' });
  expect(byAk(data, '1').unionMember).toBeUndefined(); // neither yes nor no
  expect(byAk(data, '2')).toMatchObject({ unionMember: true, unionAnswer: 'Yes, current union member' });
  expect(byAk(data, '3')).toMatchObject({ unionMember: false });
  expect(byAk(data, '3').unionAnswer).toBeUndefined();
});

test('a street cell with a line break (2023 list) becomes two address lines', () => {
  const data = space();
  const file = weeklyFile(HEADER_2023, [
    {
      actionkit_id: '1',
      first_name: 'Joaquín',
      email: 'jq@example.org',
      address1: '300 Main St\nFloor 2',
      address2: 'Suite 5',
      city: 'Los Angeles',
      state: 'CA',
      zip: '90013',
    },
  ]);
  importFile(data, file);
  expect(byAk(data, '1').address).toEqual({
    lines: ['300 Main St', 'Floor 2', 'Suite 5'],
    city: 'Los Angeles',
    state: 'CA',
  });
});

describe('consent national loosens waits for an organizer (2022 list)', () => {
  const week = (dnc: string, text: string) =>
    weeklyFile(HEADER_2022, [
      { AK_ID: '1', first_name: 'Lucía', Email: 'lucia@example.org', Do_Not_Call: dnc, p2ptext_optout: text },
    ]);

  test('shown, not written; written once accepted', () => {
    const data = space();
    importFile(data, week('TRUE', 'TRUE'));
    const id = byAk(data, '1').id;
    expect(byAk(data, '1')).toMatchObject({ doNotCall: true, textOptOut: true });

    // The member opted back in to calls through national; still no texts.
    const plan = planFile(data, week('FALSE', 'TRUE'));
    expect(plan.loosened.map((c) => [c.memberId, c.loosened])).toEqual([[id, [{ field: 'doNotCall', value: false }]]]);
    expect(plan.changed).toEqual([]); // nothing else changes
    const declined = Y.encodeStateAsUpdate(data.doc);
    const other = space();
    Y.applyUpdate(other.doc, declined);

    // Applied without accepting: still uncallable.
    expect(applyImport(other, planFile(other, week('FALSE', 'TRUE'))).consentAccepted).toBe(0);
    expect(other.members.get(id)).toMatchObject({ doNotCall: true, textOptOut: true });

    // Accepted: callable; texts untouched.
    expect(applyImport(data, plan, { acceptedConsent: new Set([consentKey(id, 'doNotCall')]) })).toMatchObject({
      consentAccepted: 1,
    });
    expect(data.members.get(id)).toMatchObject({ doNotCall: false, textOptOut: true });
  });

  test('once declined, the same answer is not asked again; a new change of national’s answer is', () => {
    const data = space();
    importFile(data, week('TRUE', 'FALSE'));
    importFile(data, week('FALSE', 'FALSE')); // declined (not accepted)
    expect(byAk(data, '1').doNotCall).toBe(true);
    expect(planFile(data, week('FALSE', 'FALSE')).loosened).toEqual([]);
    importFile(data, week('TRUE', 'FALSE'));
    expect(planFile(data, week('FALSE', 'FALSE')).loosened).toHaveLength(1);
  });

  test('a do-not-call the chapter recorded (national never said it) is never offered to loosen', () => {
    const data = space();
    importFile(data, week('FALSE', 'FALSE'));
    const id = byAk(data, '1').id;
    data.members.update(id, { doNotCall: true, mailingPreference: 'no_mail' }); // she told an organizer
    const plan = planFile(data, week('FALSE', 'FALSE'));
    expect(plan.loosened).toEqual([]);
    expect(plan.changed).toEqual([]);
    applyImport(data, plan, { acceptedConsent: new Set([consentKey(id, 'doNotCall')]) });
    expect(data.members.get(id)).toMatchObject({ doNotCall: true, mailingPreference: 'no_mail' });
  });

  test('mailing preference (2023 list): "no mail" to "mail" waits too', () => {
    const data = space();
    const file = (pref: string) =>
      weeklyFile(HEADER_2023, [{ actionkit_id: '7', first_name: 'Priya', email: 'p@example.org', mailing_pref: pref }]);
    importFile(data, file('no mail'));
    const id = byAk(data, '7').id;
    const plan = planFile(data, file('yes'));
    expect(plan.loosened[0]?.loosened).toEqual([{ field: 'mailingPreference', value: 'mail' }]);
    applyImport(data, plan);
    expect(data.members.get(id)!.mailingPreference).toBe('no_mail');
  });
});

test('emails: national’s current address first, the ones it replaced as history, no pile-up over four weeks', () => {
  const data = space();
  const week = (email: string) => weeklyFile(HEADER_2023, [{ actionkit_id: '1', first_name: 'Ana', email }]);
  importFile(data, week('ana@old.example.org'));
  const id = byAk(data, '1').id;
  // An organizer adds the address she gave at a meeting.
  data.members.update(id, { emails: ['ana@old.example.org', 'ana.personal@example.org'] });
  importFile(data, week('ana@work.example.org'));
  importFile(data, week('ana@school.example.edu'));
  importFile(data, week('Ana@New.example.org'));
  expect(data.members.get(id)).toMatchObject({
    emails: ['Ana@New.example.org', 'ana.personal@example.org'],
    emailHistory: ['ana@school.example.edu', 'ana@work.example.org', 'ana@old.example.org'],
  });
  // An address national goes back to leaves the history.
  importFile(data, week('ana@work.example.org'));
  expect(data.members.get(id)).toMatchObject({
    emails: ['ana@work.example.org', 'ana.personal@example.org'],
    emailHistory: ['Ana@New.example.org', 'ana@school.example.edu', 'ana@old.example.org'],
  });
});

describe('members missing from a new file (2023 list)', () => {
  const people = Array.from({ length: 40 }, (_, i) => ({
    actionkit_id: String(500 + i),
    first_name: `Member${i}`,
    email: `m${i}@example.org`,
    membership_status: 'member in good standing',
  }));

  test('are reported as dropped off the list; an ordinary week is not called cut short', () => {
    const data = space();
    importFile(data, weeklyFile(HEADER_2023, people));
    data.members.create({ firstName: 'Walk-in', emails: ['walkin@example.org'] }); // not national's: never "dropped"
    const plan = planFile(data, weeklyFile(HEADER_2023, people.slice(1)));
    expect(plan.droppedOff).toEqual([
      { memberId: byAk(data, '500').id, name: 'Member0', membershipStatus: 'good_standing' },
    ]);
    expect(plan.truncation).toBeNull();
  });

  test('a file cut off exactly at a row boundary is called out: fewer rows than last week, many members missing', () => {
    const data = space();
    importFile(data, weeklyFile(HEADER_2023, people));
    const cut = weeklyFile(HEADER_2023, people).split('\r\n').slice(0, 21).join('\r\n'); // header + 20 whole rows
    const list = parseNationalList(cut);
    expect(list.problems).toEqual([]); // nothing in the file itself looks wrong
    const plan = planImport(data, list);
    expect(plan.droppedOff).toHaveLength(20);
    expect(plan.truncation).toEqual({ rows: 20, previousRows: 40, missing: 20 });
  });

  test('the first time (no earlier list), many national members missing is called out too', () => {
    const data = space();
    for (const p of people) data.members.create({ firstName: p.first_name, actionkitId: p.actionkit_id });
    const plan = planFile(data, weeklyFile(HEADER_2023, people.slice(0, 25)));
    expect(plan.truncation).toEqual({ rows: 25, missing: 15 });
  });
});

test('a ragged row no longer refuses the file: it is listed, the others apply in one transaction', () => {
  const data = space();
  importFile(data, weeklyFile(HEADER_2021, [{ AK_ID: '2', first_name: 'Ben', Email: 'ben@example.org' }]));
  const good = weeklyFile(HEADER_2021, [
    { AK_ID: '1', first_name: 'Ana', Email: 'ana@example.org' },
    { AK_ID: '3', first_name: 'Cy', Email: 'cy@example.org' },
  ]).split('\r\n');
  // Row 3: an unquoted comma in the union answer slid every later cell one column right.
  const ragged = weeklyFile(HEADER_2021, [
    { AK_ID: '2', first_name: 'Ben', Email: 'ben@example.org', union_member: 'x' },
  ])
    .split('\r\n')[1]!
    .replace(',x,', ',Yes, current union member,');
  const text = [good[0], good[1], ragged, good[2]].join('\r\n');

  const plan = planFile(data, text);
  expect(plan.problems).toEqual([{ row: 3, column: '', issue: 'ragged', skipped: true }]);
  expect(plan.skippedRows).toBe(1);
  expect(plan.created.map((c) => c.name)).toEqual(['Ana', 'Cy']);
  expect(plan.droppedOff).toEqual([]); // Ben's row is in the file, even though it could not be read
  let transactions = 0;
  data.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.changed.size) transactions++;
  });
  expect(applyImport(data, plan)).toMatchObject({ created: 2 });
  expect(transactions).toBe(1);
});

test('a cell of several phone numbers (2023 list) gives each number, the same number once', () => {
  const data = space();
  const file = weeklyFile(HEADER_2023, [
    {
      actionkit_id: '1',
      first_name: 'Ana',
      email: 'a@example.org',
      mobile_phone: '363-211-1181, 3632111181, 363-2111181',
    },
    { actionkit_id: '2', first_name: 'Ben', email: 'b@example.org', mobile_phone: '213-555-0101; (310) 555-0199' },
    { actionkit_id: '3', first_name: 'Cy', email: 'c@example.org', home_phone: '213-555-0102 / call after 6' },
  ]);
  const plan = planFile(data, file);
  expect(plan.problems).toEqual([{ row: 4, column: 'home_phone', issue: 'invalid-value' }]);
  applyImport(data, plan);
  expect(byAk(data, '1').phones).toEqual(['363-211-1181']);
  expect(byAk(data, '2').phones).toEqual(['213-555-0101', '(310) 555-0199']);
  expect(byAk(data, '3').phones).toEqual(['213-555-0102']); // the note is reported; the number is kept
});

test('two names of one column in a header of the transition years: the newer is read, the other kept in extra', () => {
  const data = space();
  const text = weeklyFile(
    HEADER_2022.replace('annual_recurring_dues_status', 'annual_recurring_dues_status,yearly_dues_status'),
    [
      {
        AK_ID: '1',
        first_name: 'Lucía',
        Email: 'l@example.org',
        membership_type: 'annual',
        annual_recurring_dues_status: 'past_due',
        yearly_dues_status: 'active',
      },
    ],
  );
  const plan = planFile(data, text);
  expect(plan.supersededColumns).toEqual([{ header: 'annual_recurring_dues_status', by: 'yearly_dues_status' }]);
  expect(plan.unknownColumns).toEqual([]);
  applyImport(data, plan);
  expect(byAk(data, '1')).toMatchObject({
    duesStatus: 'active',
    extra: { annual_recurring_dues_status: 'past_due' },
  });
  // The very same name twice is still refused: nobody can tell which is right.
  expect(() => parseNationalList('AK_ID,Email,email\n1,a@example.org,b@example.org\n')).toThrow(
    expect.objectContaining({ reason: 'duplicate-column' }),
  );
});

test('AK_ID beside actionkit_id (2022→2023): actionkit_id is read', () => {
  const list = parseNationalList('AK_ID,actionkit_id,first_name\n111,222,Ana\n');
  expect(list.rows[0]!.member).toMatchObject({ actionkitId: '222', extra: { ak_id: '111' } });
});

describe('a new column the chapter maps to a field', () => {
  // A week where national renamed its mobile column.
  const file = weeklyFile(HEADER_2023.replace(',mobile_phone', '') + ',sms_number,favorite_committee', [
    {
      actionkit_id: '1',
      first_name: 'Ana',
      email: 'a@example.org',
      sms_number: '213-555-0170',
      favorite_committee: 'housing',
    },
  ]);

  test('is kept in extra until mapped; once mapped (a setting of the space) it is read into the field', () => {
    const data = space();
    const first = planFile(data, file);
    expect(first.unknownColumns).toEqual(['sms_number', 'favorite_committee']);
    applyImport(data, first);
    expect(byAk(data, '1')).toMatchObject({ phones: [], extra: { sms_number: '213-555-0170' } });

    setImportColumn(data, 'sms_number', 'mobile_phone');
    // The choice is part of the space: another organizer's copy of it has it too.
    const copy = space();
    Y.applyUpdate(copy.doc, snapshot(data));
    expect(importColumnMap(copy)).toEqual({ sms_number: 'mobile_phone' });

    const next = planFile(data, file);
    expect(next.unknownColumns).toEqual(['favorite_committee']);
    expect(next.chosenColumns).toEqual([{ header: 'sms_number', column: 'mobile_phone' }]);
    applyImport(data, next);
    expect(byAk(data, '1').phones).toEqual(['213-555-0170']);
  });

  test('a choice naming no column the import knows is ignored; a known header of the same column wins', () => {
    const data = space();
    setImportColumn(data, 'sms_number', 'shoe_size');
    setImportColumn(data, 'favorite_committee', 'mobile_phone');
    const text = weeklyFile(HEADER_2023 + ',sms_number,favorite_committee', [
      { actionkit_id: '1', first_name: 'Ana', mobile_phone: '213-555-0100', sms_number: 'x', favorite_committee: 'y' },
    ]);
    const plan = planFile(data, text);
    expect(plan.unknownColumns).toEqual(['sms_number', 'favorite_committee']);
    expect(plan.supersededColumns).toEqual([{ header: 'favorite_committee', by: 'mobile_phone' }]);
  });
});

test('rows of every header generation import side by side into one roster without problems', () => {
  const data = space();
  const files = [
    weeklyFile(HEADER_2020, [{ AK_ID: '1', first_name: 'Ana', Email: 'ana@example.org', State: 'CA', Zip: '90012' }]),
    weeklyFile(HEADER_2021, [{ AK_ID: '1', first_name: 'Ana', Email: 'ana@example.org', union_member: 'Organizing' }]),
    weeklyFile(HEADER_2022, [{ AK_ID: '1', first_name: 'Ana', Email: 'ana@example.org', p2ptext_optout: 'TRUE' }]),
    weeklyFile(HEADER_2023, [{ actionkit_id: '1', first_name: 'Ana', email: 'ana@example.org', race: 'Latina' }]),
  ];
  for (const f of files) {
    expect(planFile(data, f).problems).toEqual([]);
    importFile(data, f);
  }
  expect(data.members.size).toBe(1);
  expect(byAk(data, '1')).toMatchObject({
    zip: '90012',
    unionAnswer: 'Organizing',
    textOptOut: true,
    emails: ['ana@example.org'],
    extra: { race: 'Latina' },
  });
});

test('column choices a peer wrote badly are ignored; odd headers stay plain keys', () => {
  const data = space();
  setImportColumn(data, '__proto__', 'email');
  setImportColumn(data, 'constructor', 'mobile_phone');
  expect(() => setImportColumn(data, 'x'.repeat(101), 'email')).toThrow(
    expect.objectContaining({ code: 'invalid-data' }),
  );
  // Another organizer's (older or hostile) copy wrote a number and an over-long value.
  data.transact(() => {
    const columns = data.doc.getMap('meta').get('importColumns') as Y.Map<unknown>;
    columns.set('weird', 42);
    columns.set('long', 'y'.repeat(500));
  });
  const choices = importColumnMap(data);
  expect(Object.keys(choices).sort()).toEqual(['__proto__', 'constructor']);
  expect(Object.getPrototypeOf(choices)).toBe(Object.prototype);
  const list = parseNationalList('AK_ID,first_name,constructor,toString\n1,Ana,213-555-0100,x\n', {
    columns: choices,
  });
  expect(list.rows[0]!.member).toMatchObject({ phones: ['213-555-0100'], extra: { tostring: 'x' } });
});
