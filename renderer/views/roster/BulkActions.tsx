/**
 * What can be done to the selected members at once: add a tag, add them to a
 * working group, assign an organizer. Each is one transaction (one change in
 * the log, one sync), through the model's own update, so it is validated
 * like a single edit.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/model/member';
import { StatusLine, message, useStatusLine, type Message } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { OrganizerInput } from '../lists/OrganizerInput';
import { Input, Select } from '../../components/fields';

interface Props {
  readonly selected: readonly Member[];
  readonly onClear: () => void;
}

export function BulkActions({ selected, onClear }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const groups = useRecords((data) => data.groups.all().sort((a, b) => a.name.localeCompare(b.name)), [], 'groups');
  const [tag, setTag] = useState('');
  const [groupId, setGroupId] = useState('');
  const [organizer, setOrganizer] = useState('');
  const status = useStatusLine();

  function apply(change: (m: Member) => Parameters<typeof data.members.update>[1] | undefined, done: Message) {
    status.clear();
    try {
      data.transact(() => {
        for (const m of selected) {
          const patch = change(m);
          if (patch) data.members.update(m.id, patch);
        }
      });
      status.say(done);
    } catch (e) {
      status.fail(e);
    }
  }

  const count = selected.length;
  return (
    <div role="group" aria-labelledby={`${id}-h`} className="panel bulk-actions">
      <p id={`${id}-h`} className="bulk-title">
        <strong>{t('roster.bulk.selected', { count })}</strong>{' '}
        <button type="button" className="link" onClick={onClear}>
          {t('roster.bulk.clear')}
        </button>
      </p>
      <div className="bulk-row">
        <label htmlFor={`${id}-tag`}>{t('roster.bulk.tag')}</label>
        <Input id={`${id}-tag`} value={tag} maxLength={60} onChange={(e) => setTag(e.target.value)} />
        <button
          type="button"
          disabled={!tag.trim()}
          onClick={() => {
            const value = tag.trim();
            apply(
              (m) => (m.tags.includes(value) ? undefined : { tags: [...m.tags, value] }),
              message('roster.bulk.tagged', { count, tag: value }),
            );
          }}
        >
          {t('roster.bulk.addTag')}
        </button>
      </div>
      <div className="bulk-row">
        <label htmlFor={`${id}-group`}>{t('roster.bulk.group')}</label>
        <Select id={`${id}-group`} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
          <option value="">{t('roster.bulk.chooseGroup')}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </Select>
        <button
          type="button"
          disabled={!groupId}
          onClick={() =>
            apply(
              (m) => (m.groupIds.includes(groupId) ? undefined : { groupIds: [...m.groupIds, groupId] }),
              message('roster.bulk.grouped', { count, group: groups.find((g) => g.id === groupId)?.name ?? '' }),
            )
          }
        >
          {t('roster.bulk.addGroup')}
        </button>
      </div>
      <div className="bulk-row">
        <label htmlFor={`${id}-org`}>{t('roster.bulk.organizer')}</label>
        <OrganizerInput id={`${id}-org`} value={organizer} onChange={setOrganizer} />
        <button
          type="button"
          disabled={!organizer.trim()}
          onClick={() =>
            apply(
              () => ({ assignedOrganizer: organizer.trim() }),
              message('roster.bulk.assigned', { count, name: organizer.trim() }),
            )
          }
        >
          {t('roster.bulk.assign')}
        </button>
      </div>
      <StatusLine said={status.said} />
    </div>
  );
}
