/**
 * Merging two records of one person (a likely duplicate an organizer
 * confirmed, duplicates.ts) into the one kept. Nothing about either is lost
 * that the other lacks: lists are joined, a field only one record has is
 * taken, consent takes the stricter answer; their skills, notes, roles,
 * check-ins and liaisons move to the record kept; then the other is deleted.
 * One transaction, so peers see the merge whole or not at all.
 */
import { AppError } from '../errors';
import { LADDER_STAGES } from './codes';
import type { Member, MemberPatch } from './member';
import { levelRank, memberSkillId } from './skill';
import type { Training } from './skill';
import type { SpaceData } from './space-data';

const LISTS = ['emails', 'emailHistory', 'phones', 'languages', 'needs', 'resources', 'groupIds', 'tags'] as const;
const LIST_MAX: Record<(typeof LISTS)[number], number> = {
  emails: 10,
  emailHistory: 20,
  phones: 10,
  languages: 100,
  needs: 100,
  resources: 100,
  groupIds: 200,
  tags: 100,
};
/** Fields taken from the other record when the kept one has none. */
const FILL = [
  'lastName',
  'preferredName',
  'pronouns',
  'address',
  'zip',
  'regionId',
  'branch',
  'actionkitId',
  'membershipStatus',
  'membershipType',
  'duesStatus',
  'xdate',
  'unionMember',
  'unionName',
  'unionLocal',
  'unionAnswer',
  'student',
  'national',
  'assessment',
  'assignedOrganizer',
] as const;

/** The kept record's fields after the merge (only what changes). */
export function mergedFields(keep: Member, drop: Member): MemberPatch {
  const patch: Record<string, unknown> = {};
  for (const key of LISTS) {
    const joined = [...new Set([...keep[key], ...drop[key]])].slice(0, LIST_MAX[key]);
    if (joined.length !== keep[key].length) patch[key] = joined;
  }
  for (const key of FILL) if (keep[key] === undefined && drop[key] !== undefined) patch[key] = drop[key];
  if (drop.doNotCall && !keep.doNotCall) patch.doNotCall = true;
  if (drop.textOptOut && !keep.textOptOut) patch.textOptOut = true;
  if (drop.mailingPreference === 'no_mail' && keep.mailingPreference !== 'no_mail') patch.mailingPreference = 'no_mail';
  if (drop.joinDate && (!keep.joinDate || drop.joinDate < keep.joinDate)) patch.joinDate = drop.joinDate;
  if (drop.ladderStage && (!keep.ladderStage || rung(drop.ladderStage) > rung(keep.ladderStage)))
    patch.ladderStage = drop.ladderStage;
  if (drop.extra) patch.extra = { ...drop.extra, ...keep.extra };
  return patch as MemberPatch;
}

function rung(stage: NonNullable<Member['ladderStage']>): number {
  return LADDER_STAGES.indexOf(stage);
}

export function mergeMembers(space: SpaceData, keepId: string, dropId: string): void {
  const keep = space.members.get(keepId);
  const drop = space.members.get(dropId);
  if (!keep || !drop) throw new AppError('record-missing', 'merge: no such member');
  if (keepId === dropId) throw new AppError('invalid-data', 'merge: the same member twice');
  space.transact(() => {
    const patch = mergedFields(keep, drop);
    if (Object.keys(patch).length) space.members.update(keepId, patch);
    for (const s of space.memberSkills.forMember(dropId)) {
      const mine = space.memberSkills.get(memberSkillId(keepId, s.skillId));
      const trainings = joinTrainings(mine?.trainings ?? [], s.trainings);
      const level = mine && levelRank(mine.level) >= levelRank(s.level) ? mine.level : s.level;
      space.memberSkills.create({ memberId: keepId, skillId: s.skillId, level, trainings });
    }
    for (const n of space.notes.forMember(dropId)) space.notes.update(n.id, { memberId: keepId });
    for (const r of space.roles.all()) if (r.holderId === dropId) space.roles.update(r.id, { holderId: keepId });
    for (const e of space.attendance.all()) {
      if (e.memberIds.includes(dropId)) space.attendance.moveAttendee(e.id, dropId, keepId);
      if (e.trainerIds.includes(dropId))
        space.attendance.update(e.id, {
          trainerIds: [...new Set(e.trainerIds.map((id) => (id === dropId ? keepId : id)))],
        });
    }
    for (const p of space.partners.all())
      if (p.liaisonIds.includes(dropId))
        space.partners.update(p.id, {
          liaisonIds: [...new Set(p.liaisonIds.map((id) => (id === dropId ? keepId : id)))],
        });
    space.members.delete(dropId);
  });
}

/** Both lists of trainings, each once (a training event by its id, others by name and date). */
function joinTrainings(a: readonly Training[], b: readonly Training[]): Training[] {
  const key = (t: Training) => t.eventId ?? `${t.name}\u0000${t.date ?? ''}`;
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((t) => !seen.has(key(t)))].slice(-100);
}
