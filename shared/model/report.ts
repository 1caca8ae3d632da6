/**
 * De-identified reports: counts of members by one or two of region, ladder
 * stage, membership status, attendance and skills, with every count from 1 to
 * k − 1 suppressed (k is the chapter's, engagement-settings.ts), so a report
 * can go to a partner or another chapter without naming anyone.
 *
 * Suppression (SECURITY.md "Lists and reports that leave the app"):
 * 1. Primary: a count from 1 to k − 1, in a cell or a total, is suppressed.
 *    Zero is shown: it says nobody, and names no one.
 * 2. Complementary: every sum the table shows (a row and its total, a column
 *    and its total, the totals and the grand total) is checked; where exactly
 *    one of its parts is suppressed, it could be worked out by subtraction, so
 *    the smallest other count in that sum is suppressed too. Repeated until no
 *    sum has exactly one suppressed part.
 */
import { LADDER_STAGES } from './codes';
import type { Attendance } from './attendance';
import type { Member } from './member';
import type { MemberSkill } from './skill';
import { atLeast } from './skill';

export const REPORT_DIMENSIONS = ['region', 'ladderStage', 'membershipStatus', 'attendance', 'skill'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];
/** Skills overlap (one member, several skills): they can be rows, never columns, and have no grand total. */
export const COLUMN_DIMENSIONS = REPORT_DIMENSIONS.filter((d) => d !== 'skill');

/** A category that is not set on the member ("no region"). */
export const NOT_SET = 'none';
/** Events attended in the year up to the report's day, in bands. */
export const ATTENDANCE_BANDS = ['0', '1', '2-3', '4+'] as const;
const STATUS_ROWS = ['good_standing', 'member', 'lapsed'] as const;

export interface ReportSpec {
  readonly rows: ReportDimension;
  readonly columns?: Exclude<ReportDimension, 'skill'>;
  /** The smallest count shown. */
  readonly k: number;
  /** The report's day, `YYYY-MM-DD` (attendance counts the 12 months up to it). */
  readonly onDay: string;
}

export interface ReportSource {
  readonly members: readonly Member[];
  readonly regionIds: readonly string[];
  readonly skillIds: readonly string[];
  readonly memberSkills: readonly MemberSkill[];
  readonly events: readonly Attendance[];
}

/** A count as it leaves the app: the number, or suppressed. */
export type Shown = number | 'suppressed';

export interface CountTable<V = number> {
  readonly rowKeys: readonly string[];
  /** One key, `count`, when the report has no column dimension. */
  readonly columnKeys: readonly string[];
  readonly cells: readonly (readonly V[])[];
  /** Per row; absent without a column dimension (the single cell is the row's count). */
  readonly rowTotals?: readonly V[];
  /** Per column, and the grand total; absent when the rows overlap (skills). */
  readonly columnTotals?: readonly V[];
  readonly total?: V;
}

export interface Report extends CountTable<Shown> {
  readonly spec: ReportSpec;
  readonly suppressed: { readonly primary: number; readonly complementary: number };
}

export const COUNT_COLUMN = 'count';

/** The counts, before suppression. */
export function countReport(source: ReportSource, spec: Omit<ReportSpec, 'k'>): CountTable {
  const rowsOf = categoriser(source, spec.rows, spec.onDay);
  const colsOf = spec.columns ? categoriser(source, spec.columns, spec.onDay) : undefined;
  const rowKeys = [...rowsOf.keys];
  const columnKeys = colsOf ? [...colsOf.keys] : [COUNT_COLUMN];
  const cells = rowKeys.map(() => new Array<number>(columnKeys.length).fill(0));
  const rowIndex = new Map(rowKeys.map((k, i) => [k, i]));
  const colIndex = new Map(columnKeys.map((k, i) => [k, i]));
  for (const m of source.members) {
    const c = colsOf ? colIndex.get(colsOf.of(m)[0]!)! : 0;
    for (const r of rowsOf.of(m)) cells[rowIndex.get(r)!]![c]!++;
  }
  // "Not set" rows and columns appear only when someone is in them.
  const keepRow = rowKeys.map((k, i) => k !== NOT_SET || cells[i]!.some((n) => n > 0));
  const keepCol = columnKeys.map((k, j) => k !== NOT_SET || cells.some((row) => row[j]! > 0));
  const kept = cells.filter((_, i) => keepRow[i]).map((row) => row.filter((_, j) => keepCol[j]));
  const table: CountTable = {
    rowKeys: rowKeys.filter((_, i) => keepRow[i]),
    columnKeys: columnKeys.filter((_, j) => keepCol[j]),
    cells: kept,
  };
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const rowTotals = colsOf ? kept.map(sum) : undefined;
  if (!rowsOf.additive) return { ...table, rowTotals };
  const columnTotals = table.columnKeys.map((_, j) => sum(kept.map((row) => row[j]!)));
  return { ...table, rowTotals, columnTotals, total: sum(columnTotals) };
}

