/** A working group or committee: what it is and when it meets, its leads, its roster, its meetings, notes about it. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteGroup } from '../../../shared/model/groups';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useLabels } from '../../app/useLabels';
import { useDayFormat } from '../../components/dates';
import { NoteForm } from '../notes/NoteForm';
import { NoteTimeline } from '../notes/NoteTimeline';
import { useEvents } from '../meetings/useEvents';
import { GroupDetails } from './GroupDetails';
import { GroupLeads } from './GroupLeads';
import { GroupRoster } from './GroupRoster';

export function GroupPage({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  const label = useLabels();
  const day = useDayFormat();
  const id = useId();
  const group = useRecords((data) => data.groups.get(groupId), [groupId], 'groups');
  const events = useEvents();
  const meetings = useMemo(() => events.filter((e) => e.groupId === groupId), [events, groupId]);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!group) {
    return (
      <section className="view" aria-labelledby={`${id}-h`}>
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('groups.title')}
        </h1>
        <p className="empty">{t('groups.missing')}</p>
        <button type="button" onClick={() => navigate({ view: 'groups' })}>
          {t('groups.backToList')}
        </button>
      </section>
    );
  }

  return (
    <section className="view group-page" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {group.name} <span className="pronouns">({label('groupKind', group.kind)})</span>
        </h1>
        <button type="button" className="danger" onClick={() => setDeleting(true)}>
          {t('groups.delete')}
        </button>
      </div>
      {group.description && <p>{group.description}</p>}
      <ErrorText error={error} />
      <GroupLeads groupId={groupId} />
      <GroupRoster groupId={groupId} />
      <section className="panel" aria-labelledby={`${id}-m`}>
        <h2 id={`${id}-m`}>{t('groups.meetings', { count: meetings.length })}</h2>
        {meetings.length === 0 ? (
          <p className="hint">{t('groups.noMeetings')}</p>
        ) : (
          <ul className="plain">
            {meetings.slice(0, 20).map((e) => (
              <li key={e.id}>
                {day(e.date)}:{' '}
                <button type="button" className="link" onClick={() => navigate({ view: 'event', eventId: e.id })}>
                  {e.eventName}
                </button>{' '}
                <span className="hint">{t('checkin.present', { count: e.memberIds.length })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <GroupDetails group={group} />
      <section className="panel" aria-labelledby={`${id}-n`}>
        <h2 id={`${id}-n`}>{t('groups.notes')}</h2>
        <NoteForm groupId={groupId} />
        <NoteTimeline subject={{ groupId }} />
      </section>
      <ConfirmDialog
        open={deleting}
        title={t('groups.deleteTitle')}
        message={t('groups.deleteQuestion', { name: group.name })}
        confirmLabel={t('groups.delete')}
        onCancel={() => setDeleting(false)}
        onConfirm={() => {
          try {
            deleteGroup(data, groupId);
            navigate({ view: 'groups' });
          } catch (e) {
            setError(e);
          }
          setDeleting(false);
        }}
      />
    </section>
  );
}
