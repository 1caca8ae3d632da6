/**
 * Leadership and rotation, chapter-wide: whose rotation is due or overdue,
 * who holds what now (with their terms and the chapter's limits), adding a
 * role, the limits themselves, and each seat's history.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRotationDue, type TermView } from '../../../shared/model/role';
import { HandOverDialog } from './HandOverDialog';
import { RoleForm } from './RoleForm';
import { SeatHistory } from './SeatHistory';
import { TermLimitsForm } from './TermLimitsForm';
import { TermTable } from './TermTable';
import { useSeatName, useTerms } from './useRoles';

export function Leadership() {
  const { t } = useTranslation();
  const id = useId();
  const terms = useTerms();
  const [handing, setHanding] = useState<{ term: TermView; same: boolean } | null>(null);
  const due = useMemo(
    () =>
      terms.filter(isRotationDue).sort((a, b) => (a.role.termEnd ?? '9999').localeCompare(b.role.termEnd ?? '9999')),
    [terms],
  );
  const seatName = useSeatName();
  const current = useMemo(
    () =>
      terms
        .filter((v) => v.status !== 'ended')
        .sort(
          (a, b) =>
            seatName(a.role).localeCompare(seatName(b.role)) || a.role.termStart.localeCompare(b.role.termStart),
        ),
    [terms, seatName],
  );

  return (
    <section className="view leadership" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('leadership.title')}
      </h1>
      <p>{t('leadership.intro')}</p>
      <section className="panel" aria-labelledby={`${id}-due`}>
        <h2 id={`${id}-due`}>{t('leadership.due', { count: due.length })}</h2>
        {due.length === 0 ? (
          <p className="hint">{t('leadership.noneDue')}</p>
        ) : (
          <TermTable
            terms={due}
            caption={t('leadership.dueCaption')}
            testId="due-roles"
            onHandOver={(term) => setHanding({ term, same: false })}
            onRenew={(term) => setHanding({ term, same: true })}
          />
        )}
      </section>
      <section className="panel" aria-labelledby={`${id}-now`}>
        <h2 id={`${id}-now`}>{t('leadership.current')}</h2>
        {current.length === 0 ? (
          <p className="hint">{t('leadership.noneCurrent')}</p>
        ) : (
          <TermTable
            terms={current}
            caption={t('leadership.current')}
            testId="current-roles"
            onHandOver={(term) => setHanding({ term, same: false })}
            onRenew={(term) => setHanding({ term, same: true })}
          />
        )}
      </section>
      <RoleForm />
      <TermLimitsForm />
      <SeatHistory terms={terms} />
      {handing && <HandOverDialog term={handing.term} sameHolder={handing.same} onClose={() => setHanding(null)} />}
    </section>
  );
}