/** The report as it may leave the app: counts under k suppressed, and their complements. */
export function suppress(table: CountTable, spec: ReportSpec): Report {
  const { k } = spec;
  // Every entry of the table in one array: cells row by row, then row totals, column totals, total.
  const R = table.rowKeys.length;
  const C = table.columnKeys.length;
  const values: number[] = table.cells.flat();
  const cell = (r: number, c: number) => r * C + c;
  const rowTotal = (r: number) => (table.rowTotals ? R * C + r : -1);
  const colBase = R * C + (table.rowTotals ? R : 0);
  const colTotal = (c: number) => (table.columnTotals ? colBase + c : -1);
  const totalAt = table.total === undefined ? -1 : colBase + C;
  values.push(...(table.rowTotals ?? []), ...(table.columnTotals ?? []));
  if (table.total !== undefined) values.push(table.total);

  // Each sum the table shows: its parts and the entry showing their total.
  const sums: { parts: number[]; total: number }[] = [];
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  if (table.rowTotals)
    for (const r of range(R)) sums.push({ parts: range(C).map((c) => cell(r, c)), total: rowTotal(r) });
  if (table.columnTotals) {
    for (const c of range(C)) sums.push({ parts: range(R).map((r) => cell(r, c)), total: colTotal(c) });
    sums.push({ parts: range(C).map(colTotal), total: totalAt });
    if (table.rowTotals) sums.push({ parts: range(R).map(rowTotal), total: totalAt });
  }

  const hidden = values.map((n) => n > 0 && n < k);
  const primary = hidden.filter(Boolean).length;
  for (let changed = true; changed;) {
    changed = false;
    for (const { parts, total } of sums) {
      const members = [...parts, total];
      if (members.filter((i) => hidden[i]).length !== 1) continue;
      const complement =
        smallest(
          parts.filter((i) => !hidden[i] && values[i]! > 0),
          values,
        ) ??
        smallest(
          parts.filter((i) => !hidden[i]),
          values,
        ) ??
        (hidden[total] ? undefined : total);
      if (complement === undefined) continue;
      hidden[complement] = true;
      changed = true;
    }
  }
  const shown = (i: number): Shown => (hidden[i] ? 'suppressed' : values[i]!);
  return {
    spec,
    rowKeys: table.rowKeys,
    columnKeys: table.columnKeys,
    cells: range(R).map((r) => range(C).map((c) => shown(cell(r, c)))),
    rowTotals: table.rowTotals && range(R).map((r) => shown(rowTotal(r))),
    columnTotals: table.columnTotals && range(C).map((c) => shown(colTotal(c))),
    total: table.total === undefined ? undefined : shown(totalAt),
    suppressed: { primary, complementary: hidden.filter(Boolean).length - primary },
  };
}

/** Counts and suppression in one step. */
export function buildReport(source: ReportSource, spec: ReportSpec): Report {
  return suppress(countReport(source, spec), spec);
}

function smallest(candidates: readonly number[], values: readonly number[]): number | undefined {
  let best: number | undefined;
  for (const i of candidates) if (best === undefined || values[i]! < values[best]!) best = i;
  return best;
}

interface Categoriser {
  readonly keys: readonly string[];
  /** The member's categories: exactly one, except skills (any number). */
  of(m: Member): readonly string[];
  /** Whether the categories partition the members (so rows add up to a total). */
  readonly additive: boolean;
}

function categoriser(source: ReportSource, dimension: ReportDimension, onDay: string): Categoriser {
  switch (dimension) {
    case 'region': {
      const known = new Set(source.regionIds);
      return {
        keys: [...source.regionIds, NOT_SET],
        of: (m) => [m.regionId !== undefined && known.has(m.regionId) ? m.regionId : NOT_SET],
        additive: true,
      };
    }
    case 'ladderStage':
      return { keys: [...LADDER_STAGES, NOT_SET], of: (m) => [m.ladderStage ?? NOT_SET], additive: true };
    case 'membershipStatus':
      return {
        keys: [...STATUS_ROWS, NOT_SET],
        // `expired` is what older national files call `lapsed`.
        of: (m) => [m.membershipStatus === 'expired' ? 'lapsed' : (m.membershipStatus ?? NOT_SET)],
        additive: true,
      };
    case 'attendance': {
      const from = yearBefore(onDay);
      const came = new Map<string, number>();
      for (const e of source.events) {
        if (e.date <= from || e.date > onDay) continue;
        for (const id of new Set(e.memberIds)) came.set(id, (came.get(id) ?? 0) + 1);
      }
      return {
        keys: ATTENDANCE_BANDS,
        of: (m) => {
          const n = came.get(m.id) ?? 0;
          return [n === 0 ? '0' : n === 1 ? '1' : n <= 3 ? '2-3' : '4+'];
        },
        additive: true,
      };
    }
    case 'skill': {
      const known = new Set(source.skillIds);
      const skills = new Map<string, string[]>();
      for (const s of source.memberSkills) {
        if (!known.has(s.skillId) || !atLeast(s.level, 'can_do')) continue;
        const list = skills.get(s.memberId);
        if (list) list.push(s.skillId);
        else skills.set(s.memberId, [s.skillId]);
      }
      return { keys: source.skillIds, of: (m) => skills.get(m.id) ?? [], additive: false };
    }
  }
}

/** The same day a year earlier. */
function yearBefore(day: string): string {
  return `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
}
