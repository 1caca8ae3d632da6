/**
 * Who changed what, when. STAND-IN source: the created/updated stamps every
 * record carries (device ids) and the assessment history; the per-entry view
 * from the signed change log comes when the vault exposes its entries.
 */
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/model/member';
import { useSpace } from '../../app/SpaceContext';

interface Change {
  readonly key: string;
  readonly at: number;
  readonly by: string;
  readonly memberId: string;
  readonly what: 'created' | 'updated' | 'assessed' | 'note';
}

const LIMIT = 200;

export function History({ memberId }: { memberId?: string }) {
  const { t, i18n } = useTranslation();
  const { data, revision, deviceId, navigate } = useSpace();
  const id = useId();
  const changes = useMemo(() => {
    const members = memberId ? [data.members.get(memberId)].filter((m) => m !== undefined) : data.members.all();
    const out: Change[] = [];
    for (const m of members) {
      out.push({ key: `${m.id}-c`, at: m.createdAt, by: m.createdBy, memberId: m.id, what: 'created' });
      if (m.updatedAt !== m.createdAt)
        out.push({ key: `${m.id}-u`, at: m.updatedAt, by: m.updatedBy, memberId: m.id, what: 'updated' });
      if (memberId) {
        m.assessmentHistory.forEach((a, i) =>
          out.push({ key: `${m.id}-a${i}`, at: a.at, by: a.by, memberId: m.id, what: 'assessed' }),
        );
        for (const n of data.notes.forMember(m.id)) {
          out.push({ key: n.id, at: n.updatedAt, by: n.updatedBy, memberId: m.id, what: 'note' });
        }
      }
    }
    return out.sort((a, b) => b.at - a.at).slice(0, LIMIT);
  }, [data, revision, memberId]);
  const member = memberId ? data.members.get(memberId) : undefined;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const who = (by: string) => (by === deviceId ? t('history.thisDevice') : t('history.device', { id: by.slice(0, 8) }));

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {member ? t('history.titleFor', { name: displayName(member) }) : t('history.title')}
      </h1>
      <p className="hint">{t('history.source')}</p>
      {changes.length === 0 ? (
        <div className="empty">
          <p>{t('history.empty')}</p>
        </div>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.who')}</th>
              <th scope="col">{t('history.member')}</th>
              <th scope="col">{t('history.what')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => {
              const m = data.members.get(c.memberId);
              return (
                <tr key={c.key}>
                  <td>{when.format(c.at)}</td>
                  <td>{who(c.by)}</td>
                  <td>
                    {m && (
                      <button
                        type="button"
                        className="link"
                        onClick={() => navigate({ view: 'member', memberId: m.id })}
                      >
                        {displayName(m)}
                      </button>
                    )}
                  </td>
                  <td>{t(`history.change.${c.what}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
