/**
 * The engagement dashboard's figures, computed in one pass over each
 * collection: members (with their ladder, assessment and status histories),
 * notes (one-on-ones), events (attendance) and member skills.
 *
 * Where a trend over time comes from (exact, and fast enough to open with
 * 10,000 members and 50,000 notes):
 * - a member's ladder stage and assessment at the end of a month: their
 *   `ladderHistory` / `assessmentHistory` (appended by the accessors at each
 *   change); a member with no history (written before histories existed) is
 *   counted at their current value from the day the record was created;
 * - lapsed and renewed per month: the changes in `statusHistory` (good
 *   standing or member → lapsed or expired, and back); joined per month: the
 *   national list's join date;
 * - one-on-ones and attendance: the notes' and events' own dates.
 * Months are calendar months in the organizer's time zone.
 */
import { activeAttendees } from './attendance';
import type { Attendance } from './attendance';
import { LADDER_STAGES } from './codes';
import type { EventKind, LadderStage, MembershipStatus, TargetPeriod } from './codes';
import type { Member } from './member';
import type { Note } from './note';
import type { MemberSkill } from './skill';
import type { Target } from './target';

/**
 * "Active" until the chapter's own definition is in the model: came to at
 * least `min` of the last `last` events of the kind (attendance.ts).
 */
export const ACTIVE_DEFAULT = { kind: 'general_meeting' as EventKind, last: 6, min: 2 };

/** How many months the dashboard looks back (including the month it is "as of"). */
export const DASHBOARD_MONTHS = 24;

/** How many periods a target's trend shows. */
export const TREND_PERIODS: Readonly<Record<TargetPeriod, number>> = { month: 12, quarter: 8, year: 2 };

/** Level metrics count members at the end of a period; flow metrics count what happened in it. */
export const LEVEL_METRICS: ReadonlySet<Target['metric']> = new Set([
  'members_at_stage',
  'active_members',
  'skill_teachers',
]);

export interface EngagementSource {
  readonly members: readonly Member[];
  readonly notes: readonly Note[];
  readonly events: readonly Attendance[];
  readonly memberSkills: readonly MemberSkill[];
  /** Regions in the order rows are shown. */
  readonly regionIds: readonly string[];
}

