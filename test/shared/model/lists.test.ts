import * as Y from 'yjs';
import { exportMembers } from '../../../shared/csv';
import {
  assessmentLabels,
  listOutcomes,
  listProgress,
  nextOpen,
  collectionMap,
  setAssessmentLabel,
  type SpaceData,
} from '../../../shared/model';
import { makeSpace, syncDocs } from './helpers';

function chapter() {
  const { space, clock } = makeSpace('dev-A');
  const ana = space.members.create({ firstName: 'Ana', phones: ['213 555 0101'] });
  const ben = space.members.create({ firstName: 'Ben', phones: ['213 555 0102'] });
  const cy = space.members.create({ firstName: 'Cy', phones: ['213 555 0103'] });
  const list = space.lists.create({
    name: 'Calls',
    channel: 'call',
    memberIds: [ana, ben, cy],
    assignedOrganizer: 'Rosa',
  });
  return { space, clock, ana, ben, cy, list };
}

const progressOf = (space: SpaceData, listId: string) =>
  listProgress(space.lists.get(listId)!, (id) => space.members.get(id), listOutcomes(listId, space.notes.all()));

describe('lists', () => {
  test('outcomes are notes on the member; the list’s progress counts them, and the next member is the first still open', () => {
    const { space, ana, ben, list } = chapter();
    expect(progressOf(space, list)).toMatchObject({ total: 3, open: 3, done: 0 });
    space.notes.create({ kind: 'call', memberId: ana, date: '2025-05-02', listId: list, outcome: 'left_message' });
    space.notes.create({ kind: 'call', memberId: ana, date: '2025-05-03', listId: list, outcome: 'reached' });
    const p = progressOf(space, list);
    expect(p).toMatchObject({ open: 2, done: 1 });
    expect(p.byOutcome).toMatchObject({ reached: 1, left_message: 0 });
    expect(p.entries[0]).toMatchObject({ state: 'done', outcome: 'reached' });
    expect(space.notes.forMember(ana).map((n) => n.outcome)).toEqual(['reached', 'left_message']);
    expect(p.entries[nextOpen(p)!]!.memberId).toBe(ben);
    expect(nextOpen(p, 1)).toBe(2);
    expect(nextOpen(p, 1, new Set([space.members.get(ben)!.id, p.entries[2]!.memberId]))).toBeUndefined();
  });

  test('consent is read again at each use: a member who says "don’t call" after the list was made is left out of it and its CSV', () => {
    const { space, ben, list } = chapter();
    space.members.update(ben, { doNotCall: true });
    const p = progressOf(space, list);
    expect(p).toMatchObject({ open: 2, unreachable: 1 });
    expect(p.entries[1]).toMatchObject({ memberId: ben, state: 'unreachable' });
    expect(nextOpen(p, 0)).toBe(2);
    const members = space.lists.get(list)!.memberIds.map((id) => space.members.get(id)!);
    const csv = exportMembers(members, 'call');
    expect(csv).toContain('Ana');
    expect(csv).not.toContain('Ben');
    expect(csv).not.toContain('0102');
    // A text list also leaves out whoever opted out of texts, and a do-not-call member's phone.
    space.members.update(members[2]!.id, { textOptOut: true });
    const now = space.lists.get(list)!.memberIds.map((id) => space.members.get(id)!);
    expect(exportMembers(now, 'text')).not.toMatch(/Ben|Cy/);
  });

  test('a member deleted from the roster is counted as gone, not worked', () => {
    const { space, cy, list } = chapter();
    space.members.delete(cy);
    expect(progressOf(space, list)).toMatchObject({ gone: 1, open: 2 });
  });

  test('two organizers working one list at once both keep their outcomes', () => {
    const a = chapter();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(a.space.doc));
    const b = makeSpace('dev-B', doc).space;
    a.space.notes.create({ kind: 'call', memberId: a.ana, date: '2025-05-02', listId: a.list, outcome: 'reached' });
    b.notes.create({ kind: 'call', memberId: a.ben, date: '2025-05-02', listId: a.list, outcome: 'wrong_number' });
    syncDocs(a.space.doc, doc);
    for (const space of [a.space, b]) expect(progressOf(space, a.list)).toMatchObject({ done: 2, open: 1 });
  });

  test('a list holds at most 20,000 members and needs a name', () => {
    const { space } = chapter();
    expect(() => space.lists.create({ name: ' ', channel: 'call', memberIds: [] })).toThrow();
    expect(() =>
      space.lists.create({
        name: 'Big',
        channel: 'mail',
        memberIds: Array.from({ length: 20_001 }, (_, i) => `m${i}`),
      }),
    ).toThrow();
  });

  test('a peer’s list with a forged source or an oversized member list: the source is dropped, the list refused', () => {
    const { space, list, ana } = chapter();
    const stored = collectionMap(space.doc, 'lists').get(list)!;
    stored.set('source', { kind: 'view', name: 'x'.repeat(5000) });
    expect(space.lists.get(list)?.source).toBeUndefined();
    stored.set('source', { kind: 'script', name: '<img src=x>' });
    expect(space.lists.get(list)?.source).toBeUndefined();
    expect(space.lists.get(list)?.memberIds).toEqual([ana, expect.any(String), expect.any(String)]);
    stored.set('source', { kind: 'selection', count: 3 });
    expect(space.lists.get(list)?.source).toEqual({ kind: 'selection', count: 3 });
    // More members than a list may hold: not shown as a list at all (a required field is broken).
    stored.set(
      'memberIds',
      Array.from({ length: 20_001 }, (_, i) => `m-${i}`),
    );
    expect(space.lists.get(list)).toBeUndefined();
  });

  test('assessment labels are the chapter’s, shared by the space, and can go back to the default', () => {
    const { space } = makeSpace();
    setAssessmentLabel(space, 5, ' Leader material ');
    setAssessmentLabel(space, 1, 'Not yet asked');
    expect(assessmentLabels(space)).toEqual({ 1: 'Not yet asked', 5: 'Leader material' });
    setAssessmentLabel(space, 1, '');
    expect(assessmentLabels(space)).toEqual({ 5: 'Leader material' });
    expect(() => setAssessmentLabel(space, 6, 'x')).toThrow();
    expect(() => setAssessmentLabel(space, 2, 'x'.repeat(61))).toThrow();
    // A peer's malformed value is ignored, not shown.
    (space.doc.getMap('meta').get('assessmentLabels') as Y.Map<unknown>).set('3', 42);
    expect(assessmentLabels(space)).toEqual({ 5: 'Leader material' });
  });
});
