/**
 * Leadership and rotation, chapter-wide: whose rotation is due or overdue,
 * who holds what now (with their terms and the chapter's limits), the terms
 * starting later, adding a role, the limits themselves, and each seat's history.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRotationDue, seatOf, type TermView } from '../../../shared/model/role';
import { HandOverDialog } from './HandOverDialog';
import { RoleForm } from './RoleForm';
import { SeatHistory } from './SeatHistory';
import { TermLimitsForm } from './TermLimitsForm';
import { TermTable } from './TermTable';
import { UpcomingTerms } from './UpcomingTerms';
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
  // Held now: a term recorded to start later is listed apart (Starting soon), not beside its seat's holder.
  const current = useMemo(
    () =>
      terms
        .filter((v) => v.status !== 'ended' && v.status !== 'upcoming')
        .sort(
          (a, b) =>
            seatName(a.role).localeCompare(seatName(b.role)) || a.role.termStart.localeCompare(b.role.termStart),
        ),
    [terms, seatName],
  );
  // Each seat's next term only: the ones after it are in the seat's history below.
  const upcoming = useMemo(() => {
    const next = new Map<string, TermView>();
    for (const v of terms) {
      if (v.status !== 'upcoming') continue;
      const seat = seatOf(v.role);
      const known = next.get(seat);
      if (!known || v.role.termStart < known.role.termStart) next.set(seat, v);
    }
    return [...next.values()].sort(
      (a, b) => a.role.termStart.localeCompare(b.role.termStart) || seatName(a.role).localeCompare(seatName(b.role)),
    );
  }, [terms, seatName]);

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
      {upcoming.length > 0 && (
        <section className="panel" aria-labelledby={`${id}-soon`}>
          <h2 id={`${id}-soon`}>{t('leadership.startingSoon')}</h2>
          <UpcomingTerms terms={upcoming} labelledBy={`${id}-soon`} />
        </section>
      )}
      <RoleForm />
      <TermLimitsForm />
      <SeatHistory terms={terms} />
      {handing && <HandOverDialog term={handing.term} sameHolder={handing.same} onClose={() => setHanding(null)} />}
    </section>
  );
}
