/**
 * "Make a list" from the roster: the members shown (a filtered view, a saved
 * view, a search) or the ones selected, kept only where their consent allows
 * the chosen way of reaching them.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIST_CHANNELS, type ListChannel } from '../../../shared/model/codes';
import { listMemberIds, MAX_LIST_MEMBERS, reachableBy, type ListSource } from '../../../shared/model/list';
import { sourceWords } from './source-words';
import type { Member } from '../../../shared/model/member';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { OrganizerInput } from './OrganizerInput';
import { useModal } from '../../components/useModal';
import { Form, Input } from '../../components/fields';

interface Props {
  readonly members: readonly Member[];
  /** What the members were chosen by (stored with the list). */
  readonly source: ListSource;
  readonly onClose: () => void;
}

export function MakeListDialog({ members, source, onClose }: Props) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  const id = useId();
  const ref = useModal(true); // shown as a modal while mounted; the owner unmounts it to close
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<ListChannel>('call');
  const [organizer, setOrganizer] = useState('');
  const [error, setError] = useState<unknown>(null);
  const reachable = useMemo(
    () => Object.fromEntries(LIST_CHANNELS.map((c) => [c, members.filter((m) => reachableBy(m, c))])),
    [members],
  ) as Record<ListChannel, Member[]>;
  const chosen = reachable[channel];

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const listId = data.lists.create({
        name: name.trim(),
        channel,
        memberIds: listMemberIds(chosen),
        assignedOrganizer: organizer.trim() || undefined,
        source,
      });
      onClose();
      navigate({ view: 'lists', listId });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-h`} onCancel={onClose}>
      <Form onSubmit={submit} className="form-grid">
        <h2 id={`${id}-h`}>{t('lists.make.title')}</h2>
        <p className="hint">{t('lists.make.from', { count: members.length, source: sourceWords(t, source) })}</p>
        <label htmlFor={`${id}-name`}>{t('lists.name')}</label>
        <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <fieldset>
          <legend>{t('lists.channel')}</legend>
          {LIST_CHANNELS.map((c) => (
            <label key={c} className="check">
              <Input
                type="radio"
                name={`${id}-channel`}
                value={c}
                checked={channel === c}
                onChange={() => setChannel(c)}
              />
              {t(`lists.make.channel.${c}`, { count: reachable[c].length })}
            </label>
          ))}
        </fieldset>
        <p className="hint" data-testid="make-list-left-out">
          {t(`lists.make.leftOut.${channel}`, { count: members.length - chosen.length })}
        </p>
        {chosen.length > MAX_LIST_MEMBERS && (
          <p className="notice">{t('lists.make.tooMany', { count: MAX_LIST_MEMBERS })}</p>
        )}
        <label htmlFor={`${id}-org`}>{t('lists.assignTo')}</label>
        <OrganizerInput id={`${id}-org`} value={organizer} onChange={setOrganizer} />
        <ErrorText error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={chosen.length === 0}>
            {t('lists.make.create', { count: Math.min(chosen.length, MAX_LIST_MEMBERS) })}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </Form>
    </dialog>
  );
}
