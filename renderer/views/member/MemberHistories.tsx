/**
 * A member's histories on the profile: each change of assessment (in the chapter's words), ladder stage
 * and membership status, newest first, as the accessors recorded them (shared/model/member.ts). The same
 * histories the dashboard's trends are counted from.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/model/member';
import { useAssessmentLabel } from '../../app/useAssessmentLabel';
import { useLabels } from '../../app/useLabels';

interface Change {
  readonly at: number;
  readonly words: string;
}

export function MemberHistories({ member }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const assessment = useAssessmentLabel();
  const label = useLabels();
  const notSet = t('common.notSet');
  const histories: { key: string; title: string; empty: string; changes: Change[] }[] = [
    {
      key: 'assess',
      title: t('member.assessmentHistory'),
      empty: t('member.noAssessment'),
      changes: member.assessmentHistory.map((c) => ({
        at: c.at,
        words: c.value === null ? notSet : assessment(c.value),
      })),
    },
    {
      key: 'ladder',
      title: t('member.ladderHistory'),
      empty: t('member.noChanges'),
      changes: member.ladderHistory.map((c) => ({
        at: c.at,
        words: c.stage === null ? notSet : label('ladderStage', c.stage),
      })),
    },
    {
      key: 'status',
      title: t('member.statusHistory'),
      empty: t('member.noChanges'),
      changes: member.statusHistory.map((c) => ({
        at: c.at,
        words: c.status === null ? notSet : label('membershipStatus', c.status),
      })),
    },
  ];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <div className="panel member-histories">
      {histories.map((h) => (
        <section key={h.key} aria-labelledby={`${id}-${h.key}`}>
          <h2 id={`${id}-${h.key}`}>{h.title}</h2>
          {h.changes.length === 0 ? (
            <p className="hint">{h.empty}</p>
          ) : (
            <ol className="plain">
              {[...h.changes].reverse().map((c, i) => (
                <li key={`${c.at}-${i}`}>
                  {date.format(c.at)}: {c.words}
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}
