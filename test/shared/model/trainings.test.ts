/**
 * Trainings (shared/model/trainings.ts): checking someone in at a training moves them up to
 * "learning" in its skills and records who trained them; every way of taking that back (undo, the
 * skill taken off, the person made a trainer, the event no longer a training or deleted) puts the
 * level back, unless someone changed it since.
 */
import * as Y from 'yjs';
import { memberSkillId, trainingSummaries } from '../../../shared/model';
import { generateChapter } from '../../../shared/sample/generate';
import { makeSpace, syncDocs } from './helpers';

function setUp() {
  const { space, doc } = makeSpace('laptop-A');
  const kyr = space.skills.create({ name: 'Know your rights', category: 'legal' });
  const aid = space.skills.create({ name: 'First aid', category: 'health' });
  const [trainer, newcomer, curious, expert] = ['Tere', 'Nico', 'Cam', 'Eli'].map((firstName) =>
    space.members.create({ firstName }),
  ) as [string, string, string, string];
  space.memberSkills.setLevel(trainer, kyr, 'can_teach');
  space.memberSkills.setLevel(curious, kyr, 'interested');
  space.memberSkills.setLevel(expert, kyr, 'can_do');
  const training = space.attendance.create({
    eventName: 'KYR workshop',
    kind: 'training',
    date: '2026-11-20',
    skillIds: [kyr],
    trainerIds: [trainer],
  });
  const level = (m: string, s = kyr) => space.memberSkills.get(memberSkillId(m, s))?.level;
  return { space, doc, kyr, aid, trainer, newcomer, curious, expert, training, level };
}

test('a trainee checked in moves up to learning (a newcomer gets the skill); someone further along keeps their level; the trainer is not a trainee', () => {
  const { space, kyr, trainer, newcomer, curious, expert, training, level } = setUp();
  for (const m of [trainer, newcomer, curious, expert]) space.attendance.checkIn(training, m);
  expect(level(newcomer)).toBe('learning');
  expect(level(curious)).toBe('learning');
  expect(level(expert)).toBe('can_do');
  expect(level(trainer)).toBe('can_teach');
  const entry = { name: 'KYR workshop', date: '2026-11-20', eventId: training };
  expect(space.memberSkills.get(memberSkillId(newcomer, kyr))!.trainings).toEqual([{ ...entry, raisedFrom: 'none' }]);
  expect(space.memberSkills.get(memberSkillId(curious, kyr))!.trainings).toEqual([
    { ...entry, raisedFrom: 'interested' },
  ]);
  expect(space.memberSkills.get(memberSkillId(expert, kyr))!.trainings).toEqual([entry]);
  expect(space.memberSkills.get(memberSkillId(trainer, kyr))!.trainings).toEqual([]);
  // A second check-in of the same person records nothing twice.
  space.attendance.checkOut(training, curious);
  space.attendance.checkIn(training, curious);
  expect(space.memberSkills.get(memberSkillId(curious, kyr))!.trainings).toHaveLength(1);
});

test('undo puts the level back: the newcomer loses the skill, the curious one is interested again', () => {
  const { space, kyr, newcomer, curious, expert, training, level } = setUp();
  for (const m of [newcomer, curious, expert]) space.attendance.checkIn(training, m);
  for (const m of [newcomer, curious, expert]) space.attendance.checkOut(training, m);
  expect(space.memberSkills.has(memberSkillId(newcomer, kyr))).toBe(false);
  expect(level(curious)).toBe('interested');
  expect(level(expert)).toBe('can_do');
  expect(space.memberSkills.get(memberSkillId(expert, kyr))!.trainings).toEqual([]);
});

test('a level someone changed since the training stays when the check-in is undone', () => {
  const { space, kyr, curious, training, level } = setUp();
  space.attendance.checkIn(training, curious);
  space.memberSkills.update(memberSkillId(curious, kyr), { level: 'can_do' });
  space.attendance.checkOut(training, curious);
  expect(level(curious)).toBe('can_do');
  expect(space.memberSkills.get(memberSkillId(curious, kyr))!.trainings).toEqual([]);
});

