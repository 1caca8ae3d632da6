/**
 * Which members the roster shows, in which order: filters (shared/model
 * filterMembers) AND the search (shared/model MemberSearchIndex), sorted by
 * the chosen column. Pure and DOM-free, so the browser tests can compute the
 * expected rows in Node from the same data.
 *
 * Sorting happens once per (data, filters, sort); a keystroke only intersects
 * that sorted list with the search hits, which keeps it well within a frame.
 */
import { filterMembers, type MemberFilters } from '../../../shared/model/filter';
import { displayName, type Member } from '../../../shared/model/member';
import { normalizeForSearch } from '../../../shared/model/normalize';
import type { MemberSearchIndex } from '../../../shared/model/search';
import type { MemberSkill } from '../../../shared/model/skill';
import { LADDER_STAGES, MEMBERSHIP_STATUSES } from '../../../shared/model/codes';

export const SORT_KEYS = ['name', 'region', 'status', 'ladder', 'assessment', 'joinDate'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface RosterSort {
  readonly key: SortKey;
  readonly direction: 'ascending' | 'descending';
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Members without a value sort last in either direction. */
function sortValue(m: Member, key: SortKey, regionNames: ReadonlyMap<string, string>): string | number | undefined {
  switch (key) {
    case 'name':
      return normalizeForSearch(displayName(m));
    case 'region':
      return m.regionId === undefined ? undefined : normalizeForSearch(regionNames.get(m.regionId) ?? '');
    case 'status':
      return m.membershipStatus === undefined ? undefined : MEMBERSHIP_STATUSES.indexOf(m.membershipStatus);
    case 'ladder':
      return m.ladderStage === undefined ? undefined : LADDER_STAGES.indexOf(m.ladderStage);
    case 'assessment':
      return m.assessment;
    case 'joinDate':
      return m.joinDate;
  }
}

export function sortMembers(
  members: readonly Member[],
  sort: RosterSort,
  regionNames: ReadonlyMap<string, string> = new Map(),
): Member[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = members.map((m) => ({
    m,
    v: sortValue(m, sort.key, regionNames),
    name: normalizeForSearch(displayName(m)),
  }));
  keyed.sort((a, b) => {
    if (a.v === undefined || b.v === undefined) {
      if (a.v !== b.v) return a.v === undefined ? 1 : -1;
    } else {
      const d = cmp(a.v, b.v);
      if (d) return sign * d;
    }
    return cmp(a.name, b.name) || cmp(a.m.id, b.m.id);
  });
  return keyed.map((k) => k.m);
}

/** Filter, then sort: the list a keystroke narrows down. */
export function filteredSorted(
  members: readonly Member[],
  filters: MemberFilters,
  memberSkills: readonly MemberSkill[],
  sort: RosterSort,
  regionNames?: ReadonlyMap<string, string>,
): Member[] {
  return sortMembers(filterMembers(members, filters, memberSkills), sort, regionNames);
}

/** Position of each member in a sorted list, so search hits can be put in that order without re-sorting members. */
export function positions(sorted: readonly Member[]): ReadonlyMap<string, number> {
  return new Map(sorted.map((m, i) => [m.id, i]));
}

/** The rows shown: the sorted list, narrowed to the search hits when there is a query. */
export function applySearch(
  sorted: readonly Member[],
  index: MemberSearchIndex,
  query: string,
  at: ReadonlyMap<string, number> = positions(sorted),
): readonly Member[] {
  if (!query.trim()) return sorted;
  const found: number[] = [];
  for (const id of index.search(query)) {
    const i = at.get(id);
    if (i !== undefined) found.push(i);
  }
  found.sort((a, b) => a - b);
  return found.map((i) => sorted[i]!);
}
