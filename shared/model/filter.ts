import type { LadderStage, MembershipStatus, SkillLevel } from './codes';
import type { Member } from './member';
import type { MemberSkill } from './skill';
import { atLeast } from './skill';

/**
 * Roster filters. Filters combine with AND; inside a list filter any listed
 * value matches (OR). An absent or empty list means "no constraint", like an
 * empty multi-select.
 */
export interface MemberFilters {
  readonly regionIds?: readonly string[];
  /** 5-digit ZIP codes (a ZIP+4 matches its first five digits). */
  readonly zips?: readonly string[];
  /** Only members with no region (the ZIP is in no region, or there is no ZIP). */
  readonly withoutRegion?: boolean;
  readonly branches?: readonly string[];
  readonly membershipStatuses?: readonly MembershipStatus[];
  readonly ladderStages?: readonly LadderStage[];
  /** Inclusive; members with no assessment never match an assessment filter. */
  readonly assessment?: { readonly min?: number; readonly max?: number };
  /** In any of these working groups. */
  readonly groupIds?: readonly string[];
  /** Has this skill (needs the memberSkills), at `minLevel` or above (default: any level). */
  readonly skill?: { readonly skillId: string; readonly minLevel?: SkillLevel };
  readonly needs?: readonly string[];
  readonly resources?: readonly string[];
  readonly languages?: readonly string[];
  readonly tags?: readonly string[];
  /** Consent: only members who agreed to be reached this way. */
  readonly contactableBy?: 'call' | 'text' | 'mail';
  /** Active under the chapter's rule (true) or not (false); needs `activeIds`. */
  readonly active?: boolean;
}

export function filterMembers<M extends Member>(
  members: readonly M[],
  filters: MemberFilters,
  memberSkills: readonly MemberSkill[] = [],
  /** Who is active under the chapter's rule (shared/model/attendance.ts activeAttendees), for `active`. */
  activeIds: ReadonlySet<string> = new Set(),
): M[] {
  const tests: ((m: M) => boolean)[] = [];
  const oneOf = <V>(values: readonly V[] | undefined, pick: (m: M) => V | undefined) => {
    if (!values?.length) return;
    const set = new Set(values);
    tests.push((m) => {
      const v = pick(m);
      return v !== undefined && set.has(v);
    });
  };
  const anyOf = (values: readonly string[] | undefined, pick: (m: M) => readonly string[]) => {
    if (!values?.length) return;
    const set = new Set(values);
    tests.push((m) => pick(m).some((v) => set.has(v)));
  };
  oneOf(filters.regionIds, (m) => m.regionId);
  oneOf(filters.branches, (m) => m.branch);
  oneOf(filters.zips, (m) => m.zip?.slice(0, 5));
  oneOf(filters.membershipStatuses, (m) => m.membershipStatus);
  oneOf(filters.ladderStages, (m) => m.ladderStage);
  anyOf(filters.groupIds, (m) => m.groupIds);
  anyOf(filters.needs, (m) => m.needs);
  anyOf(filters.resources, (m) => m.resources);
  if (filters.withoutRegion) tests.push((m) => m.regionId === undefined);
  anyOf(filters.languages, (m) => m.languages);
  anyOf(filters.tags, (m) => m.tags);
  if (filters.assessment) {
    const { min = 1, max = 5 } = filters.assessment;
    tests.push((m) => m.assessment !== undefined && m.assessment >= min && m.assessment <= max);
  }
  if (filters.skill) {
    const { skillId, minLevel = 'interested' } = filters.skill;
    const holders = new Set(
      memberSkills.filter((s) => s.skillId === skillId && atLeast(s.level, minLevel)).map((s) => s.memberId),
    );
    tests.push((m) => holders.has(m.id));
  }
  if (filters.active !== undefined) {
    const wanted = filters.active;
    tests.push((m) => activeIds.has(m.id) === wanted);
  }
  const consent = filters.contactableBy;
  if (consent === 'call') tests.push((m) => !m.doNotCall);
  if (consent === 'text') tests.push((m) => !m.textOptOut);
  if (consent === 'mail') tests.push((m) => m.mailingPreference !== 'no_mail');
  // No filter: every member (a copy, as filter's), without a call per member.
  if (tests.length === 0) return members.slice();
  return members.filter((m) => tests.every((t) => t(m)));
}