test('editing the training follows: a skill added or taken off, a trainee made a trainer, no longer a training, deleted', () => {
  const { space, kyr, aid, newcomer, curious, training, level } = setUp();
  space.attendance.checkIn(training, newcomer);
  space.attendance.checkIn(training, curious);
  space.attendance.update(training, { skillIds: [kyr, aid] });
  expect(level(newcomer, aid)).toBe('learning');
  space.attendance.update(training, { skillIds: [aid] });
  expect(level(curious)).toBe('interested');
  expect(level(curious, aid)).toBe('learning');
  space.attendance.update(training, { trainerIds: [curious] });
  expect(level(curious, aid)).toBeUndefined();
  space.attendance.update(training, { kind: 'general_meeting' });
  expect(level(newcomer, aid)).toBeUndefined();
  space.attendance.update(training, { kind: 'training' });
  expect(level(newcomer, aid)).toBe('learning');
  space.attendance.delete(training);
  expect(level(newcomer, aid)).toBeUndefined();
  expect(space.memberSkills.size).toBe(3); // the three records the chapter had before the training
});

test('a skill deleted from the catalogue is not given to anyone', () => {
  const { space, aid, newcomer, training, level } = setUp();
  space.skills.delete(aid);
  space.attendance.update(training, { skillIds: [aid] });
  space.attendance.checkIn(training, newcomer);
  expect(level(newcomer, aid)).toBeUndefined();
});

test('two laptops checking trainees in at the same training converge on the same levels', () => {
  const a = setUp();
  const b = makeSpace('laptop-B', new Y.Doc());
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
  a.space.attendance.checkIn(a.training, a.newcomer);
  b.space.attendance.checkIn(a.training, a.curious);
  b.space.attendance.checkIn(a.training, a.newcomer);
  syncDocs(a.doc, b.doc);
  for (const space of [a.space, b.space]) {
    expect(space.memberSkills.get(memberSkillId(a.newcomer, a.kyr))!.level).toBe('learning');
    expect(space.memberSkills.get(memberSkillId(a.curious, a.kyr))!.level).toBe('learning');
  }
  expect(a.space.memberSkills.all()).toEqual(b.space.memberSkills.all());
});

test('who trained whom, when: trainings newest first, trainers apart from trainees, by skill', () => {
  const { space, kyr, aid, trainer, newcomer, curious, training } = setUp();
  space.attendance.checkIn(training, trainer);
  space.attendance.checkIn(training, newcomer);
  const later = space.attendance.create({
    eventName: 'First aid',
    kind: 'training',
    date: '2026-12-01',
    skillIds: [aid],
    memberIds: [curious],
  });
  const members = new Map(space.members.all().map((m) => [m.id, m]));
  const skills = new Map(space.skills.all().map((s) => [s.id, s]));
  const all = trainingSummaries(space.attendance.all(), members, skills);
  expect(all.map((t) => t.event.id)).toEqual([later, training]);
  expect(all[1]!.trainers.map((m) => m.firstName)).toEqual(['Tere']);
  expect(all[1]!.trainees.map((m) => m.firstName)).toEqual(['Nico']);
  expect(trainingSummaries(space.attendance.all(), members, skills, { skillId: kyr }).map((t) => t.event.id)).toEqual([
    training,
  ]);
});

test('the sample chapter holds trainings whose trainees are learning their skills', () => {
  const { space } = generateChapter({ members: 400, memberSkills: 300, notes: 10, events: 12, seed: 5 });
  const trainings = space.attendance.all().filter((e) => e.kind === 'training');
  expect(trainings.length).toBeGreaterThan(0);
  for (const t of trainings)
    for (const m of t.memberIds.filter((id) => !t.trainerIds.includes(id)))
      for (const s of t.skillIds) {
        const ms = space.memberSkills.get(memberSkillId(m, s))!;
        expect(ms.trainings.some((x) => x.eventId === t.id)).toBe(true);
        expect(['learning', 'can_do', 'can_teach']).toContain(ms.level);
      }
});
