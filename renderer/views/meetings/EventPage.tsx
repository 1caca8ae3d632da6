/**
 * One event: its details (editable), the way to the door's check-in screen,
 * who came (with new faces for follow-up), likely duplicates to merge after
 * the meeting, a training's trainers and skills, and the agenda and minutes.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf } from '../../app/useRecords';
import { Agenda } from './Agenda';
import { AttendeeList } from './AttendeeList';
import { Duplicates } from './Duplicates';
import { EventForm } from './EventForm';
import { EventMissing } from './EventMissing';
import { EventWhen } from './EventWhen';
import { TrainingSummary } from './TrainingSummary';
import { useCheckIns, useEvent } from './useEvents';

export function EventPage({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  useChangesOf(['groups', 'regions']); // names read as it renders
  const id = useId();
  const event = useEvent(eventId);
  const present = useCheckIns(eventId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!event) return <EventMissing title={t('meetings.title')} />;
  const walkIns = [...present.values()].filter((s) => s?.walkIn).length;
  const group = event.groupId ? data.groups.get(event.groupId) : undefined;
  const region = event.regionId ? data.regions.get(event.regionId) : undefined;

  return (
    <section className="view event-page" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {event.eventName}
        </h1>
        <div className="actions">
          <button type="button" className="primary" onClick={() => navigate({ view: 'checkin', eventId })}>
            {t('event.openCheckIn')}
          </button>
          <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
            {t('event.edit')}
          </button>
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            {t('event.delete')}
          </button>
        </div>
      </div>
      <p>
        <EventWhen event={event} />
        {group && (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => navigate({ view: 'group', groupId: group.id })}>
              {group.name}
            </button>
          </>
        )}
        {region && ` · ${region.name}`}
        {event.branch && ` · ${event.branch}`}
      </p>
      <p className="checkin-count" data-testid="event-count" data-count={present.size}>
        {t('checkin.present', { count: present.size })}
        {walkIns > 0 && <span className="hint"> · {t('event.walkIns', { count: walkIns })}</span>}
      </p>
      {editing && <EventForm event={event} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />}
      <ErrorText error={error} />
      {event.kind === 'training' && <TrainingSummary event={event} />}
      <Duplicates event={event} present={present} />
      <AttendeeList event={event} present={present} />
      <Agenda key={event.id} event={event} />
      <ConfirmDialog
        open={deleting}
        title={t('event.deleteTitle')}
        message={t('event.deleteQuestion', { name: event.eventName, count: present.size })}
        confirmLabel={t('event.delete')}
        onCancel={() => setDeleting(false)}
        onConfirm={() => {
          try {
            data.attendance.delete(event.id);
            setDeleting(false);
            navigate({ view: 'meetings' });
          } catch (e) {
            setError(e);
            setDeleting(false);
          }
        }}
      />
    </section>
  );
}
