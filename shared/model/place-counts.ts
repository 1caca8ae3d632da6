/**
 * Counts by region or by ZIP code of any measure the roster can filter by:
 * what the map colours and the table beside it lists. A measure is itself a
 * roster filter (measureFilters), applied after the view's filters, so the map
 * and the roster count with the one engine (filter.ts) and always agree.
 * Only counts leave here, never a member's address.
 */
import { LADDER_STAGES, type LadderStage } from './codes';
import { filterMembers, type MemberFilters } from './filter';
import type { Member } from './member';
import type { Region } from './region';
import type { MemberSkill } from './skill';
import { atLeast } from './skill';

export type Measure =
  | { readonly kind: 'members' | 'goodStanding' | 'active' | 'lapsed' }
  | { readonly kind: 'need' | 'resource' | 'language' | 'tag'; readonly code: string }
  | { readonly kind: 'skill'; readonly skillId: string };

/** Engaged members: the ladder's "active" rung and above. */
export const ACTIVE_STAGES: readonly LadderStage[] = LADDER_STAGES.slice(LADDER_STAGES.indexOf('active'));

/** The roster filter that picks the members a measure counts. */
export function measureFilters(measure: Measure): MemberFilters {
  switch (measure.kind) {
    case 'members':
      return {};
    case 'goodStanding':
      return { membershipStatuses: ['good_standing'] };
    case 'active':
      return { ladderStages: ACTIVE_STAGES };
    case 'lapsed':
      return { membershipStatuses: ['lapsed', 'expired'] };
    case 'need':
      return { needs: [measure.code] };
    case 'resource':
      return { resources: [measure.code] };
    case 'language':
      return { languages: [measure.code] };
    case 'tag':
      return { tags: [measure.code] };
    case 'skill':
      return { skill: { skillId: measure.skillId, minLevel: 'can_do' } };
  }
}

export type PlaceKind = 'region' | 'zip';

export interface PlaceCounts {
  /** Region id or 5-digit ZIP → members counted there. */
  readonly byPlace: ReadonlyMap<string, number>;
  /** Counted members with no region (or, by ZIP, no ZIP code). */
  readonly unplaced: number;
  /** All counted members. */
  readonly total: number;
}

/** The members who match the view's filters AND the measure, counted by region or by ZIP. */
export function countByPlace(
  members: readonly Member[],
  filters: MemberFilters,
  measure: Measure,
  by: PlaceKind,
  memberSkills: readonly MemberSkill[] = [],
): PlaceCounts {
  const counted = filterMembers(filterMembers(members, filters, memberSkills), measureFilters(measure), memberSkills);
  const byPlace = new Map<string, number>();
  let unplaced = 0;
  for (const m of counted) {
    const key = by === 'region' ? m.regionId : m.zip?.slice(0, 5);
    if (key === undefined) unplaced++;
    else byPlace.set(key, (byPlace.get(key) ?? 0) + 1);
  }
  return { byPlace, unplaced, total: counted.length };
}

/** One row of the per-region table: who is there, what they need, what they have, what they can teach. */
export interface RegionRow {
  /** Undefined: members with no region. */
  readonly regionId?: string;
  readonly members: number;
  readonly active: number;
  readonly goodStanding: number;
  readonly needs: ReadonlyMap<string, number>;
  readonly resources: ReadonlyMap<string, number>;
  /** Skills someone here can teach, with how many can. */
  readonly teachable: ReadonlyMap<string, number>;
}

/** The per-region table, regions by name, then the members with no region (when there are any). */
export function regionTable(
  members: readonly Member[],
  regions: readonly Pick<Region, 'id' | 'name'>[],
  memberSkills: readonly MemberSkill[],
): RegionRow[] {
  type Acc = {
    members: number;
    active: number;
    goodStanding: number;
    needs: Map<string, number>;
    resources: Map<string, number>;
    teachable: Map<string, number>;
  };
  const fresh = (): Acc => ({
    members: 0,
    active: 0,
    goodStanding: 0,
    needs: new Map(),
    resources: new Map(),
    teachable: new Map(),
  });
  const known = new Set(regions.map((r) => r.id));
  const rows = new Map<string | undefined, Acc>(regions.map((r) => [r.id, fresh()]));
  const where = new Map<string, string | undefined>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const m of members) {
    const key = m.regionId !== undefined && known.has(m.regionId) ? m.regionId : undefined;
    where.set(m.id, key);
    let acc = rows.get(key);
    if (!acc) rows.set(key, (acc = fresh()));
    acc.members++;
    if (m.ladderStage && ACTIVE_STAGES.includes(m.ladderStage)) acc.active++;
    if (m.membershipStatus === 'good_standing') acc.goodStanding++;
    for (const n of m.needs) bump(acc.needs, n);
    for (const r of m.resources) bump(acc.resources, r);
  }
  for (const s of memberSkills) {
    if (!where.has(s.memberId) || !atLeast(s.level, 'can_teach')) continue;
    bump(rows.get(where.get(s.memberId))!.teachable, s.skillId);
  }
  const ordered = [...regions]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => ({ regionId: r.id, ...rows.get(r.id)! }));
  const none = rows.get(undefined);
  return none ? [...ordered, none] : ordered;
}
