import { z } from 'zod';
import { SKILL_CATEGORIES, SKILL_LEVELS } from './codes';
import type { SkillLevel } from './codes';
import { day, defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** The chapter's catalogue of skills. */
export const skillRecord = defineRecord(
  'skill',
  {
    name: shortText(100).min(1),
    category: z.enum(SKILL_CATEGORIES),
    description: shortText(1000).optional(),
  },
  { category: 'other' as const },
);
export type Skill = RecordOf<typeof skillRecord>;
export type SkillInput = InputOf<typeof skillRecord>;
export type SkillPatch = PatchOf<typeof skillRecord>;

/**
 * A training a member took in a skill. One recorded as an event (trainings.ts)
 * names it, and the level it raised them from (`none`: they had no record of
 * the skill), so that undoing the check-in can put the level back.
 */
export const training = z.strictObject({
  name: shortText(200).min(1),
  date: day.optional(),
  eventId: recordId.optional(),
  raisedFrom: z.enum([...SKILL_LEVELS, 'none']).optional(),
});
export type Training = z.infer<typeof training>;

/** What one member can do with one skill. Its id is `memberId/skillId` (see memberSkillId). */
export const memberSkillRecord = defineRecord(
  'memberSkill',
  {
    memberId: recordId,
    skillId: recordId,
    level: z.enum(SKILL_LEVELS),
    trainings: z.array(training).max(100),
  },
  { trainings: [] },
);
export type MemberSkill = RecordOf<typeof memberSkillRecord>;
export type MemberSkillInput = InputOf<typeof memberSkillRecord>;
export type MemberSkillPatch = PatchOf<typeof memberSkillRecord>;

/**
 * A member has a skill once: the id is derived from the pair, so two organizers
 * recording the same skill at once edit one record instead of making two.
 */
export function memberSkillId(memberId: string, skillId: string): string {
  return `${memberId}/${skillId}`;
}

export function levelRank(level: SkillLevel): number {
  return SKILL_LEVELS.indexOf(level);
}

export function atLeast(level: SkillLevel, min: SkillLevel): boolean {
  return levelRank(level) >= levelRank(min);
}
