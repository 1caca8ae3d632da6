/**
 * A walk-in typed on two laptops at once becomes two members: likely duplicates (shared/model
 * duplicates.ts) show the pair after the meeting; merging (merge-members.ts) keeps one record with
 * everything both had, counted once.
 */
import * as Y from 'yjs';
import { isAppError } from '../../../shared/errors';
import {
  checkInWalkIn,
  contactIndex,
  likelyDuplicates,
  memberSkillId,
  mergeMembers,
  sameContact,
} from '../../../shared/model';
import { makeSpace, snapshot, syncDocs } from './helpers';

test('the same walk-in on two laptops at once: two records, shown as a likely duplicate, merged into one counted once', () => {
  const a = makeSpace('laptop-A');
  const event = a.space.attendance.create({ eventName: 'GM', kind: 'general_meeting', date: '2026-12-04' });
  const b = makeSpace('laptop-B', new Y.Doc());
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
  a.clock.t += 1;
  const onA = checkInWalkIn(a.space, event, {
    firstName: 'Zoraida',
    email: 'zq@example.org',
    zip: '90033',
    mayCall: true,
    mayText: true,
  });
  b.clock.t += 2;
  const onB = checkInWalkIn(b.space, event, {
    firstName: 'Zoraida',
    lastName: 'Quintanilla',
    email: 'ZQ@example.org ',
    phone: '323-555-0101',
    mayCall: false,
    mayText: true,
  });
  syncDocs(a.doc, b.doc);
  expect(a.space.attendance.get(event)!.memberIds).toHaveLength(2);
  const pairs = likelyDuplicates(a.space.members.all(), new Set(a.space.attendance.get(event)!.memberIds));
  expect(pairs).toEqual([{ a: [onA, onB].sort()[0], b: [onA, onB].sort()[1], reasons: ['email'] }]);

  mergeMembers(a.space, onA, onB);
  syncDocs(a.doc, b.doc);
  for (const l of [a, b]) {
    expect(l.space.members.size).toBe(1);
    expect(l.space.attendance.get(event)!.memberIds).toEqual([onA]);
    expect(l.space.members.get(onA)).toMatchObject({
      firstName: 'Zoraida',
      lastName: 'Quintanilla', // only B had it
      emails: ['zq@example.org', 'ZQ@example.org'],
      phones: ['323-555-0101'],
      zip: '90033',
      doNotCall: true, // B's person said no to calls: the stricter answer wins
      textOptOut: false,
    });
  }
  expect(a.space.attendance.checkIns(event).get(onA)).toMatchObject({ walkIn: true, by: 'laptop-A' });
});

test('merging moves skills (the higher level), notes, roles, check-ins, trainer and liaison places, then deletes the other', () => {
  const { space } = makeSpace();
  const skill = space.skills.create({ name: 'Facilitation', category: 'facilitation' });
  const other = space.skills.create({ name: 'Spanish', category: 'language' });
  const keep = space.members.create({ firstName: 'Ana', ladderStage: 'member', joinDate: '2024-01-01' });
  const drop = space.members.create({
    firstName: 'Ana',
    lastName: 'Ruiz',
    ladderStage: 'leader',
    joinDate: '2020-05-01',
  });
  space.memberSkills.setLevel(keep, skill, 'learning');
  space.memberSkills.setLevel(drop, skill, 'can_teach');
  space.memberSkills.setLevel(drop, other, 'can_do');
  const note = space.notes.create({ kind: 'call', memberId: drop, date: '2026-01-01', body: 'called' });
  const role = space.roles.create({ role: 'secretary', holderId: drop, termStart: '2026-01-01' });
  const both = space.attendance.create({
    eventName: 'GM',
    kind: 'general_meeting',
    date: '2026-01-01',
    memberIds: [keep, drop],
  });
  const training = space.attendance.create({
    eventName: 'T',
    kind: 'training',
    date: '2026-02-01',
    trainerIds: [drop],
  });
  const partner = space.partners.create({ name: 'LATU', kind: 'tenant', liaisonIds: [drop] });
  mergeMembers(space, keep, drop);
  expect(space.members.has(drop)).toBe(false);
  expect(space.members.get(keep)).toMatchObject({ lastName: 'Ruiz', ladderStage: 'leader', joinDate: '2020-05-01' });
  expect(space.memberSkills.get(memberSkillId(keep, skill))!.level).toBe('can_teach');
  expect(space.memberSkills.get(memberSkillId(keep, other))!.level).toBe('can_do');
  expect(space.memberSkills.forMember(drop)).toEqual([]);
  expect(space.notes.get(note)!.memberId).toBe(keep);
  expect(space.roles.get(role)!.holderId).toBe(keep);
  expect(space.attendance.get(both)!.memberIds).toEqual([keep]);
  expect(space.attendance.get(training)!.trainerIds).toEqual([keep]);
  expect(space.partners.get(partner)!.liaisonIds).toEqual([keep]);
});

