import { z } from 'zod';
import { EVENT_KINDS } from './codes';
import type { EventKind } from './codes';
import { day, defineRecord, instant, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** Most people one event can count: a record past it would no longer validate. */
export const MAX_ATTENDEES = 50_000;

/**
 * A meeting, action, training or other event, and who came. Stored in the
 * `attendance` collection (the name it had when it held only the list).
 */
export const attendanceRecord = defineRecord(
  'attendance',
  {
    eventName: shortText(200).min(1),
    kind: z.enum(EVENT_KINDS),
    date: day,
    /** "19:00": local time of day, shown as typed (no time zone: the organizers are in the room). */
    startTime: z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'time')
      .optional(),
    /** Where: a hall, an address, "online". */
    place: shortText(300).optional(),
    /** The working group or committee whose meeting this is. */
    groupId: recordId.optional(),
    regionId: recordId.optional(),
    branch: shortText(100).optional(),
    /** Agenda, then minutes: a Y.Text, so two organizers can type into it during the meeting. */
    agenda: z.string().max(100_000),
    /**
     * Who came: a set in the document (a nested Y.Map keyed by member id), so two
     * organizers checking people in at two doors both count, and the same person
     * checked in on two laptops is one key, counted once. Each key's value is a
     * check-in stamp (see checkInStamp); the set semantics do not depend on it.
     */
    memberIds: z.array(recordId).max(MAX_ATTENDEES),
    /** A training's trainers (a set, like the attendees); they are not trainees. */
    trainerIds: z.array(recordId).max(100),
    /** A training's skills: attendees checked in move up to `learning` in each (see trainings.ts). */
    skillIds: z.array(recordId).max(20),
    /**
     * Pairs of attendees an organizer said are two people, not one (`<id> <id>`, in id order): not
     * shown as likely duplicates again. A set, so pairs set apart on two laptops at once are all kept.
     */
    notDuplicates: z.array(z.string().max(401)).max(1000),
  },
  { kind: 'other' as const, agenda: '', memberIds: [], trainerIds: [], skillIds: [], notDuplicates: [] },
  { memberIds: 'set', trainerIds: 'set', notDuplicates: 'set', agenda: 'text' },
);
export type Attendance = RecordOf<typeof attendanceRecord>;
export type AttendanceInput = InputOf<typeof attendanceRecord>;
export type AttendancePatch = PatchOf<typeof attendanceRecord>;
/** The name the screens use: an event is its attendance record. */
export type ChapterEvent = Attendance;

/** When and by which device one person was checked in; a walk-in was added to the roster at the door. */
export const checkInStamp = z.object({
  at: instant,
  by: z.string().min(1).max(200),
  walkIn: z.boolean().optional(),
});
export type CheckInStamp = z.infer<typeof checkInStamp>;

/** Which events count towards "active": one kind, or every kind. */
export type ActiveKind = EventKind | 'any';

/**
 * How many of the last `last` events of this kind each member attended,
 * counting events dated on or before `onDay` that have at least one person
 * checked in (an event nobody recorded is not one everybody missed).
 */
export function attendanceCounts(
  events: readonly Attendance[],
  opts: { kind: ActiveKind; last: number; onDay: string },
): Map<string, number> {
  const recent = events
    .filter((e) => (opts.kind === 'any' || e.kind === opts.kind) && e.date <= opts.onDay && e.memberIds.length > 0)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1))
    .slice(0, Math.max(0, opts.last));
  const counts = new Map<string, number>();
  for (const e of recent) for (const id of new Set(e.memberIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * "Active = attended `min` of the last `last` events of this kind":
 * the ids of members who qualify, counting events dated on or before `onDay`.
 */
export function activeAttendees(
  events: readonly Attendance[],
  opts: { kind: ActiveKind; last: number; min: number; onDay: string },
): Set<string> {
  const counts = attendanceCounts(events, opts);
  return new Set([...counts].filter(([, n]) => n >= opts.min).map(([id]) => id));
}

/** The events one member attended, newest first. */
export function eventsAttended(events: readonly Attendance[], memberId: string): Attendance[] {
  return events
    .filter((e) => e.memberIds.includes(memberId))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.eventName.localeCompare(b.eventName)));
}

/** How a pair of members is written in `notDuplicates`. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}
