/**
 * Who came: name, when they were checked in and from which laptop, walk-ins
 * and first-timers marked (the people to follow up with), a way to take
 * someone off the list.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChapterEvent, CheckInStamp } from '../../../shared/model/attendance';
import { displayName, type Member } from '../../../shared/model/member';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useTimeFormat } from '../../components/dates';
import { MemberTable } from '../../components/MemberTable';
import { useEvents } from './useEvents';

interface Props {
  readonly event: ChapterEvent;
  readonly present: ReadonlyMap<string, CheckInStamp | undefined>;
}

export function AttendeeList({ event, present }: Props) {
  const { t } = useTranslation();
  const { data, deviceId } = useSpace();
  const id = useId();
  const time = useTimeFormat();
  const events = useEvents();
  const [error, setError] = useState<unknown>(null);
  const rows = useRecords(
    (data) =>
      [...present]
        .map(([memberId, stamp]) => ({ member: data.members.get(memberId), stamp }))
        .filter((r): r is { member: Member; stamp: CheckInStamp | undefined } => r.member !== undefined)
        .sort(
          (a, b) => displayName(a.member).localeCompare(displayName(b.member)) || (a.member.id < b.member.id ? -1 : 1),
        ),
    [present],
    'members',
  );
  // First time: no earlier event has them.
  const firstTime = useMemo(() => {
    const seenBefore = new Set<string>();
    for (const e of events) if (e.date < event.date) for (const m of e.memberIds) seenBefore.add(m);
    return new Set([...present.keys()].filter((m) => !seenBefore.has(m)));
  }, [events, event.date, present]);

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('event.attendees', { count: rows.length })}</h2>
      {rows.length === 0 ? (
        <p className="hint">{t('event.noAttendees')}</p>
      ) : (
        <MemberTable
          testId="attendees"
          rows={rows}
          columns={[
            {
              header: t('event.column.checkedIn'),
              cell: ({ stamp }) => (
                <>
                  {stamp ? time(stamp.at) : ''}
                  {stamp && stamp.by !== deviceId && <span className="hint"> · {t('checkin.otherLaptop')}</span>}
                </>
              ),
            },
            {
              header: t('event.column.new'),
              cell: ({ member, stamp }) =>
                [stamp?.walkIn && t('checkin.walkInTag'), firstTime.has(member.id) && t('event.firstTime')]
                  .filter(Boolean)
                  .join(' · '),
            },
          ]}
          removeLabel={(name) => t('event.removeAttendee', { name })}
          onRemove={({ member }) => {
            setError(null);
            try {
              data.attendance.checkOut(event.id, member.id);
            } catch (e) {
              setError(e);
            }
          }}
        />
      )}
      <ErrorText error={error} />
    </section>
  );
}
