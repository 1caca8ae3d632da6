/**
 * The import worker's messages, in Node with real Yjs: the reply to a request
 * (file bytes + a plain roster snapshot) survives structured cloning and gives
 * the same plan as planning on the document; a malformed file gives the same
 * BadCsvError (reason and line) as before, with nothing written.
 */
import * as Y from 'yjs';
import { answerPlanRequest, PLAN_PROTOCOL, planFromReply } from '../../../renderer/csv/plan-protocol';
import { planRequest } from '../../../renderer/csv/plan-off-thread';
import { applyImport, BadCsvError, memberSnapshot, parseNationalList, planImport } from '../../../shared/csv';
import { importColumnMap, setImportColumn } from '../../../shared/model';
import { csv, fixture, snapshot, space } from '../../shared/csv/helpers';

const bytes = (text: string) => new TextEncoder().encode(text);

/** What `work` threw (undefined when it did not throw). */
function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (e) {
    return e;
  }
  return undefined;
}

test('the plan from a cloned request and reply is the plan made on the document', () => {
  const data = space();
  data.members.create({ firstName: 'Priya', emails: ['priya.n@example.org'], tags: ['phone bank'] });
  const file = fixture('national-2023.csv');
  const request = structuredClone(planRequest(data, file));
  const reply = structuredClone(answerPlanRequest(request));
  const plan = planFromReply(reply);

  const here = planImport(data, parseNationalList(file));
  expect(plan).toEqual(here);
  expect(plan.created.length).toBe(1);
  expect(plan.changed.map((c) => c.name)).toEqual(['Priya']);
  expect(plan.basis).toEqual(Y.encodeStateVector(data.doc));
});

test('the roster snapshot holds what planning reads, not the organizer’s own fields', () => {
  const data = space();
  data.members.create({
    firstName: 'Ana',
    emails: ['ana@example.org'],
    tags: ['host'],
    assessment: 4,
    doNotCall: true,
  });
  const [member] = planRequest(data, new Uint8Array()).members;
  expect(member).toEqual(memberSnapshot(data.members.all()[0]!));
  expect(member).toMatchObject({ firstName: 'Ana', emails: ['ana@example.org'], doNotCall: true });
  expect(member).not.toHaveProperty('tags');
  expect(member).not.toHaveProperty('assessment');
  expect(member).not.toHaveProperty('assessmentHistory');
});

test.each([
  ['a workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])],
  ['no row shaped like the header', bytes(csv('actionkit_id,first_name,email', '1,Ana', '2,Ben'))],
  ['an unclosed quote', bytes(csv('actionkit_id,first_name', '1,"Ana'))],
  ['no id column', bytes(csv('first_name', 'Ana'))],
  ['an empty file', new Uint8Array()],
])('%s: the same refusal as planning on the page, nothing written', (_name, file) => {
  const data = space();
  data.members.create({ firstName: 'Ana', actionkitId: '1' });
  const before = snapshot(data);
  const expected = thrownBy(() => parseNationalList(file));
  expect(expected).toBeInstanceOf(BadCsvError);

  const reply = structuredClone(answerPlanRequest(planRequest(data, file)));
  expect(reply).not.toHaveProperty('plan');
  const thrown = thrownBy(() => planFromReply(reply));
  expect(thrown).toBeInstanceOf(BadCsvError);
  const { reason, line, code } = thrown as BadCsvError;
  const want = expected as BadCsvError;
  expect({ reason, line, code }).toEqual({ reason: want.reason, line: want.line, code: 'bad-csv' });
  expect(Buffer.compare(snapshot(data), before)).toBe(0);
});

test('a reply of another protocol version or an unknown reason is refused, not trusted', () => {
  const request = { ...planRequest(space(), new Uint8Array()), v: 1 as unknown as typeof PLAN_PROTOCOL };
  expect(answerPlanRequest(request)).toEqual({ v: PLAN_PROTOCOL, error: 'internal' });
  expect(() => planFromReply({ v: 1 as unknown as typeof PLAN_PROTOCOL, error: 'x' })).toThrow('another version');
  expect(() => planFromReply({ v: PLAN_PROTOCOL, badCsv: 'nope' as never })).toThrow('unknown reason');
  expect(() => planFromReply({ v: PLAN_PROTOCOL, error: 'internal' })).toThrow('import planning failed');
});

test('the worker reads the file with the chapter’s column choices and the last list’s size', () => {
  const data = space();
  setImportColumn(data, 'sms_number', 'mobile_phone');
  const people = Array.from({ length: 30 }, (_, i) => `${i},M${i},213-555-01${String(i).padStart(2, '0')}`);
  applyImport(data, planImport(data, parseNationalList(csv('actionkit_id,first_name,sms_number', ...people))));
  const cut = bytes(csv('actionkit_id,first_name,sms_number', ...people.slice(0, 12)));
  const plan = planFromReply(structuredClone(answerPlanRequest(planRequest(data, cut))));
  expect(plan.chosenColumns).toEqual([{ header: 'sms_number', column: 'mobile_phone' }]);
  expect(plan.truncation).toEqual({ rows: 12, previousRows: 30, missing: 18 });
  expect(plan).toEqual(planImport(data, parseNationalList(cut, { columns: importColumnMap(data) })));
});
