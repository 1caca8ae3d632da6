import { SKILL_LEVELS } from './codes';
import type { SkillLevel } from './codes';
import type { Member } from './member';
import { displayName } from './member';
import type { MemberSkill, Skill } from './skill';

/** Members who can teach `skillId`, optionally only in one region, by name. */
export function whoCanTeach<M extends Member>(
  members: readonly M[],
  memberSkills: readonly MemberSkill[],
  skillId: string,
  opts: { readonly regionId?: string } = {},
): M[] {
  const teachers = new Set(
    memberSkills.filter((s) => s.skillId === skillId && s.level === 'can_teach').map((s) => s.memberId),
  );
  return members
    .filter((m) => teachers.has(m.id) && (opts.regionId === undefined || m.regionId === opts.regionId))
    .sort((a, b) => displayName(a).localeCompare(displayName(b)));
}

export interface SkillGap {
  readonly skill: Skill;
  /** How many members hold the skill at each level (can_teach is 0: that is the gap). */
  readonly counts: Readonly<Record<SkillLevel, number>>;
}

/**
 * Catalogue skills nobody can teach, with how many members are at each lower
 * level (who could be trained up), by name. With `members`, skills of members
 * no longer on the roster do not count.
 */
export function skillGaps(
  skills: readonly Skill[],
  memberSkills: readonly MemberSkill[],
  members?: readonly Member[],
): SkillGap[] {
  const present = members ? new Set(members.map((m) => m.id)) : undefined;
  const counts = new Map<string, Record<SkillLevel, number>>();
  for (const s of memberSkills) {
    if (present && !present.has(s.memberId)) continue;
    let c = counts.get(s.skillId);
    if (!c)
      counts.set(s.skillId, (c = Object.fromEntries(SKILL_LEVELS.map((l) => [l, 0])) as Record<SkillLevel, number>));
    c[s.level]++;
  }
  const empty = Object.fromEntries(SKILL_LEVELS.map((l) => [l, 0])) as Record<SkillLevel, number>;
  return skills
    .map((skill) => ({ skill, counts: counts.get(skill.id) ?? empty }))
    .filter((g) => g.counts.can_teach === 0)
    .sort((a, b) => a.skill.name.localeCompare(b.skill.name));
}
