import * as Y from 'yjs';
import { initCrypto } from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { collectionMap, SpaceData } from '../../../shared/model';
import { makeSpace, snapshot } from './helpers';

const jose = {
  firstName: 'José',
  lastName: 'Muñoz',
  emails: ['jose@example.org'],
  phones: ['(213) 555-0101'],
  zip: '90033',
};

function expectAppError(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isAppError(caught)).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
}

describe('members: create, read, update, delete', () => {
  test('create fills defaults and stamps author and time; update restamps', () => {
    const { space, clock } = makeSpace('dev-A');
    const id = space.members.create(jose);
    const m = space.members.get(id)!;
    expect(m).toMatchObject({
      id,
      firstName: 'José',
      tags: [],
      doNotCall: false,
      createdBy: 'dev-A',
      createdAt: clock.t,
    });
    clock.t += 5000;
    space.members.update(id, { branch: 'Eastside', lastName: undefined });
    const after = space.members.get(id)!;
    expect(after.branch).toBe('Eastside');
    expect(after.lastName).toBeUndefined();
    expect(after).toMatchObject({ createdAt: clock.t - 5000, updatedAt: clock.t, updatedBy: 'dev-A' });
    expect(Object.isFrozen(after)).toBe(true);
  });

  test('each record is a nested Y.Map in the top-level `members` map', () => {
    const { doc, space } = makeSpace();
    const id = space.members.create(jose);
    const map = collectionMap(doc, 'members').get(id);
    expect(map).toBeInstanceOf(Y.Map);
    expect(map!.get('firstName')).toBe('José');
    expect(doc.getMap('meta').get('schemaVersion')).toBe(2);
  });

  test.each([
    ['empty first name', { ...jose, firstName: '' }],
    ['assessment out of range', { ...jose, assessment: 6 }],
    ['assessment not an integer', { ...jose, assessment: 2.5 }],
    ['bad membership status', { ...jose, membershipStatus: 'vip' }],
    ['bad zip', { ...jose, zip: '9003' }],
    ['bad email', { ...jose, emails: ['not an email'] }],
    ['phone without digits', { ...jose, phones: ['call me'] }],
    ['bad date', { ...jose, joinDate: '2024-02-30' }],
    ['unknown field', { ...jose, favouriteColour: 'red' }],
    ['stamp supplied by caller', { ...jose, createdBy: 'someone' }],
    ['history written directly', { ...jose, assessmentHistory: [] }],
    ['wrong type', { ...jose, doNotCall: 'yes' }],
  ])('create refuses %s and leaves the doc untouched', (_label, input) => {
    const { doc, space } = makeSpace();
    const existing = space.members.create(jose);
    const before = snapshot(doc);
    expectAppError(() => space.members.create(input as never), 'invalid-data');
    expect(snapshot(doc)).toEqual(before);
    expect(space.members.list().records.map((m) => m.id)).toEqual([existing]);
  });

  test('update refuses bad patches, unknown fields and clearing a required field; doc untouched', () => {
    const { doc, space } = makeSpace();
    const id = space.members.create(jose);
    const before = snapshot(doc);
    for (const patch of [
      { assessment: 0 },
      { firstName: undefined },
      { nickname: 'J' },
      { tags: [''] },
      { assessmentHistory: [] },
    ]) {
      expectAppError(() => space.members.update(id, patch as never), 'invalid-data');
    }
    expect(snapshot(doc)).toEqual(before);
    expectAppError(() => space.members.update('nobody', { branch: 'x' }), 'record-missing');
  });

  test('error messages name fields, never the values', () => {
    const { space } = makeSpace();
    try {
      space.members.create({ ...jose, zip: 'secret-zip-123' });
      throw new Error('expected a failure');
    } catch (e) {
      expect(String((e as Error).message)).toContain('zip');
      expect(String((e as Error).message)).not.toContain('secret-zip-123');
    }
  });

  test('assessment changes are kept as history {value, at, by}', () => {
    const { space, clock } = makeSpace('dev-A');
    const id = space.members.create({ ...jose, assessment: 2 });
    const t0 = clock.t;
    clock.t += 1000;
    space.members.update(id, { assessment: 4 });
    space.members.update(id, { branch: 'x' }); // no assessment change, no history
    space.members.update(id, { assessment: undefined });
    expect(space.members.get(id)!.assessmentHistory).toEqual([
      { value: 2, at: t0, by: 'dev-A' },
      { value: 4, at: t0 + 1000, by: 'dev-A' },
      { value: null, at: t0 + 1000, by: 'dev-A' },
    ]);
  });

  test('returned records are copies: mutating one does not change the doc', () => {
    const { space } = makeSpace();
    const input = { ...jose, tags: ['host'] };
    const id = space.members.create(input);
    input.tags.push('mutated');
    expect(space.members.get(id)!.tags).toEqual(['host']);
    expect(() => (space.members.get(id)!.tags as string[]).push('x')).toThrow();
  });

  test('default ids come from shared/crypto', async () => {
    await initCrypto();
    const space = new SpaceData(new Y.Doc(), 'dev-A');
    const id = space.members.create(jose);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  test('observe reports the ids a transaction changed', () => {
    const { space } = makeSpace();
    const seen: string[][] = [];
    const stop = space.members.observe((ids) => seen.push([...ids]));
    const a = space.members.create(jose);
    space.members.update(a, { branch: 'x' });
    stop();
    space.members.update(a, { branch: 'y' });
    expect(seen).toEqual([[a], [a]]);
  });
});

describe('deleting a member', () => {
  function populated() {
    const { space, doc } = makeSpace();
    const skill = space.skills.create({ name: 'Facilitation', category: 'facilitation' });
    const a = space.members.create(jose);
    const b = space.members.create({ firstName: 'Ana' });
    space.memberSkills.setLevel(a, skill, 'can_teach');
    space.memberSkills.setLevel(b, skill, 'learning');
    const role = space.roles.create({ role: 'co_chair', holderId: a, termStart: '2024-01-01' });
    const event = space.attendance.create({
      eventName: 'GM',
      kind: 'general_meeting',
      date: '2024-03-01',
      memberIds: [a, b],
    });
    const note = space.notes.create({ kind: 'one_on_one', memberId: a, date: '2024-03-02', body: 'talked' });
    const other = space.notes.create({ kind: 'call', memberId: b, date: '2024-03-02' });
    return { space, doc, skill, a, b, role, event, note, other };
  }

  test('removes their member-skills, roles, check-ins and notes in one transaction', () => {
    const { space, doc, a, b, role, event, note, other } = populated();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(space.members.delete(a)).toBe(true);
    expect(transactions).toBe(1);
    expect(space.members.has(a)).toBe(false);
    expect(space.memberSkills.all().map((s) => s.memberId)).toEqual([b]);
    expect(space.roles.has(role)).toBe(false);
    expect(space.attendance.get(event)!.memberIds).toEqual([b]);
    expect(space.notes.has(note)).toBe(false);
    expect(space.notes.has(other)).toBe(true);
    expect(space.members.delete(a)).toBe(false);
  });

  test("with notes: 'detach' their notes stay, unlinked", () => {
    const { space, a, note } = populated();
    space.members.delete(a, { notes: 'detach' });
    expect(space.notes.get(note)).toMatchObject({ body: 'talked' });
    expect(space.notes.get(note)!.memberId).toBeUndefined();
  });
});

describe('notes, member skills, attendance', () => {
  test('a note body is a Y.Text; updating it changes only the middle', () => {
    const { space } = makeSpace('dev-A');
    const id = space.notes.create({ kind: 'one_on_one', date: '2024-05-01', body: 'Hello there' });
    const text = space.notes.bodyText(id)!;
    expect(text).toBeInstanceOf(Y.Text);
    const deltas: unknown[] = [];
    text.observe((e) => deltas.push(e.delta));
    space.notes.update(id, { body: 'Hello out there' });
    expect(deltas).toEqual([[{ retain: 6 }, { insert: 'out ' }]]);
    expect(space.notes.get(id)).toMatchObject({
      body: 'Hello out there',
      author: 'dev-A',
      done: false,
      sensitivity: 'standard',
    });
  });

  test('a member has one record per skill: creating again updates it', () => {
    const { space } = makeSpace();
    const a = space.members.create(jose);
    const id1 = space.memberSkills.setLevel(a, 'skill-1', 'learning');
    const id2 = space.memberSkills.create({
      memberId: a,
      skillId: 'skill-1',
      level: 'can_do',
      trainings: [{ name: 'Intro', date: '2024-01-01' }],
    });
    expect(id1).toBe(id2);
    expect(space.memberSkills.all()).toHaveLength(1);
    expect(space.memberSkills.get(id1)).toMatchObject({ level: 'can_do', trainings: [{ name: 'Intro' }] });
    expectAppError(() => space.memberSkills.update(id1, { memberId: 'other' }), 'invalid-data');
    expectAppError(() => space.memberSkills.setLevel(a, 'skill-1', 'expert' as never), 'invalid-data');
  });

  test('check-in and check-out', () => {
    const { space } = makeSpace();
    const e = space.attendance.create({ eventName: 'GM', date: '2024-01-01' });
    space.attendance.checkIn(e, 'm1');
    space.attendance.checkIn(e, 'm2');
    space.attendance.checkOut(e, 'm1');
    expect(space.attendance.get(e)!.memberIds).toEqual(['m2']);
    expectAppError(() => space.attendance.checkIn('nope', 'm1'), 'record-missing');
  });

  test('space name', () => {
    const { space } = makeSpace();
    space.setName('  LA chapter ');
    expect(space.name).toBe('LA chapter');
    expectAppError(() => space.setName('   '), 'invalid-data');
  });
});

describe('reading bad records', () => {
  test('a record that fails validation is reported, not thrown, and hides no other record', () => {
    const { doc, space } = makeSpace();
    const good = space.members.create(jose);
    const bad = space.members.create({ firstName: 'Ana' });
    const odd = space.members.create({ firstName: 'Bea' });
    doc.transact(() => {
      collectionMap(doc, 'members').get(bad)!.set('firstName', 42); // required field broken
      collectionMap(doc, 'members').get(odd)!.set('duesStatus', 'paused'); // optional field with an unknown code
      collectionMap(doc, 'members').set('junk', 'not a map' as never);
    });
    const { records, problems } = space.members.list();
    expect(records.map((m) => m.id).sort()).toEqual([good, odd].sort());
    expect(space.members.get(odd)!.duesStatus).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: bad, fields: ['firstName'], hidden: true }),
        expect.objectContaining({ id: odd, fields: ['duesStatus'], hidden: false }),
        expect.objectContaining({ id: 'junk', hidden: true }),
      ]),
    );
    expect(JSON.stringify(problems)).not.toContain('paused');
    expect(space.members.get(bad)).toBeUndefined();
    // Nothing was deleted, and the doc still holds the odd value.
    expect(space.members.raw(odd)!.duesStatus).toBe('paused');
    // A patch can repair the broken record; other fields' bad values are left alone.
    space.members.update(bad, { firstName: 'Ana' });
    space.members.update(odd, { branch: 'Eastside' });
    expect(space.members.get(bad)!.firstName).toBe('Ana');
    expect(space.members.raw(odd)!.duesStatus).toBe('paused');
  });

  test('a doc from a newer incompatible version is readable but not writable', () => {
    const { doc, space } = makeSpace();
    const id = space.members.create(jose);
    doc.getMap('meta').set('schemaVersion', 99);
    const before = snapshot(doc);
    expect(space.writable).toBe(false);
    expect(space.members.get(id)!.firstName).toBe('José');
    expectAppError(() => space.members.update(id, { branch: 'x' }), 'schema-too-new');
    expectAppError(() => space.members.create(jose), 'schema-too-new');
    expectAppError(() => space.members.delete(id), 'schema-too-new');
    expect(snapshot(doc)).toEqual(before);
  });
});
