/**
 * Leadership terms and rotation (shared/model/role.ts, hand-over.ts) and the rules a chapter sets
 * for itself in the space's meta (chapter-rules.ts): active = N of the last M events of kind K, and
 * term limits per kind of role.
 */
import * as Y from 'yjs';
import { isAppError } from '../../../shared/errors';
import {
  DEFAULT_ACTIVE_RULE,
  activeAttendees,
  activeRule,
  attendanceCounts,
  handOver,
  metaMap,
  rolesDueForRotation,
  rotation,
  seatHistory,
  setActiveRule,
  setTermLimit,
  termEndAfter,
  termLimits,
  type Role,
} from '../../../shared/model';
import { makeSpace, snapshot, syncDocs } from './helpers';

function expectAppError(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isAppError(caught) && caught.code).toBe(code);
}

describe('who counts as active', () => {
  function chapter() {
    const { space } = makeSpace();
    const [ana, ben, cy] = ['Ana', 'Ben', 'Cy'].map((firstName) => space.members.create({ firstName }));
    const gm = (date: string, memberIds: string[]) =>
      space.attendance.create({ eventName: 'GM', kind: 'general_meeting', date, memberIds });
    gm('2026-09-01', [ana!, ben!]);
    gm('2026-10-01', [ana!]);
    gm('2026-11-01', [ana!, cy!]);
    gm('2026-11-15', []); // planned, nobody recorded: not a meeting everybody missed
    gm('2027-01-01', [ben!, cy!]); // after the day counted
    space.attendance.create({ eventName: 'Rally', kind: 'action', date: '2026-11-20', memberIds: [ben!, cy!] });
    return { space, ana: ana!, ben: ben!, cy: cy! };
  }

  test('N of the last M events of kind K, counted on a day; events nobody was recorded at do not count', () => {
    const { space, ana, ben, cy } = chapter();
    const events = space.attendance.all();
    const rule = { kind: 'general_meeting' as const, last: 3, onDay: '2026-12-04' };
    expect(Object.fromEntries(attendanceCounts(events, rule))).toEqual({ [ana]: 3, [ben]: 1, [cy]: 1 });
    expect([...activeAttendees(events, { ...rule, min: 2 })]).toEqual([ana]);
    expect([...activeAttendees(events, { ...rule, last: 2, min: 2 })]).toEqual([ana]);
    // Any kind: the rally counts, and is the latest.
    expect(Object.fromEntries(attendanceCounts(events, { ...rule, kind: 'any', last: 2 }))).toEqual({
      [ana]: 1,
      [ben]: 1,
      [cy]: 2,
    });
  });

  test("the chapter's rule lives in the space and syncs; the default until it is set", () => {
    const a = makeSpace('A');
    const b = makeSpace('B', new Y.Doc());
    expect(activeRule(a.space)).toEqual(DEFAULT_ACTIVE_RULE);
    setActiveRule(a.space, { kind: 'any', last: 6, min: 4 });
    syncDocs(a.doc, b.doc);
    expect(activeRule(b.space)).toEqual({ kind: 'any', last: 6, min: 4 });
  });

  test('a rule that makes no sense is refused, doc untouched; a bad value a peer wrote reads as the default', () => {
    const { space, doc } = makeSpace();
    const before = snapshot(doc);
    expectAppError(() => setActiveRule(space, { kind: 'any', last: 2, min: 3 }), 'invalid-data');
    expectAppError(() => setActiveRule(space, { kind: 'picnic' as never, last: 2, min: 1 }), 'invalid-data');
    expectAppError(() => setActiveRule(space, { kind: 'any', last: 0, min: 0 }), 'invalid-data');
    expectAppError(() => setActiveRule(space, { kind: 'any', last: 1.5, min: 1 }), 'invalid-data');
    expect(snapshot(doc)).toEqual(before);
    for (const hostile of [
      '2 of 3',
      { kind: 'any', last: 1e9, min: 1 },
      { kind: 'any', last: 3, min: 2, extra: 1 },
      null,
    ]) {
      doc.transact(() => metaMap(doc).set('activeRule', hostile));
      expect(activeRule(space)).toEqual(DEFAULT_ACTIVE_RULE);
    }
  });
});

