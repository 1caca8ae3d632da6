/**
 * "Who nearby can help": for each need of a member, the members in the same
 * region or a region next to it (adjacency.ts) who have a resource or a skill
 * that meets it, as the chapter's catalogue says (catalogue.ts). A member with
 * no region is matched with members of the same ZIP code. Nearest first (same
 * region), then by name.
 */
import type { CatalogueEntry } from './catalogue';
import type { Neighbors } from './adjacency';
import type { Member } from './member';
import { displayName } from './member';
import type { MemberSkill } from './skill';
import { atLeast } from './skill';

export interface Helper {
  readonly member: Member;
  readonly sameRegion: boolean;
  /** The member's resources that meet the need. */
  readonly resources: readonly string[];
  /** Skills (catalogue ids) the member holds, at "can do" or above, that meet the need. */
  readonly skillIds: readonly string[];
}

export interface NeedHelp {
  readonly need: string;
  /** False when the catalogue names nothing that meets this need: nobody can be suggested. */
  readonly matchable: boolean;
  readonly helpers: readonly Helper[];
}

export function whoCanHelp(
  member: Member,
  members: readonly Member[],
  memberSkills: readonly MemberSkill[],
  needs: readonly CatalogueEntry[],
  neighbors: Neighbors,
): NeedHelp[] {
  const near = (m: Member): 'same' | 'next' | null => {
    if (m.id === member.id) return null;
    if (member.regionId === undefined) return m.zip && m.zip.slice(0, 5) === member.zip?.slice(0, 5) ? 'same' : null;
    if (m.regionId === member.regionId) return 'same';
    return m.regionId !== undefined && neighbors.get(member.regionId)?.has(m.regionId) ? 'next' : null;
  };
  const nearby = members.flatMap((m) => {
    const where = near(m);
    return where ? [{ m, same: where === 'same' }] : [];
  });
  const skillsOf = new Map<string, string[]>();
  for (const s of memberSkills) {
    if (!atLeast(s.level, 'can_do')) continue;
    const list = skillsOf.get(s.memberId);
    if (list) list.push(s.skillId);
    else skillsOf.set(s.memberId, [s.skillId]);
  }
  const entries = new Map(needs.map((e) => [e.code, e]));
  return member.needs.map((need) => {
    const entry = entries.get(need);
    const metBy = new Set(entry?.metBy ?? []);
    const bySkill = new Set(entry?.skillIds ?? []);
    const helpers: Helper[] = [];
    for (const { m, same } of nearby) {
      const resources = m.resources.filter((r) => metBy.has(r));
      const skillIds = (skillsOf.get(m.id) ?? []).filter((s) => bySkill.has(s));
      if (resources.length || skillIds.length) helpers.push({ member: m, sameRegion: same, resources, skillIds });
    }
    helpers.sort(
      (a, b) =>
        Number(b.sameRegion) - Number(a.sameRegion) || displayName(a.member).localeCompare(displayName(b.member)),
    );
    return { need, matchable: metBy.size + bySkill.size > 0, helpers };
  });
}
