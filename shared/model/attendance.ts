import { z } from 'zod';
import { EVENT_KINDS } from './codes';
import { day, defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** Who came to one event. */
export const attendanceRecord = defineRecord(
  'attendance',
  {
    eventName: shortText(200).min(1),
    kind: z.enum(EVENT_KINDS),
    date: day,
    groupId: recordId.optional(),
    branch: shortText(100).optional(),
    /** A set in the document (a nested Y.Map): two organizers checking people in at two doors both count. */
    memberIds: z.array(recordId).max(50_000),
  },
  { kind: 'other' as const, memberIds: [] },
  { memberIds: 'set' },
);
export type Attendance = RecordOf<typeof attendanceRecord>;
export type AttendanceInput = InputOf<typeof attendanceRecord>;
export type AttendancePatch = PatchOf<typeof attendanceRecord>;

/**
 * "Active = attended `min` of the last `last` events of this kind":
 * the ids of members who qualify, counting events dated on or before `onDay`.
 */
export function activeAttendees(
  events: readonly Attendance[],
  opts: { kind: Attendance['kind']; last: number; min: number; onDay: string },
): Set<string> {
  const recent = events
    .filter((e) => e.kind === opts.kind && e.date <= opts.onDay)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .slice(0, opts.last);
  const counts = new Map<string, number>();
  for (const e of recent) for (const id of new Set(e.memberIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= opts.min).map(([id]) => id));
}
