/**
 * A member's attendance: whether they count as active under the chapter's
 * rule, and every event they came to (trainings with what they learned).
 * Self-contained, so a redesigned profile can place it anywhere.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsAttended } from '../../../shared/model/attendance';
import { useSpace } from '../../app/SpaceContext';
import { useLabels } from '../../app/useLabels';
import { useRecords } from '../../app/useRecords';
import { useDayFormat } from '../../components/dates';
import { useAttendanceCounts, useEvents } from '../meetings/useEvents';

const SHOWN = 20;

export function MemberAttendance({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { navigate } = useSpace();
  const skillNames = useRecords((d) => new Map(d.skills.all().map((s) => [s.id, s.name])), [], 'skills');
  const label = useLabels();
  const day = useDayFormat();
  const id = useId();
  const events = useEvents();
  const { rule, counts } = useAttendanceCounts();
  const [all, setAll] = useState(false);
  const attended = useMemo(() => eventsAttended(events, memberId), [events, memberId]);
  const n = counts.get(memberId) ?? 0;
  const kind = rule.kind === 'any' ? t('activeRule.anyKind') : label('eventKind', rule.kind);

  return (
    <section aria-labelledby={`${id}-h`} className="panel">
      <h2 id={`${id}-h`}>{t('memberAttendance.title', { count: attended.length })}</h2>
      <p data-testid="member-active">
        {n >= rule.min ? (
          <span className="active-badge">{t('roster.activeBadge')}</span>
        ) : (
          <span className="hint">{t('memberAttendance.notActive')}</span>
        )}{' '}
        {t('memberAttendance.rule', { count: n, last: rule.last, kind, min: rule.min })}
      </p>
      {attended.length === 0 ? (
        <p className="hint">{t('memberAttendance.none')}</p>
      ) : (
        <ol className="plain" data-testid="member-events">
          {(all ? attended : attended.slice(0, SHOWN)).map((e) => (
            <li key={e.id}>
              {day(e.date)}:{' '}
              <button type="button" className="link" onClick={() => navigate({ view: 'event', eventId: e.id })}>
                {e.eventName}
              </button>{' '}
              <span className="hint">
                {label('eventKind', e.kind)}
                {e.kind === 'training' && e.trainerIds.includes(memberId) && ` · ${t('memberAttendance.trainer')}`}
                {e.kind === 'training' &&
                  !e.trainerIds.includes(memberId) &&
                  e.skillIds.length > 0 &&
                  ` · ${e.skillIds
                    .map((s) => skillNames.get(s))
                    .filter(Boolean)
                    .join(', ')}`}
              </span>
            </li>
          ))}
        </ol>
      )}
      {!all && attended.length > SHOWN && (
        <button type="button" onClick={() => setAll(true)}>
          {t('memberAttendance.showAll', { count: attended.length })}
        </button>
      )}
    </section>
  );
}