describe('term limits', () => {
  test('one key per kind: two organizers setting two kinds at once both win; clearing removes the rule', () => {
    const a = makeSpace('A');
    const b = makeSpace('B', new Y.Doc());
    setTermLimit(a.space, 'co_chair', { termMonths: 24, maxTerms: 2 });
    setTermLimit(b.space, 'treasurer', { termMonths: 12 });
    syncDocs(a.doc, b.doc);
    expect(termLimits(a.space)).toEqual({ co_chair: { termMonths: 24, maxTerms: 2 }, treasurer: { termMonths: 12 } });
    expect(termLimits(b.space)).toEqual(termLimits(a.space));
    setTermLimit(b.space, 'treasurer', {});
    expect(termLimits(b.space)).toEqual({ co_chair: { termMonths: 24, maxTerms: 2 } });
  });

  test('bad limits are refused; values a peer wrote in another shape are ignored', () => {
    const { space, doc } = makeSpace();
    expectAppError(() => setTermLimit(space, 'co_chair', { termMonths: 0 }), 'invalid-data');
    expectAppError(() => setTermLimit(space, 'co_chair', { maxTerms: 2.5 }), 'invalid-data');
    expectAppError(() => setTermLimit(space, 'emperor' as never, { maxTerms: 2 }), 'invalid-data');
    doc.transact(() => {
      metaMap(doc).set('roleTermLimit.co_chair', { maxTerms: -1 });
      metaMap(doc).set('roleTermLimit.secretary', 'two years');
      metaMap(doc).set('roleTermLimit.treasurer', { termMonths: 12, sneaky: true });
    });
    expect(termLimits(space)).toEqual({});
  });

  test('the end of a term of N months', () => {
    expect(termEndAfter('2025-01-01', 12)).toBe('2025-12-31');
    expect(termEndAfter('2025-03-15', 24)).toBe('2027-03-14');
    expect(termEndAfter('2024-02-29', 12)).toBe('2025-02-28');
    expect(termEndAfter('2025-01-31', 1)).toBe('2025-02-28');
    expect(termEndAfter('2024-01-31', 1)).toBe('2024-02-29');
  });
});

