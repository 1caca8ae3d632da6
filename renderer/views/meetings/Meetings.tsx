/**
 * Meetings and events: what is coming up (with a check-in button for the
 * door), what took place and how many came, a new event, and the chapter's
 * definition of an active member.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChapterEvent } from '../../../shared/model/attendance';
import type { EventKind } from '../../../shared/model/codes';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { useLabels } from '../../app/useLabels';
import { useDayFormat } from '../../components/dates';
import { ActiveRuleForm } from './ActiveRuleForm';
import { EventForm } from './EventForm';
import { useEvents } from './useEvents';

const PAST_SHOWN = 50;

export function Meetings({ newKind }: { newKind?: EventKind }) {
  const { t } = useTranslation();
  const { navigate } = useSpace();
  const id = useId();
  const events = useEvents();
  const [creating, setCreating] = useState(newKind !== undefined);
  const [allPast, setAllPast] = useState(false);
  const now = today();
  const upcoming = useMemo(() => events.filter((e) => e.date >= now).reverse(), [events, now]);
  const past = useMemo(() => events.filter((e) => e.date < now), [events, now]);

  return (
    <section className="view meetings" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('meetings.title')}
        </h1>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('meetings.new')}
          </button>
        )}
      </div>
      {creating && (
        <EventForm
          initialKind={newKind}
          onSaved={(eventId) => navigate({ view: 'event', eventId })}
          onCancel={() => setCreating(false)}
        />
      )}
      <section className="panel" aria-labelledby={`${id}-up`}>
        <h2 id={`${id}-up`}>{t('meetings.upcoming')}</h2>
        {upcoming.length === 0 ? (
          <p className="hint">{t('meetings.noneUpcoming')}</p>
        ) : (
          <EventTable events={upcoming} caption={t('meetings.upcoming')} checkIn />
        )}
      </section>
      <section className="panel" aria-labelledby={`${id}-past`}>
        <h2 id={`${id}-past`}>{t('meetings.past')}</h2>
        {past.length === 0 ? (
          <p className="hint">{t('meetings.nonePast')}</p>
        ) : (
          <>
            <EventTable events={allPast ? past : past.slice(0, PAST_SHOWN)} caption={t('meetings.past')} />
            {!allPast && past.length > PAST_SHOWN && (
              <button type="button" onClick={() => setAllPast(true)}>
                {t('meetings.showAll', { count: past.length })}
              </button>
            )}
          </>
        )}
      </section>
      <ActiveRuleForm />
    </section>
  );
}

function EventTable({
  events,
  caption,
  checkIn = false,
}: {
  events: readonly ChapterEvent[];
  caption: string;
  checkIn?: boolean;
}) {
  const { t } = useTranslation();
  const { navigate } = useSpace();
  const label = useLabels();
  const day = useDayFormat();
  const groups = useRecords((data) => new Map(data.groups.all().map((g) => [g.id, g.name])), [], 'groups');
  const regions = useRecords((data) => new Map(data.regions.all().map((r) => [r.id, r.name])), [], 'regions');
  return (
    <table className="table events">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('meetings.column.date')}</th>
          <th scope="col">{t('meetings.column.name')}</th>
          <th scope="col">{t('meetings.column.kind')}</th>
          <th scope="col">{t('meetings.column.whose')}</th>
          <th scope="col">{t('meetings.column.place')}</th>
          <th scope="col">{t('meetings.column.present')}</th>
          {checkIn && <th scope="col">{t('meetings.column.door')}</th>}
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-event-id={e.id}>
            <td>
              {day(e.date)}
              {e.startTime && <span className="hint"> {e.startTime}</span>}
            </td>
            <th scope="row">
              <button type="button" className="link" onClick={() => navigate({ view: 'event', eventId: e.id })}>
                {e.eventName}
              </button>
            </th>
            <td>{label('eventKind', e.kind)}</td>
            <td>
              {[e.groupId && groups.get(e.groupId), e.regionId && regions.get(e.regionId), e.branch]
                .filter(Boolean)
                .join(' · ')}
            </td>
            <td>{e.place ?? ''}</td>
            <td>{e.memberIds.length}</td>
            {checkIn && (
              <td>
                <button
                  type="button"
                  className="primary"
                  aria-label={t('meetings.checkInAt', { name: e.eventName })}
                  onClick={() => navigate({ view: 'checkin', eventId: e.id })}
                >
                  {t('meetings.checkIn')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
