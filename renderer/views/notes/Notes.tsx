import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followUpsDue, noteOwner } from '../../../shared/model/follow-ups';
import { displayName } from '../../../shared/model/member';
import { useSpace } from '../../app/SpaceContext';
import { today } from '../../app/today';
import { ownerLabel } from './owner';

const HORIZONS = [0, 7, 30] as const;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Follow-ups due across all members, mine first, oldest due first. */
export function Notes() {
  const { t } = useTranslation();
  const { data, revision, deviceId, navigate } = useSpace();
  const id = useId();
  const [horizon, setHorizon] = useState<number>(0);
  const due = useMemo(
    () => followUpsDue(data.notes.all(), { onDay: addDays(today(), horizon), me: deviceId }),
    [data, revision, deviceId, horizon],
  );
  const mine = due.filter((n) => noteOwner(n) === deviceId).length;

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('notes.title')}
      </h1>
      <div className="inline-row">
        <label htmlFor={`${id}-hz`}>{t('notes.dueBy')}</label>
        <select id={`${id}-hz`} value={horizon} onChange={(e) => setHorizon(Number(e.target.value))}>
          {HORIZONS.map((h) => (
            <option key={h} value={h}>
              {t(`notes.horizon.${h}`)}
            </option>
          ))}
        </select>
      </div>
      <p role="status">{t('notes.dueCount', { count: due.length, mine })}</p>
      {due.length === 0 ? (
        <div className="empty">
          <p>{t('notes.noneDue')}</p>
        </div>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('notes.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notes.dueDate')}</th>
              <th scope="col">{t('notes.member')}</th>
              <th scope="col">{t('notes.nextStep')}</th>
              <th scope="col">{t('notes.assignee')}</th>
              <th scope="col">{t('notes.done')}</th>
            </tr>
          </thead>
          <tbody>
            {due.slice(0, 500).map((n) => {
              const member = n.memberId ? data.members.get(n.memberId) : undefined;
              const name = member ? displayName(member) : t('notes.noMember');
              return (
                <tr key={n.id}>
                  <td>{n.dueDate}</td>
                  <td>
                    {member ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => navigate({ view: 'member', memberId: member.id })}
                      >
                        {name}
                      </button>
                    ) : (
                      name
                    )}
                  </td>
                  <td>{n.nextStep}</td>
                  <td>{ownerLabel(n, deviceId, t('notes.me'))}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => data.notes.update(n.id, { done: true })}
                      aria-label={t('notes.markDoneFor', { name })}
                    >
                      {t('notes.markDone')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
