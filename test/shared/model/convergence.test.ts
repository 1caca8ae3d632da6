import * as Y from 'yjs';
import { makeSpace, syncDocs } from './helpers';

/** Two laptops editing offline, then syncing: field-level merge, not whole-record overwrite. */
describe('concurrent edits converge', () => {
  function twoPeers() {
    const a = makeSpace('dev-A');
    const id = a.space.members.create({ firstName: 'José', lastName: 'Muñoz', tags: ['host'] });
    const b = makeSpace('dev-B', new Y.Doc());
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    return { a, b, id };
  }

  test('different fields of one member: both edits survive on both docs', () => {
    const { a, b, id } = twoPeers();
    a.space.members.update(id, { branch: 'Eastside', pronouns: 'he/him' });
    b.space.members.update(id, { phones: ['323-555-0199'], ladderStage: 'active' });
    syncDocs(a.doc, b.doc);
    for (const peer of [a, b]) {
      expect(peer.space.members.get(id)).toMatchObject({
        firstName: 'José',
        branch: 'Eastside',
        pronouns: 'he/him',
        phones: ['323-555-0199'],
        ladderStage: 'active',
      });
    }
    expect(a.space.members.get(id)).toEqual(b.space.members.get(id));
  });

  test('the same field: both docs agree on one value', () => {
    const { a, b, id } = twoPeers();
    a.space.members.update(id, { branch: 'Eastside' });
    b.space.members.update(id, { branch: 'Westside' });
    syncDocs(a.doc, b.doc);
    const branchA = a.space.members.get(id)!.branch;
    expect(['Eastside', 'Westside']).toContain(branchA);
    expect(b.space.members.get(id)!.branch).toBe(branchA);
  });

  test('concurrent assessments both stay in the history', () => {
    const { a, b, id } = twoPeers();
    a.space.members.update(id, { assessment: 3 });
    b.space.members.update(id, { assessment: 5 });
    syncDocs(a.doc, b.doc);
    const history = a.space.members.get(id)!.assessmentHistory;
    expect(history.map((h) => [h.value, h.by]).sort()).toEqual([
      [3, 'dev-A'],
      [5, 'dev-B'],
    ]);
    expect(b.space.members.get(id)!.assessmentHistory).toEqual(history);
  });

  test('two organizers typing into one note body: both texts are kept', () => {
    const a = makeSpace('dev-A');
    const note = a.space.notes.create({ kind: 'one_on_one', date: '2024-05-01', body: 'Rent is up.' });
    const b = makeSpace('dev-B', new Y.Doc());
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.space.notes.update(note, { body: 'Landlord: Rent is up.' });
    b.space.notes.update(note, { body: 'Rent is up. Wants to join the tenant union.' });
    syncDocs(a.doc, b.doc);
    expect(a.space.notes.get(note)!.body).toBe('Landlord: Rent is up. Wants to join the tenant union.');
    expect(b.space.notes.get(note)!.body).toBe(a.space.notes.get(note)!.body);
  });

  test('check-ins at two doors both count', () => {
    const a = makeSpace('dev-A');
    const event = a.space.attendance.create({
      eventName: 'GM',
      kind: 'general_meeting',
      date: '2024-05-01',
      memberIds: ['m0'],
    });
    const b = makeSpace('dev-B', new Y.Doc());
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.space.attendance.checkIn(event, 'm1');
    b.space.attendance.checkIn(event, 'm2');
    b.space.attendance.checkOut(event, 'm0');
    syncDocs(a.doc, b.doc);
    expect(a.space.attendance.get(event)!.memberIds).toEqual(['m1', 'm2']);
    expect(b.space.attendance.get(event)!.memberIds).toEqual(['m1', 'm2']);
  });

  test('cached reads see remote updates', () => {
    const { a, b, id } = twoPeers();
    expect(a.space.members.get(id)!.branch).toBeUndefined(); // now cached
    b.space.members.update(id, { branch: 'Harbor' });
    syncDocs(a.doc, b.doc);
    expect(a.space.members.get(id)!.branch).toBe('Harbor');
    b.space.members.delete(id);
    syncDocs(a.doc, b.doc);
    expect(a.space.members.get(id)).toBeUndefined();
    expect(a.space.members.list().records).toHaveLength(0);
  });
});
