/**
 * What the organizer should know about the file as a whole before applying it:
 * it may be cut short, some rows are left out, a column is read in place of another.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan } from '../../../shared/csv';

export function PlanNotices({ plan }: { plan: ImportPlan }) {
  const { t } = useTranslation();
  const id = useId();
  const cut = plan.truncation;
  return (
    <>
      {cut && (
        <div className="notice" role="group" aria-labelledby={id}>
          <h3 id={id}>{t('import.truncated.title')}</h3>
          <p>
            {cut.previousRows !== undefined &&
              `${t('import.truncated.rows', { count: cut.rows, previous: cut.previousRows })} `}
            {cut.missing > 0 && t('import.truncated.missing', { count: cut.missing })}
          </p>
          <p>{t('import.truncated.advice')}</p>
        </div>
      )}
      {plan.skippedRows > 0 && <p className="notice">{t('import.skipped', { count: plan.skippedRows })}</p>}
      {plan.supersededColumns.map((s) => (
        <p key={s.header} className="hint">
          {t('import.superseded', { header: s.header, by: s.by })}
        </p>
      ))}
    </>
  );
}