describe('rotation', () => {
  let n = 0;
  const term = (over: Partial<Role>): Role =>
    ({
      id: `r${n++}`,
      role: 'co_chair',
      holderId: 'ana',
      termStart: '2024-01-01',
      createdBy: 'x',
      createdAt: 0,
      updatedBy: 'x',
      updatedAt: 0,
      ...over,
    }) as Role;
  const statusOf = (views: ReturnType<typeof rotation>, id: string) => views.find((v) => v.role.id === id)!;

  test('status of each term on a day: upcoming, ok, due, overdue, no end, ended (a next term recorded)', () => {
    const old = term({ termStart: '2023-01-01', termEnd: '2023-12-31' });
    const followed = term({ holderId: 'ben', termStart: '2024-01-01', termEnd: '2024-12-31' });
    const overdue = term({ role: 'treasurer', termStart: '2024-01-01', termEnd: '2024-12-31' });
    const due = term({ role: 'secretary', termStart: '2025-01-01', termEnd: '2025-02-15' });
    const ok = term({ role: 'coordinator', termStart: '2025-01-01', termEnd: '2025-12-31' });
    const open = term({ role: 'steering_committee', termStart: '2024-06-01' });
    const later = term({ role: 'group_lead', groupId: 'g1', termStart: '2025-03-01', termEnd: '2026-02-28' });
    const views = rotation([old, followed, overdue, due, ok, open, later], { onDay: '2025-01-10', withinDays: 60 });
    expect(statusOf(views, old.id)).toMatchObject({ status: 'ended', next: followed });
    expect(statusOf(views, followed.id).status).toBe('overdue'); // nobody after Ben
    expect(statusOf(views, overdue.id).status).toBe('overdue');
    expect(statusOf(views, due.id).status).toBe('due');
    expect(statusOf(views, ok.id).status).toBe('ok');
    expect(statusOf(views, open.id).status).toBe('no_end');
    expect(statusOf(views, later.id).status).toBe('upcoming');
    expect(
      rolesDueForRotation([old, followed, overdue, due, ok, open, later], '2025-01-10', 60).map((r) => r.id),
    ).toEqual([followed.id, overdue.id, due.id]);
  });

  test("co-chairs share a seat: one's overlapping term does not follow the other's", () => {
    const ana = term({ holderId: 'ana', termStart: '2024-01-01', termEnd: '2024-12-31' });
    const ben = term({ holderId: 'ben', termStart: '2024-07-01', termEnd: '2025-06-30' });
    const views = rotation([ana, ben], { onDay: '2025-01-10' });
    expect(statusOf(views, ana.id).status).toBe('overdue');
    expect(statusOf(views, ben.id).status).toBe('ok');
    const cy = term({ holderId: 'cy', termStart: '2025-01-01', termEnd: '2025-12-31' });
    expect(statusOf(rotation([ana, ben, cy], { onDay: '2025-01-10' }), ana.id)).toMatchObject({
      status: 'ended',
      next: cy,
    });
  });

  test('terms in a row against the limit: the last allowed one, then past the limit (due once its end is near)', () => {
    const t1 = term({ termStart: '2021-01-01', termEnd: '2022-12-31' });
    const t2 = term({ termStart: '2023-01-01', termEnd: '2024-12-31' });
    const t3 = term({ termStart: '2025-01-01', termEnd: '2026-12-31' });
    const gap = term({ holderId: 'ben', termStart: '2019-01-01', termEnd: '2019-12-31' });
    const limits = { co_chair: { maxTerms: 2 } };
    const two = rotation([t1, t2], { onDay: '2024-01-10', limits });
    expect(statusOf(two, t2.id)).toMatchObject({ consecutive: 2, lastAllowed: true, overLimit: false });
    const three = rotation([t1, t2, t3, gap], { onDay: '2025-01-10', limits });
    expect(statusOf(three, t3.id)).toMatchObject({ consecutive: 3, overLimit: true, status: 'ok' });
    expect(statusOf(three, gap.id).consecutive).toBe(1);
    // Past the limit, the seat is due to rotate when the term ends within the notice window, not two years ahead.
    expect(rolesDueForRotation([t1, t2, t3], '2025-01-10', 60, limits)).toEqual([]);
    expect(rolesDueForRotation([t1, t2, t3], '2026-11-15', 60, limits).map((r) => r.id)).toEqual([t3.id]);
    // ...even with a next term recorded for the same holder (a re-election past the limit).
    const t4 = term({ termStart: '2027-01-01', termEnd: '2028-12-31' });
    expect(rolesDueForRotation([t1, t2, t3, t4], '2026-11-15', 60, limits).map((r) => r.id)).toEqual([t3.id]);
    // A break of more than a month starts the count again.
    const back = term({ termStart: '2027-03-01', termEnd: '2028-02-28' });
    expect(statusOf(rotation([t1, t2, t3, back], { onDay: '2027-03-10', limits }), back.id).consecutive).toBe(1);
  });

  test("one line per holder and seat: the holder's current term, not their upcoming or earlier ones", () => {
    const limits = { group_lead: { maxTerms: 3 } };
    const lead = (termStart: string, termEnd: string) =>
      term({ role: 'group_lead', groupId: 'g1', holderId: 'jo', termStart, termEnd });
    // Four terms in a row already and a fifth recorded ahead (the sample chapter's Joseph Rodríguez on 2025-06-15).
    const terms = [
      lead('2021-05-19', '2022-05-18'),
      lead('2022-05-19', '2023-05-18'),
      lead('2023-05-19', '2024-05-18'),
      lead('2024-05-19', '2025-05-18'),
      lead('2025-05-19', '2026-05-18'),
      lead('2026-05-19', '2027-05-18'),
    ];
    const running = terms[4]!;
    const views = rotation(terms, { onDay: '2025-06-15', withinDays: 60, limits });
    expect(views.filter((v) => v.current).map((v) => v.role.id)).toEqual([running.id]);
    expect(statusOf(views, terms[5]!.id)).toMatchObject({ status: 'upcoming', current: false, rotationDue: false });
    expect(rolesDueForRotation(terms, '2025-06-15', 60, limits)).toEqual([]);
    // Near the running term's end: that one term, once.
    expect(rolesDueForRotation(terms, '2026-04-01', 60, limits).map((r) => r.id)).toEqual([running.id]);
    // A holder's overlapping terms in one seat (made by hand): the one covering the day stands for both.
    const overlap = lead('2025-01-01', '2025-06-01');
    const both = rotation([running, overlap], { onDay: '2025-06-15', withinDays: 60 });
    expect(both.filter((v) => v.current).map((v) => v.role.id)).toEqual([running.id]);
    expect(rolesDueForRotation([running, overlap], '2025-06-15', 60)).toEqual([]);
    // Only upcoming terms: nothing current, nothing due.
    expect(rotation([terms[5]!], { onDay: '2025-06-15', limits }).some((v) => v.current || v.rotationDue)).toBe(false);
  });

  test('history of each seat, newest first; a group lead and a branch coordinator are seats of their own', () => {
    const a = term({ role: 'group_lead', groupId: 'g1', termStart: '2023-01-01' });
    const b = term({ role: 'group_lead', groupId: 'g1', holderId: 'ben', termStart: '2024-01-01' });
    const c = term({ role: 'group_lead', groupId: 'g2', termStart: '2024-01-01' });
    const d = term({ role: 'branch_coordinator', branch: 'Eastside', termStart: '2024-01-01' });
    const seats = [...seatHistory([a, b, c, d]).values()].map((list) => list.map((r) => r.id));
    expect(seats).toEqual([[b.id, a.id], [c.id], [d.id]]);
  });

  test("hand over: the old term ends the day before, the new one runs for the chapter's term length", () => {
    const { space } = makeSpace();
    const ana = space.members.create({ firstName: 'Ana' });
    const ben = space.members.create({ firstName: 'Ben' });
    setTermLimit(space, 'treasurer', { termMonths: 12 });
    const old = space.roles.create({
      role: 'treasurer',
      holderId: ana,
      termStart: '2025-01-01',
      termEnd: '2025-12-31',
    });
    const next = handOver(space, old, { holderId: ben, termStart: '2025-09-01' });
    expect(space.roles.get(old)!.termEnd).toBe('2025-08-31');
    expect(space.roles.get(next)).toMatchObject({
      role: 'treasurer',
      holderId: ben,
      termStart: '2025-09-01',
      termEnd: '2026-08-31',
    });
    expect(statusOf(rotation(space.roles.all(), { onDay: '2025-09-10' }), old).status).toBe('ended');
  });

  test('hand over refuses a bad day, a start before the term, someone not on the roster: nothing written', () => {
    const { space, doc } = makeSpace();
    const ana = space.members.create({ firstName: 'Ana' });
    const old = space.roles.create({ role: 'treasurer', holderId: ana, termStart: '2025-01-01' });
    const before = snapshot(doc);
    expectAppError(() => handOver(space, old, { holderId: ana, termStart: 'next spring' }), 'invalid-data');
    expectAppError(() => handOver(space, old, { holderId: ana, termStart: '2024-12-31' }), 'invalid-data');
    expectAppError(() => handOver(space, old, { holderId: 'nobody', termStart: '2026-01-01' }), 'record-missing');
    expectAppError(() => handOver(space, 'no-role', { holderId: ana, termStart: '2026-01-01' }), 'record-missing');
    expect(snapshot(doc)).toEqual(before);
  });
});
