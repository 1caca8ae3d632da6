import Papa from 'papaparse';
import { applyImport, exportMembers, parseNationalList, planImport, safeCell } from '../../../shared/csv';
import type { ExportList } from '../../../shared/csv';
import type { MemberInput, SpaceData } from '../../../shared/model';
import { snapshot, space } from './helpers';

function chapter(): SpaceData {
  const data = space();
  const people: MemberInput[] = [
    {
      firstName: 'Callable',
      lastName: 'Texter',
      phones: ['213-555-0101'],
      emails: ['ct@example.org'],
      address: { lines: ['1 A St'], city: 'Los Angeles', state: 'CA' },
      zip: '90012',
      actionkitId: '1',
      membershipStatus: 'good_standing',
    },
    {
      firstName: 'Nocall',
      lastName: 'Person',
      phones: ['213-555-0102'],
      doNotCall: true,
      address: { lines: ['2 B St'], city: 'Los Angeles', state: 'CA' },
      actionkitId: '2',
    },
    { firstName: 'Notext', lastName: 'Person', phones: ['213-555-0103'], textOptOut: true, actionkitId: '3' },
    {
      firstName: 'Nomail',
      lastName: 'Person',
      phones: ['213-555-0104'],
      mailingPreference: 'no_mail',
      address: { lines: ['4 D St'], city: 'Los Angeles', state: 'CA' },
      actionkitId: '4',
    },
  ];
  for (const p of people) data.members.create(p);
  return data;
}

function rows(data: SpaceData, list: ExportList): Record<string, string>[] {
  const text = exportMembers(data.members.all(), list);
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
}
const names = (r: Record<string, string>[]) => r.map((x) => x.first_name).sort();

test('a call list leaves out do-not-call members and never holds their phone', () => {
  const data = chapter();
  const call = rows(data, 'call');
  expect(names(call)).toEqual(['Callable', 'Nomail', 'Notext']);
  expect(exportMembers(data.members.all(), 'call')).not.toContain('555-0102');
});

test('a text list leaves out text opt-outs (and do-not-call)', () => {
  const text = rows(chapter(), 'text');
  expect(names(text)).toEqual(['Callable', 'Nomail']);
});

test('a mailing list leaves out "no mail" and members without an address', () => {
  const data = chapter();
  expect(names(rows(data, 'mail'))).toEqual(['Callable', 'Nocall']);
  expect(exportMembers(data.members.all(), 'mail')).not.toContain('4 D St');
});

test('the roster list has everyone, blanks a do-not-call phone and a no-mail address, and says why', () => {
  const data = chapter();
  const roster = rows(data, 'roster');
  expect(names(roster)).toEqual(['Callable', 'Nocall', 'Nomail', 'Notext']);
  const nocall = roster.find((r) => r.first_name === 'Nocall')!;
  expect(nocall).toMatchObject({ best_phone: '', do_not_call: 'TRUE', address1: '2 B St' });
  const nomail = roster.find((r) => r.first_name === 'Nomail')!;
  expect(nomail).toMatchObject({ address1: '', city: '', mailing_pref: 'no mail', best_phone: '213-555-0104' });
  expect(roster.find((r) => r.first_name === 'Callable')).toMatchObject({
    membership_status: 'member in good standing',
    email: 'ct@example.org',
  });
});

test('cells a spreadsheet would run as formulas get a leading apostrophe', () => {
  expect(safeCell('=HYPERLINK("http://evil.example","click")')).toBe('\'=HYPERLINK("http://evil.example","click")');
  for (const s of ['+1 213 555 0100', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(safeCell(s)).toBe(`'${s}`);
  expect(safeCell('Ana')).toBe('Ana');
  const data = space();
  data.members.create({ firstName: '=cmd|"/c calc"!A1', lastName: '@evil', phones: ['+1 213 555 0100'] });
  const [row] = rows(data, 'call');
  expect(row).toMatchObject({ first_name: '\'=cmd|"/c calc"!A1', last_name: "'@evil", best_phone: "'+1 213 555 0100" });
});

test('a roster export imports back into the same roster without a change anyone sees', () => {
  const data = chapter();
  const text = exportMembers(data.members.all(), 'roster');
  // What an organizer sees of each member; the import notes what "national" said (`national`) besides.
  const shown = () => data.members.all().map(({ national: _, updatedAt: _at, updatedBy: _by, ...rest }) => rest);
  const before = shown();
  const plan = planImport(data, parseNationalList(text));
  expect(plan.problems).toEqual([]);
  expect(plan.created).toEqual([]);
  expect(plan.changed).toEqual([]);
  expect(plan.loosened).toEqual([]);
  expect(plan.droppedOff).toEqual([]);
  applyImport(data, plan);
  expect(shown()).toEqual(before);
  // Once noted, the same file again writes nothing at all.
  const after = snapshot(data);
  applyImport(data, planImport(data, parseNationalList(text)));
  expect(snapshot(data)).toEqual(after);
});
