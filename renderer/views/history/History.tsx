/**
 * Who changed what, when: one row per signed change-log entry of the space
 * (author device, author's clock), with the members it touched. Read on
 * demand: it decrypts the space's stored entries.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/model/member';
import { ErrorText } from '../../app/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import type { ChangeRecord, UnlockedVault } from '../../vault';

const LIMIT = 300;

/** Member ids a change touched: the member record itself, or one of their notes, skills or roles. */
function membersOf(change: ChangeRecord, noteMember: (noteId: string) => string | undefined): string[] {
  const ids = new Set<string>();
  for (const r of change.records) {
    const [collection, id = ''] = r.split(/\/(.*)/s);
    if (collection === 'members') ids.add(id);
    else if (collection === 'memberSkills') ids.add(id.split('/')[0] ?? '');
    else if (collection === 'notes') {
      const m = noteMember(id);
      if (m) ids.add(m);
    }
  }
  ids.delete('');
  return [...ids];
}

export function History({ vault, memberId }: { vault: UnlockedVault; memberId?: string }) {
  const { t, i18n } = useTranslation();
  const { data, revision, spaceId, deviceId, navigate } = useSpace();
  const id = useId();
  const [changes, setChanges] = useState<ChangeRecord[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    vault.history(spaceId).then(
      (list) => !cancelled && setChanges(list),
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [vault, spaceId, revision]);

  const rows = useMemo(() => {
    const noteMember = (noteId: string) => data.notes.get(noteId)?.memberId;
    return (changes ?? [])
      .map((c) => ({ change: c, members: membersOf(c, noteMember) }))
      .filter((r) => !memberId || r.members.includes(memberId))
      .reverse()
      .slice(0, LIMIT);
  }, [changes, data, memberId]);

  const member = memberId ? data.members.get(memberId) : undefined;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const who = (by: string) => (by === deviceId ? t('history.thisDevice') : t('history.device', { id: by.slice(0, 8) }));
  const nameOf = (mid: string) => {
    const m = data.members.get(mid);
    return m ? displayName(m) : t('history.deletedMember');
  };

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {member ? t('history.titleFor', { name: displayName(member) }) : t('history.title')}
      </h1>
      <p className="hint">{t('history.source')}</p>
      <ErrorText error={error} />
      {changes === null && !error ? (
        <p aria-busy="true">{t('history.loading')}</p>
      ) : rows.length === 0 ? (
        <div className="empty">
          <p>{t('history.empty')}</p>
        </div>
      ) : (
        <table className="table" data-testid="history">
          <caption className="visually-hidden">{t('history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.who')}</th>
              <th scope="col">{t('history.members')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ change, members }) => (
              <tr key={change.id}>
                <td>{when.format(change.at)}</td>
                <td>{who(change.author)}</td>
                <td>
                  {members.length === 0
                    ? t('history.otherRecords', { count: change.records.length })
                    : members.length > 5
                      ? t('history.manyMembers', { count: members.length })
                      : members.map((mid, i) => (
                          <span key={mid}>
                            {i > 0 && ', '}
                            {data.members.has(mid) ? (
                              <button
                                type="button"
                                className="link"
                                onClick={() => navigate({ view: 'member', memberId: mid })}
                              >
                                {nameOf(mid)}
                              </button>
                            ) : (
                              nameOf(mid)
                            )}
                          </span>
                        ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
