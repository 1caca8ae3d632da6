/**
 * Likely duplicates among the people at this event (shared/model/duplicates.ts):
 * usually one walk-in typed on two laptops at once. An organizer merges each
 * pair after the meeting, keeping the record they choose, or says they are two
 * people (remembered on the event, so the pair is not offered again).
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pairKey, type ChapterEvent, type CheckInStamp } from '../../../shared/model/attendance';
import { likelyDuplicates } from '../../../shared/model/duplicates';
import { mergeMembers } from '../../../shared/model/merge-members';
import { displayName, type Member } from '../../../shared/model/member';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { useMembers } from '../../app/useRoster';
import { MemberLink } from '../../components/MemberLink';

interface Props {
  readonly event: ChapterEvent;
  readonly present: ReadonlyMap<string, CheckInStamp | undefined>;
}

export function Duplicates({ event, present }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const members = useMembers();
  const [merging, setMerging] = useState<{ keep: Member; drop: Member } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const status = useStatusLine();
  const pairs = useMemo(() => {
    const dismissed = new Set(event.notDuplicates);
    return likelyDuplicates(members, new Set(present.keys()))
      .filter((p) => !dismissed.has(pairKey(p.a, p.b)))
      .map((p) => ({ ...p, first: data.members.get(p.a)!, second: data.members.get(p.b)! }))
      .filter((p) => p.first && p.second);
  }, [members, present, event.notDuplicates, data]);

  // After the last merge the section stays to say what was done.
  if (pairs.length === 0 && !status.said) return null;
  const who = (m: Member) =>
    [displayName(m), m.emails[0], m.phones[0], present.get(m.id)?.walkIn ? t('checkin.walkInTag') : undefined]
      .filter(Boolean)
      .join(' · ');

  return (
    <section className="panel duplicates" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{pairs.length ? t('duplicates.title', { count: pairs.length }) : t('duplicates.heading')}</h2>
      {pairs.length > 0 && <p className="hint">{t('duplicates.intro')}</p>}
      <ul className="plain" data-testid="duplicates">
        {pairs.map((p) => (
          <li key={`${p.a} ${p.b}`} className="duplicate">
            <p>
              <MemberLink memberId={p.a}>{who(p.first)}</MemberLink>
              {' — '}
              <MemberLink memberId={p.b}>{who(p.second)}</MemberLink>
              <span className="hint"> ({p.reasons.map((r) => t(`duplicates.reason.${r}`)).join(', ')})</span>
            </p>
            <div className="actions">
              <button type="button" onClick={() => setMerging(keepOlder(p.first, p.second))}>
                {t('duplicates.merge')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setError(null);
                  try {
                    data.attendance.update(event.id, {
                      notDuplicates: [...event.notDuplicates, pairKey(p.a, p.b)].slice(-1000),
                    });
                  } catch (e) {
                    setError(e);
                  }
                }}
              >
                {t('duplicates.different')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ErrorText error={error} />
      <StatusLine said={status.said} className="hint" />
      {merging && (
        <ConfirmDialog
          open
          title={t('duplicates.confirmTitle')}
          message={t('duplicates.confirmMessage', { keep: who(merging.keep), drop: who(merging.drop) })}
          confirmLabel={t('duplicates.confirm')}
          onCancel={() => setMerging(null)}
          onConfirm={() => {
            setError(null);
            try {
              mergeMembers(data, merging.keep.id, merging.drop.id);
              status.say('duplicates.merged', { name: displayName(merging.keep) });
            } catch (e) {
              setError(e);
            }
            setMerging(null);
          }}
        />
      )}
    </section>
  );
}

/** The record kept is the one that was on the roster first (a walk-in's twin is the newer one). */
function keepOlder(a: Member, b: Member): { keep: Member; drop: Member } {
  return a.createdAt <= b.createdAt ? { keep: a, drop: b } : { keep: b, drop: a };
}
