/**
 * The meetings screens' data, one small hook per question, read again when the collections it
 * comes from change (records are cached by the model until they change).
 */
import { useMemo } from 'react';
import { attendanceCounts, type ChapterEvent, type CheckInStamp } from '../../../shared/model/attendance';
import { activeRule, type ActiveRule } from '../../../shared/model/chapter-rules';

import { useRecords } from '../../app/useRecords';
import { today } from '../../app/today';

const NO_EVENTS: readonly ChapterEvent[] = [];

/** Every event, newest first; none while `loaded` is false (a view still reading the space: space-loading.ts). */
export function useEvents(loaded = true): readonly ChapterEvent[] {
  return useRecords(
    (data) =>
      loaded
        ? data.attendance
            .all()
            .sort((a, b) =>
              a.date !== b.date ? (a.date < b.date ? 1 : -1) : (b.startTime ?? '').localeCompare(a.startTime ?? ''),
            )
        : NO_EVENTS,
    [loaded],
    'attendance',
  );
}

export function useEvent(eventId: string): ChapterEvent | undefined {
  return useRecords((data) => data.attendance.get(eventId), [eventId], 'attendance');
}

/** Who is checked in at the event (members still on the roster), with their stamps. */
export function useCheckIns(eventId: string): ReadonlyMap<string, CheckInStamp | undefined> {
  return useRecords(
    (data) => {
      const all = data.attendance.checkIns(eventId);
      for (const id of all.keys()) if (!data.members.has(id)) all.delete(id);
      return all;
    },
    [eventId],
    ['attendance', 'members'],
  );
}

export function useActiveRule(): ActiveRule {
  return useRecords(activeRule, [], 'meta');
}

/**
 * How many of the chapter's counted events each member attended, and the rule they were counted by (none
 * counted while `loaded` is false).
 */
export function useAttendanceCounts(loaded = true): {
  readonly rule: ActiveRule;
  readonly counts: ReadonlyMap<string, number>;
} {
  const events = useEvents(loaded);
  const rule = useActiveRule();
  const counts = useMemo(() => attendanceCounts(events, { ...rule, onDay: today() }), [events, rule]);
  return { rule, counts };
}
