/**
 * Trainings: an event of kind `training` names its skills and its trainers.
 * Each person checked in who is not a trainer is a trainee: in each of its
 * skills they move up to `learning` (never down), and their member-skill
 * records the training. Undoing the check-in (or taking the skill off the
 * training, or the person becoming a trainer) takes the training off and puts
 * the level back, unless someone changed the level since.
 */
import type { Attendance } from './attendance';
import type { SkillLevel } from './codes';
import type { MemberSkillCollection } from './collections';
import type { Collection } from './collection';
import type { Member } from './member';
import { levelRank, memberSkillId } from './skill';
import type { MemberSkill, Skill, Training, skillRecord } from './skill';

export interface TrainingParts {
  readonly memberSkills: MemberSkillCollection;
  readonly skills: Pick<Collection<typeof skillRecord>, 'has'>;
}

/** member/skill pairs a training event teaches: its trainees × its skills. */
function taught(event: Attendance | undefined): Set<string> {
  const pairs = new Set<string>();
  if (!event || event.kind !== 'training') return pairs;
  const trainers = new Set(event.trainerIds);
  for (const memberId of event.memberIds) {
    if (trainers.has(memberId)) continue;
    for (const skillId of event.skillIds) pairs.add(memberSkillId(memberId, skillId));
  }
  return pairs;
}

/**
 * Brings member-skills in line with a change to an event (check-in, undo,
 * skills or trainers edited, the event deleted). Runs inside the change's
 * transaction.
 */
export function trainingChanged(parts: TrainingParts, before: Attendance | undefined, after: Attendance | undefined) {
  const was = taught(before);
  const now = taught(after);
  for (const pair of was) if (!now.has(pair)) untrain(parts, before!, pair);
  for (const pair of now) if (!was.has(pair)) train(parts, after!, pair);
}

const LEARNING: SkillLevel = 'learning';
const MAX_TRAININGS = 100;

function split(pair: string): [memberId: string, skillId: string] {
  const at = pair.lastIndexOf('/');
  return [pair.slice(0, at), pair.slice(at + 1)];
}

function train(parts: TrainingParts, event: Attendance, pair: string): void {
  const [memberId, skillId] = split(pair);
  if (!parts.skills.has(skillId)) return; // a skill since deleted from the catalogue
  const entry: Training = { name: event.eventName, date: event.date, eventId: event.id };
  const current = parts.memberSkills.get(pair);
  if (!current) {
    parts.memberSkills.create({ memberId, skillId, level: LEARNING, trainings: [{ ...entry, raisedFrom: 'none' }] });
    return;
  }
  if (current.trainings.some((t) => t.eventId === event.id)) return;
  const raise = levelRank(current.level) < levelRank(LEARNING);
  const trainings = [...current.trainings, raise ? { ...entry, raisedFrom: current.level } : entry].slice(
    -MAX_TRAININGS,
  );
  parts.memberSkills.update(pair, raise ? { level: LEARNING, trainings } : { trainings });
}

function untrain(parts: TrainingParts, event: Attendance, pair: string): void {
  const current = parts.memberSkills.get(pair);
  const entry = current?.trainings.find((t) => t.eventId === event.id);
  if (!current || !entry) return;
  const trainings = current.trainings.filter((t) => t !== entry);
  // The level goes back only if this training raised it and nobody has changed it since.
  const from = current.level === LEARNING ? entry.raisedFrom : undefined;
  if (from === 'none' && trainings.length === 0) parts.memberSkills.delete(pair);
  else if (from !== undefined && from !== 'none') parts.memberSkills.update(pair, { level: from, trainings });
  else parts.memberSkills.update(pair, { trainings });
}

/** One training as the skills inventory shows it: who trained whom, in what, and when. */
export interface TrainingSummary {
  readonly event: Attendance;
  readonly skills: readonly Skill[];
  readonly trainers: readonly Member[];
  readonly trainees: readonly Member[];
}

/**
 * Trainings recorded as events, newest first, with their skills, trainers and
 * trainees as records (people no longer on the roster are left out).
 * `skillId` keeps only the trainings in that skill.
 */
export function trainingSummaries(
  events: readonly Attendance[],
  members: ReadonlyMap<string, Member>,
  skills: ReadonlyMap<string, Skill>,
  opts: { readonly skillId?: string } = {},
): TrainingSummary[] {
  const pick = <T>(ids: readonly string[], from: ReadonlyMap<string, T>) =>
    ids.map((id) => from.get(id)).filter((x): x is T => x !== undefined);
  return events
    .filter((e) => e.kind === 'training' && (opts.skillId === undefined || e.skillIds.includes(opts.skillId)))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1))
    .map((event) => {
      const trainers = new Set(event.trainerIds);
      return {
        event,
        skills: pick(event.skillIds, skills),
        trainers: pick(event.trainerIds, members),
        trainees: pick(
          event.memberIds.filter((id) => !trainers.has(id)),
          members,
        ),
      };
    });
}

/** The trainings recorded on a member-skill, newest first (for "trained in … on …"). */
export function trainingsOf(memberSkill: MemberSkill): Training[] {
  return [...memberSkill.trainings].sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : -1));
}
