/**
 * Who changed what, when: one row per signed change-log entry of the space
 * (author device, author's clock), with the members it touched. Read on
 * demand: it decrypts the space's stored entries once, then, each time new
 * entries are stored (a local batch, or a peer's), only those.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { historyOrder } from '../../../shared/vault/history';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/model/member';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import type { ChangeRecord, UnlockedVault } from '../../vault';
import { HistoryRows } from './HistoryRows';

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
  const { data, spaceId } = useSpace();
  const id = useId();
  const [changes, setChanges] = useState<ChangeRecord[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [compactedAt, setCompactedAt] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    const known = new Set<string>();
    let read: ChangeRecord[] = [];
    // One read at a time, each asking only for entries the ones before it did not return.
    let queue = Promise.resolve();
    const readNew = () => {
      queue = queue.then(async () => {
        if (cancelled) return;
        try {
          const added = await vault.history(spaceId, known);
          if (cancelled || (added.length === 0 && known.size > 0)) return;
          for (const change of added) known.add(change.id);
          read = [...read, ...added].sort(historyOrder);
          setChanges(read);
        } catch (e) {
          if (!cancelled) setError(e);
        }
      });
    };
    // After a compaction the entries it covers are gone: what was read is dropped and read again.
    let compacted: number | null = null;
    const readCompacted = () =>
      void vault.compactedAt?.(spaceId).then((at) => {
        if (cancelled || at === compacted) return;
        compacted = at;
        setCompactedAt(at);
        queue = queue.then(() => {
          known.clear();
          read = [];
        });
        readNew();
      }, setError);
    readNew();
    readCompacted();
    const stop = vault.onStored(spaceId, () => {
      readNew();
      readCompacted();
    });
    return () => {
      cancelled = true;
      void stop.then((unsubscribe) => unsubscribe());
    };
  }, [vault, spaceId]);

  const rows = useMemo(() => {
    const noteMember = (noteId: string) => data.notes.get(noteId)?.memberId;
    return (changes ?? [])
      .map((c) => ({ change: c, members: membersOf(c, noteMember) }))
      .filter((r) => !memberId || r.members.includes(memberId))
      .reverse();
  }, [changes, data, memberId]);

  const member = memberId ? data.members.get(memberId) : undefined;

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {member ? t('history.titleFor', { name: displayName(member) }) : t('history.title')}
      </h1>
      <p className="hint">{t('history.source')}</p>
      {compactedAt !== null && (
        <p className="hint" data-testid="history-compacted">
          {t('history.compacted', {
            date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(compactedAt),
          })}
        </p>
      )}
      <ErrorText error={error} />
      {changes === null && !error ? (
        <p aria-busy="true">{t('history.loading')}</p>
      ) : rows.length === 0 ? (
        compactedAt === null && (
          <div className="empty">
            <p>{t('history.empty')}</p>
          </div>
        )
      ) : (
        <>
          <p className="count" data-testid="history-count" data-count={rows.length}>
            {t('history.count', { count: rows.length })}
          </p>
          <HistoryRows rows={rows} />
        </>
      )}
    </section>
  );
}
