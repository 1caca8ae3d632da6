/**
 * Which members the roster shows, in which order: filters (shared/model
 * filterMembers) AND the search (shared/model MemberSearchIndex), sorted by
 * the chosen column. Pure and DOM-free, so the browser tests can compute the
 * expected rows in Node from the same data.
 *
 * Sorting happens once per (data, filters, sort); a keystroke only narrows
 * that sorted list to the search hits, which keeps it well within a frame.
 */
import { filterMembers, type MemberFilters } from '../../../shared/model/filter';
import type { Member } from '../../../shared/model/member';
import { normalizeForSearch } from '../../../shared/model/normalize';
import { searchName, type MemberSearchIndex } from '../../../shared/model/search';
import type { MemberSkill } from '../../../shared/model/skill';
import { LADDER_STAGES, MEMBERSHIP_STATUSES } from '../../../shared/model/codes';

export const SORT_KEYS = ['name', 'region', 'status', 'ladder', 'assessment', 'joinDate', 'attended'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface RosterSort {
  readonly key: SortKey;
  readonly direction: 'ascending' | 'descending';
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A member's name as sorted: the search index's (searchName), kept per record object, so a change to the doc
 * re-sorts 10k members without normalizing 10k names again, and the first sort finds them made by the index.
 */
const sortName = searchName;

/** How many of the chapter's counted events each member attended, and how many make them active. */
export interface RosterAttendance {
  readonly counts: ReadonlyMap<string, number>;
  readonly min: number;
}
const NO_ATTENDANCE: RosterAttendance = { counts: new Map(), min: 1 };

/** Members without a value sort last in either direction. */
function sortValue(
  m: Member,
  key: SortKey,
  regionNames: ReadonlyMap<string, string>,
  attendance: RosterAttendance,
): string | number | undefined {
  switch (key) {
    case 'name':
      return sortName(m);
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
    case 'attended':
      return attendance.counts.get(m.id) ?? 0;
  }
}

export function sortMembers(
  members: readonly Member[],
  sort: RosterSort,
  regionNames: ReadonlyMap<string, string> = new Map(),
  attendance: RosterAttendance = NO_ATTENDANCE,
  index?: MemberSearchIndex,
): Member[] {
  // By name, ascending (the roster's first order): the search index has it already.
  const byName = sort.key === 'name' && sort.direction === 'ascending' ? index?.inNameOrder(members) : null;
  if (byName) return byName;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = members.map((m) => ({
    m,
    v: sortValue(m, sort.key, regionNames, attendance),
    name: sortName(m),
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

/** Filter, then sort (by name through `index`, when given: see sortMembers): the list a keystroke narrows down. */
export function filteredSorted(
  members: readonly Member[],
  filters: MemberFilters,
  memberSkills: readonly MemberSkill[],
  sort: RosterSort,
  regionNames?: ReadonlyMap<string, string>,
  attendance: RosterAttendance = NO_ATTENDANCE,
  index?: MemberSearchIndex,
): Member[] {
  const active = filters.active === undefined ? undefined : activeIds(attendance);
  return sortMembers(filterMembers(members, filters, memberSkills, active), sort, regionNames, attendance, index);
}

/** The members active under the chapter's rule. */
export function activeIds(attendance: RosterAttendance): Set<string> {
  return new Set([...attendance.counts].filter(([, n]) => n >= attendance.min).map(([id]) => id));
}

/** The rows shown: the sorted list, narrowed to the search hits when there is a query (no re-sort: see MemberSearchIndex.filter). */
export function applySearch(sorted: readonly Member[], index: MemberSearchIndex, query: string): readonly Member[] {
  if (!query.trim()) return sorted;
  return index.filter(sorted, query);
}
