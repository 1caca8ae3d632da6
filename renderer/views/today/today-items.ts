/**
 * What the Today screen lists, worked out from one space's data for one
 * organizer on one day. Pure (no React, no storage), so each rule is tested
 * in Node (test/renderer/views/today-items.test.ts).
 */
import type { ChapterEvent } from '../../../shared/model/attendance';
import { followUpsDue, noteOwner } from '../../../shared/model/follow-ups';
import type { Member } from '../../../shared/model/member';
import type { Note } from '../../../shared/model/note';
import { addDays, rotation, isRotationDue, type TermLimits, type TermView } from '../../../shared/model/role';
import type { SpaceData } from '../../../shared/model/space-data';
import { WARN_DAYS } from '../leadership/useRoles';

/** Meetings this many days ahead are "coming up". */
export const MEETINGS_AHEAD_DAYS = 14;
/** Without a "last looked" day (the first visit on this device), joins and lapses this recent are new. */
export const FIRST_LOOK_DAYS = 30;

export interface TodayInput {
  /** The organizer: this device's id, which notes carry as author or assignee. */
  readonly me: string;
  /** YYYY-MM-DD in the organizer's time zone (renderer/app/today.ts). */
  readonly onDay: string;
  /** The day this organizer last opened Today in this space on this device; undefined the first time. */
  readonly lastLooked?: string;
  readonly limits?: TermLimits;
}

export interface TodayItems {
  /** Next steps owned by me (assigned to me, or written by me with nobody assigned), due today or earlier. */
  readonly followUps: readonly Note[];
  /** Events from today through MEETINGS_AHEAD_DAYS, soonest first. */
  readonly meetings: readonly ChapterEvent[];
  /** Members whose join date falls after the last look (or within FIRST_LOOK_DAYS), newest first. */
  readonly joined: readonly Member[];
  /** Lapsed or expired members whose membership ended after the last look, newest first. */
  readonly lapsed: readonly Member[];
  /** One-on-ones I wrote since Monday of this week, newest first. */
  readonly oneOnOnes: readonly Note[];
  /** Leadership terms whose rotation is due (leadership screen's rule: shared/model/role.ts). */
  readonly rotation: readonly TermView[];
  /** The first day counted as "new" for joins and lapses (after this day). */
  readonly since: string;
}

/** Monday of the week holding `isoDay` (weeks start on Monday in both languages' usual calendars). */
export function weekStart(isoDay: string): string {
  const weekday = new Date(`${isoDay}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(isoDay, -((weekday + 6) % 7));
}

const LAPSED: ReadonlySet<Member['membershipStatus']> = new Set(['lapsed', 'expired']);

export function todayItems(data: SpaceData, input: TodayInput): TodayItems {
  const { me, onDay } = input;
  const since = input.lastLooked ?? addDays(onDay, -FIRST_LOOK_DAYS);
  const notes = data.notes.all();
  const members = data.members.all();
  const newest =
    <T>(day: (x: T) => string | undefined) =>
    (a: T, b: T) =>
      cmp(day(b) ?? '', day(a) ?? '');

  const followUps = followUpsDue(notes, { onDay, me }).filter((n) => noteOwner(n) === me);
  const ahead = addDays(onDay, MEETINGS_AHEAD_DAYS);
  const meetings = data.attendance
    .all()
    .filter((e) => e.date >= onDay && e.date <= ahead)
    .sort((a, b) => cmp(a.date, b.date) || cmp(a.startTime ?? '', b.startTime ?? '') || cmp(a.id, b.id));
  const isNew = (day: string | undefined) => day !== undefined && day > since && day <= onDay;
  const joined = members.filter((m) => isNew(m.joinDate)).sort(newest((m) => m.joinDate));
  const lapsed = members.filter((m) => LAPSED.has(m.membershipStatus) && isNew(m.xdate)).sort(newest((m) => m.xdate));
  const monday = weekStart(onDay);
  const oneOnOnes = notes
    .filter((n) => n.kind === 'one_on_one' && n.author === me && n.date >= monday && n.date <= onDay)
    .sort(newest((n) => n.date));
  const due = rotation(data.roles.all(), { onDay, withinDays: WARN_DAYS, limits: input.limits }).filter(isRotationDue);
  return { followUps, meetings, joined, lapsed, oneOnOnes, rotation: due, since };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