test('merging refuses the same member twice or one that is gone, with nothing written', () => {
  const { space, doc } = makeSpace();
  const ana = space.members.create({ firstName: 'Ana' });
  const before = snapshot(doc);
  for (const [x, y, code] of [
    [ana, ana, 'invalid-data'],
    [ana, 'gone', 'record-missing'],
    ['gone', ana, 'record-missing'],
  ] as const) {
    let caught: unknown;
    try {
      mergeMembers(space, x, y);
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught) && caught.code).toBe(code);
  }
  expect(snapshot(doc)).toEqual(before);
});

test('likely duplicates: phone numbers in any format; a line many people share is not a sign; same name only inside the meeting', () => {
  const { space } = makeSpace();
  const m = (firstName: string, phones: string[] = [], lastName?: string) =>
    space.members.create({ firstName, lastName, phones });
  const a = m('Ana', ['+1 (213) 555-0101']);
  const b = m('Anita', ['213.555.0101']);
  const office = Array.from({ length: 7 }, (_, i) => m(`Staff${i}`, ['(213) 555-9999']));
  const jose1 = m('José', [], 'García');
  const jose2 = m('Jose', [], 'Garcia');
  const jose3 = m('José', [], 'García'); // not at the meeting
  const here = new Set([a, b, ...office, jose1, jose2]);
  const pairs = likelyDuplicates(space.members.all(), here).map((p) => [[p.a, p.b].sort().join('|'), p.reasons]);
  expect(pairs).toEqual(
    expect.arrayContaining([
      [[a, b].sort().join('|'), ['phone']],
      [[jose1, jose2].sort().join('|'), ['name']],
    ]),
  );
  expect(pairs).toHaveLength(2);
  expect(pairs.some(([k]) => (k as string).includes(jose3))).toBe(false);
  // The walk-in form's "is it them?": found by phone in any format, or by e-mail in any case.
  const index = contactIndex(space.members.all());
  expect(
    sameContact(index, { emails: [], phones: ['213 555 0101'] })
      .map((x) => x.id)
      .sort(),
  ).toEqual([a, b].sort());
  expect(sameContact(index, { emails: [], phones: ['555'] })).toEqual([]);
});

test('two laptops setting apart two different pairs at once: both pairs stay set apart', () => {
  const a = makeSpace('laptop-A');
  const event = a.space.attendance.create({ eventName: 'GM', kind: 'general_meeting', date: '2026-12-04' });
  const b = makeSpace('laptop-B', new Y.Doc());
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
  a.space.attendance.update(event, { notDuplicates: ['m1 m2'] });
  b.space.attendance.update(event, { notDuplicates: ['m3 m4'] });
  syncDocs(a.doc, b.doc);
  for (const l of [a, b]) expect(l.space.attendance.get(event)!.notDuplicates).toEqual(['m1 m2', 'm3 m4']);
});
