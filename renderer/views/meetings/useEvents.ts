/**
 * The meetings screens' data, one small hook per question, recomputed per
 * revision of the document (records are cached by the model until they change).
 */
import { useMemo } from 'react';
import { attendanceCounts, type ChapterEvent, type CheckInStamp } from '../../../shared/model/attendance';
import { activeRule, type ActiveRule } from '../../../shared/model/chapter-rules';
import { useSpace } from '../../app/SpaceContext';
import { today } from '../../app/today';

/** Every event, newest first. */
export function useEvents(): readonly ChapterEvent[] {
  const { data, revision } = useSpace();
  return useMemo(
    () =>
      data.attendance
        .all()
        .sort((a, b) =>
          a.date !== b.date ? (a.date < b.date ? 1 : -1) : (b.startTime ?? '').localeCompare(a.startTime ?? ''),
        ),
    [data, revision],
  );
}

export function useEvent(eventId: string): ChapterEvent | undefined {
  const { data, revision } = useSpace();
  return useMemo(() => data.attendance.get(eventId), [data, revision, eventId]);
}

/** Who is checked in at the event (members still on the roster), with their stamps. */
export function useCheckIns(eventId: string): ReadonlyMap<string, CheckInStamp | undefined> {
  const { data, revision } = useSpace();
  return useMemo(() => {
    const all = data.attendance.checkIns(eventId);
    for (const id of all.keys()) if (!data.members.has(id)) all.delete(id);
    return all;
  }, [data, revision, eventId]);
}

export function useActiveRule(): ActiveRule {
  const { data, revision } = useSpace();
  return useMemo(() => activeRule(data), [data, revision]);
}

/** How many of the chapter's counted events each member attended, and the rule they were counted by. */
export function useAttendanceCounts(): { readonly rule: ActiveRule; readonly counts: ReadonlyMap<string, number> } {
  const events = useEvents();
  const rule = useActiveRule();
  const counts = useMemo(() => attendanceCounts(events, { ...rule, onDay: today() }), [events, rule]);
  return { rule, counts };
}