/** `YYYY-MM` of an instant, in local time. */
export function monthOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The `count` months up to and including `month` (`YYYY-MM`), oldest first. */
export function monthsUpTo(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(y, m - 1 - (count - 1 - i), 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

/** Local midnight at the start of a month. */
function monthStart(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(y, m - 1, 1).getTime();
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(y, m - 1 + n, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The last day of a month, `YYYY-MM-DD`. */
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(y, m, 0).getDate()).padStart(2, '0')}`;
}

const CURRENT: ReadonlySet<MembershipStatus> = new Set(['good_standing', 'member']);
const LAPSED: ReadonlySet<MembershipStatus> = new Set(['lapsed', 'expired']);

/** One period of a target's trend. */
export interface PeriodValue {
  /** `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
  readonly period: string;
  /** Undefined where the data cannot tell (no meeting that period; a figure with no history). */
  readonly value: number | undefined;
}

export interface TargetProgress {
  readonly target: Target;
  /** Oldest first; the last is the period the dashboard is "as of" (it may not be over). */
  readonly periods: readonly PeriodValue[];
  readonly current: number | undefined;
  /** Current value as a share of the target, 0–100 (capped). */
  readonly percent: number | undefined;
  readonly met: boolean;
}

/** The dashboard's figures, as of the last month of `months`. */
export class Engagement {
  /** `YYYY-MM`, oldest first; the last is the month the dashboard is "as of". */
  readonly months: readonly string[];
  /** Rows of the by-region table: the regions, then members with no region (undefined). */
  readonly regionRows: readonly (string | undefined)[];
  /** Members per region row and ladder stage today; the last column counts members with no stage. */
  readonly ladderByRegion: readonly (readonly number[])[];
  /** Members at each ladder stage at the end of each month: [month][stage]. */
  readonly ladderByMonth: readonly (readonly number[])[];
  /** Members at each assessment (1–5) at the end of each month: [month][value − 1]. */
  readonly assessmentByMonth: readonly (readonly number[])[];
  readonly joined: readonly number[];
  readonly lapsed: readonly number[];
  readonly renewed: readonly number[];
  /** Events held, check-ins, and different people who came, per month. */
  readonly events: readonly number[];
  readonly checkIns: readonly number[];
  readonly people: readonly number[];
  readonly oneOnOnes: readonly number[];

  // Per member, for targets that count only some members: index → region row, groups, and each month's
  // ladder stage (index 0: just before the first month; i + 1: the end of month i; -1: none).
  private readonly memberIndex = new Map<string, number>();
  private readonly regionOf: Int16Array;
  private readonly groupsOf: (readonly string[])[] = [];
  private readonly stageAt: Int8Array;
  /** One-on-ones: their month and the member's index (-1: a note about no one on the roster). */
  private readonly oneOnOneMonth: number[] = [];
  private readonly oneOnOneMember: number[] = [];

  constructor(
    private readonly source: EngagementSource,
    asOfMonth: string,
    monthCount = DASHBOARD_MONTHS,
  ) {
    const months = monthsUpTo(asOfMonth, monthCount);
    this.months = months;
    const M = months.length;
    const monthIndex = new Map(months.map((m, i) => [m, i]));
    // ends[j]: the end of month j − 1 (ends[0]: the start of the first month).
    const ends = [monthStart(months[0]!), ...months.map((m) => monthStart(addMonths(m, 1)))];
    const at = (ms: number) => monthIndex.get(monthOf(ms));

    const regionRow = new Map(source.regionIds.map((id, i) => [id, i]));
    const noRegion = source.regionIds.length;
    this.regionRows = [...source.regionIds, undefined];
    const S = LADDER_STAGES.length;
    const ladderByRegion = this.regionRows.map(() => new Array<number>(S + 1).fill(0));
    const ladderByMonth = months.map(() => new Array<number>(S).fill(0));
    const assessmentByMonth = months.map(() => new Array<number>(5).fill(0));
    const zeros = () => new Array<number>(M).fill(0);
    const joined = zeros();
    const lapsed = zeros();
    const renewed = zeros();

    const N = source.members.length;
    this.regionOf = new Int16Array(N);
    this.stageAt = new Int8Array(N * (M + 1));
    const assessAt = new Int8Array(M + 1);
    source.members.forEach((m, i) => {
      this.memberIndex.set(m.id, i);
      const row = m.regionId === undefined ? noRegion : (regionRow.get(m.regionId) ?? noRegion);
      this.regionOf[i] = row;
      this.groupsOf.push(m.groupIds);
      const stage = m.ladderStage === undefined ? S : LADDER_STAGES.indexOf(m.ladderStage);
      ladderByRegion[row]![stage]!++;

      // Ladder stage at each month's end.
      const base = i * (M + 1);
      if (m.ladderHistory.length) walk(byTime(m.ladderHistory), stageIndex, ends, this.stageAt, base);
      else walk(m.ladderStage ? [{ at: m.createdAt, stage: m.ladderStage }] : [], stageIndex, ends, this.stageAt, base);
      for (let j = 0; j < M; j++) {
        const s = this.stageAt[i * (M + 1) + j + 1]!;
        if (s >= 0) ladderByMonth[j]![s]!++;
      }

      // Assessment at each month's end.
      if (m.assessmentHistory.length) walk(byTime(m.assessmentHistory), assessmentValue, ends, assessAt, 0);
      else walk(m.assessment ? [{ at: m.createdAt, value: m.assessment }] : [], assessmentValue, ends, assessAt, 0);
      for (let j = 0; j < M; j++) {
        const v = assessAt[j + 1]!;
        if (v >= 1) assessmentByMonth[j]![v - 1]!++;
      }

      // Lapsed and renewed: changes between a current and a lapsed status.
      const status = byTime(m.statusHistory);
      for (let k = 1; k < status.length; k++) {
        const before = status[k - 1]!.status;
        const after = status[k]!.status;
        const j = at(status[k]!.at);
        if (j === undefined || before === null || after === null) continue;
        if (CURRENT.has(before) && LAPSED.has(after)) lapsed[j]!++;
        else if (LAPSED.has(before) && CURRENT.has(after)) renewed[j]!++;
      }
      if (m.joinDate) {
        const j = monthIndex.get(m.joinDate.slice(0, 7));
        if (j !== undefined) joined[j]!++;
      }
    });

    const oneOnOnes = zeros();
    for (const n of source.notes) {
      if (n.kind !== 'one_on_one') continue;
      const j = monthIndex.get(n.date.slice(0, 7));
      if (j === undefined) continue;
      oneOnOnes[j]!++;
      this.oneOnOneMonth.push(j);
      this.oneOnOneMember.push(n.memberId === undefined ? -1 : (this.memberIndex.get(n.memberId) ?? -1));
    }

    const events = zeros();
    const checkIns = zeros();
    const people = months.map(() => new Set<string>());
    for (const e of source.events) {
      const j = monthIndex.get(e.date.slice(0, 7));
      if (j === undefined) continue;
      events[j]!++;
      checkIns[j]! += e.memberIds.length;
      for (const id of e.memberIds) people[j]!.add(id);
    }

    this.ladderByRegion = ladderByRegion;
    this.ladderByMonth = ladderByMonth;
    this.assessmentByMonth = assessmentByMonth;
    this.joined = joined;
    this.lapsed = lapsed;
    this.renewed = renewed;
    this.events = events;
    this.checkIns = checkIns;
    this.people = people.map((s) => s.size);
    this.oneOnOnes = oneOnOnes;
  }

  /** Progress against a target in the period the dashboard is "as of", and its trend. */
  progress(target: Target): TargetProgress {
    const groups = periodsOf(this.months, target.period).slice(-TREND_PERIODS[target.period]);
    const monthly = this.monthlyValues(target);
    const periods = groups.map((g, i): PeriodValue => {
      const last = g.months[g.months.length - 1]!;
      const value = LEVEL_METRICS.has(target.metric)
        ? this.levelAt(target, last, i === groups.length - 1)
        : target.metric === 'meeting_turnout'
          ? this.turnout(target, g.months)
          : g.months.reduce((sum, j) => sum + monthly![j]!, 0);
      return { period: g.period, value };
    });
    const current = periods[periods.length - 1]?.value;
    const percent =
      current === undefined
        ? undefined
        : target.target === 0
          ? 100
          : Math.min(100, Math.floor((current / target.target) * 100));
    return { target, periods, current, percent, met: current !== undefined && current >= target.target };
  }

  private counts(target: Target): (i: number) => boolean {
    const row = target.regionId === undefined ? undefined : this.source.regionIds.indexOf(target.regionId);
    const group = target.groupId;
    return (i) =>
      (row === undefined || this.regionOf[i] === row) && (group === undefined || this.groupsOf[i]!.includes(group));
  }

  /** Per month, for flow metrics counted month by month. */
  private monthlyValues(target: Target): number[] | undefined {
    const M = this.months.length;
    const counts = this.counts(target);
    const out = new Array<number>(M).fill(0);
    const filtered = target.regionId !== undefined || target.groupId !== undefined;
    if (target.metric === 'one_on_ones') {
      for (let k = 0; k < this.oneOnOneMonth.length; k++) {
        const i = this.oneOnOneMember[k]!;
        if (!filtered || (i >= 0 && counts(i))) out[this.oneOnOneMonth[k]!]!++;
      }
      return out;
    }
    if (target.metric === 'reached_stage') {
      const rung = LADDER_STAGES.indexOf(target.ladderStage ?? 'leader');
      for (let i = 0; i < this.source.members.length; i++) {
        if (!counts(i)) continue;
        const base = i * (M + 1);
        for (let j = 0; j < M; j++)
          if (this.stageAt[base + j]! < rung && this.stageAt[base + j + 1]! >= rung) out[j]!++;
      }
      return out;
    }
    return undefined;
  }

  private levelAt(target: Target, month: number, isCurrent: boolean): number | undefined {
    const M = this.months.length;
    const counts = this.counts(target);
    const N = this.source.members.length;
    let n = 0;
    switch (target.metric) {
      case 'members_at_stage': {
        const rung = LADDER_STAGES.indexOf(target.ladderStage ?? 'active');
        for (let i = 0; i < N; i++) if (counts(i) && this.stageAt[i * (M + 1) + month + 1]! >= rung) n++;
        return n;
      }
      case 'active_members': {
        const active = activeAttendees(this.source.events, {
          ...ACTIVE_DEFAULT,
          kind: target.eventKind ?? ACTIVE_DEFAULT.kind,
          onDay: lastDay(this.months[month]!),
        });
        for (const id of active) {
          const i = this.memberIndex.get(id);
          if (i !== undefined && counts(i)) n++;
        }
        return n;
      }
      case 'skill_teachers': {
        // Member skills keep no history: only today's figure is known.
        if (!isCurrent) return undefined;
        const teachers = new Set<number>();
        for (const s of this.source.memberSkills) {
          if (s.level !== 'can_teach' || (target.skillId !== undefined && s.skillId !== target.skillId)) continue;
          const i = this.memberIndex.get(s.memberId);
          if (i !== undefined && counts(i)) teachers.add(i);
        }
        return teachers.size;
      }
      default:
        return undefined;
    }
  }

  /** Average people per event of the kind over the months (counting only the target's members); none held: undefined. */
  private turnout(target: Target, months: readonly number[]): number | undefined {
    const kind = target.eventKind ?? 'general_meeting';
    const inMonths = new Set(months.map((j) => this.months[j]!));
    const counts = this.counts(target);
    const filtered = target.regionId !== undefined || target.groupId !== undefined;
    let held = 0;
    let came = 0;
    for (const e of this.source.events) {
      if (e.kind !== kind || !inMonths.has(e.date.slice(0, 7))) continue;
      held++;
      if (!filtered) came += e.memberIds.length;
      else
        for (const id of e.memberIds) {
          const i = this.memberIndex.get(id);
          if (i !== undefined && counts(i)) came++;
        }
    }
    return held === 0 ? undefined : Math.round(came / held);
  }
}

/** A history in time order: as appended it almost always is (only concurrent appends can be out of order). */
function byTime<T extends { at: number }>(history: readonly T[]): readonly T[] {
  for (let i = 1; i < history.length; i++)
    if (history[i]!.at < history[i - 1]!.at) return [...history].sort((a, b) => a.at - b.at);
  return history;
}

const stageIndex = (c: { stage: LadderStage | null }) => (c.stage === null ? -1 : LADDER_STAGES.indexOf(c.stage));
const assessmentValue = (c: { value: number | null }) => c.value ?? -1;

/** Fills out[offset + j] with the value in force at ends[j] (the last change strictly before it; -1 before any). */
function walk<C extends { at: number }>(
  changes: readonly C[],
  value: (change: C) => number,
  ends: readonly number[],
  out: Int8Array,
  offset: number,
): void {
  let k = 0;
  let current = -1;
  for (let j = 0; j < ends.length; j++) {
    while (k < changes.length && changes[k]!.at < ends[j]!) current = value(changes[k++]!);
    out[offset + j] = current;
  }
}

/** The months of the window grouped by calendar period, oldest first; a period starting before the window is left out. */
export function periodsOf(months: readonly string[], period: TargetPeriod): { period: string; months: number[] }[] {
  const keyOf = (m: string) => {
    const [y, mm] = m.split('-') as [string, string];
    if (period === 'month') return m;
    if (period === 'year') return y;
    return `${y}-Q${Math.floor((Number(mm) - 1) / 3) + 1}`;
  };
  const groups: { period: string; months: number[] }[] = [];
  months.forEach((m, j) => {
    const key = keyOf(m);
    const last = groups[groups.length - 1];
    if (last?.period === key) last.months.push(j);
    else groups.push({ period: key, months: [j] });
  });
  const first = groups[0];
  const starts = (m: string) =>
    period === 'month' || (period === 'year' ? m.endsWith('-01') : ['01', '04', '07', '10'].includes(m.slice(5)));
  if (first && !starts(months[first.months[0]!]!)) groups.shift();
  return groups;
}
