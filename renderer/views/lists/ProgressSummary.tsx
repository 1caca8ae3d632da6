/** Where a list stands: a progress bar and the counts by outcome. */
import { useTranslation } from 'react-i18next';
import { CONTACT_OUTCOMES } from '../../../shared/model/codes';
import type { ListProgress } from '../../../shared/model/list';

export function ProgressSummary({ progress, name }: { progress: ListProgress; name: string }) {
  const { t } = useTranslation();
  return (
    <div className="list-progress" data-testid="list-progress" data-done={progress.done} data-open={progress.open}>
      <p>
        {t('lists.progress', { done: progress.done, count: progress.total })} ·{' '}
        {t('lists.toGo', { count: progress.open })}
        {progress.unreachable > 0 && <> · {t('lists.leftOut', { count: progress.unreachable })}</>}
        {progress.gone > 0 && <> · {t('lists.gone', { count: progress.gone })}</>}
      </p>
      <progress
        max={Math.max(1, progress.total)}
        value={progress.done}
        aria-label={t('lists.progressLabel', { name })}
      />
      <dl className="glance small">
        {CONTACT_OUTCOMES.map((o) => (
          <div key={o}>
            <dt>{t(`lists.outcome.${o}`)}</dt>
            <dd data-testid={`outcome-${o}`}>{progress.byOutcome[o]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
