/** Call, text and mail lists: all of them, one list, or working through one, member by member. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpace } from '../../app/SpaceContext';
import { ListDetail } from './ListDetail';
import { sourceWords } from './source-words';
import { useLists } from './useLists';
import { WorkList } from './WorkList';
import { Select } from '../../components/fields';

export function Lists({ listId, work }: { listId?: string; work?: boolean }) {
  if (listId && work) return <WorkList listId={listId} />;
  if (listId) return <ListDetail listId={listId} />;
  return <ListIndex />;
}

function ListIndex() {
  const { t } = useTranslation();
  const { navigate } = useSpace();
  const id = useId();
  const lists = useLists();
  const [organizer, setOrganizer] = useState('');
  const organizers = useMemo(
    () => [...new Set(lists.flatMap((l) => (l.list.assignedOrganizer ? [l.list.assignedOrganizer] : [])))].sort(),
    [lists],
  );
  const shown = organizer ? lists.filter((l) => l.list.assignedOrganizer === organizer) : lists;

  return (
    <section className="view lists" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('lists.title')}
        </h1>
      </div>
      <p className="hint">{t('lists.intro')}</p>
      {lists.length === 0 ? (
        <div className="empty">
          <p>{t('lists.empty')}</p>
          <button type="button" onClick={() => navigate({ view: 'roster' })}>
            {t('lists.toRoster')}
          </button>
        </div>
      ) : (
        <>
          <div className="field inline">
            <label htmlFor={`${id}-org`}>{t('lists.organizer')}</label>
            <Select id={`${id}-org`} value={organizer} onChange={(e) => setOrganizer(e.target.value)}>
              <option value="">{t('lists.everyone')}</option>
              {organizers.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </Select>
          </div>
          <table className="table" data-testid="lists-table">
            <caption className="visually-hidden">{t('lists.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lists.name')}</th>
                <th scope="col">{t('lists.channel')}</th>
                <th scope="col">{t('lists.organizer')}</th>
                <th scope="col">{t('lists.progressColumn')}</th>
                <th scope="col">{t('lists.madeFrom')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ list, progress }) => (
                <tr key={list.id}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => navigate({ view: 'lists', listId: list.id })}>
                      {list.name}
                    </button>
                  </th>
                  <td>{t(`lists.channels.${list.channel}`)}</td>
                  <td>{list.assignedOrganizer ?? t('lists.unassigned')}</td>
                  <td>{t('lists.progress', { done: progress.done, count: progress.total })}</td>
                  <td>{list.source ? sourceWords(t, list.source) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
