/** One engagement target: this period against the target, and its trend (chart and table). */
import { useTranslation } from 'react-i18next';
import type { TargetProgress } from '../../../shared/model/engagement';
import { useLabels } from '../../app/useLabels';
import { useDayFormat } from '../../components/dates';
import { Figure } from './Figure';
import { periodLabel, targetDescription, type Names } from './words';

interface Props {
  readonly progress: TargetProgress;
  readonly names: Names;
  readonly onEdit: () => void;
  readonly onDelete: () => void;
}

export function TargetCard({ progress, names, onEdit, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  const day = useDayFormat();
  const label = useLabels();
  const { target, current, percent, periods } = progress;
  const description = targetDescription(t, label, target, names);
  const period = periods.length ? periodLabel(periods[periods.length - 1]!.period, i18n.language, t) : '';
  const status =
    current === undefined
      ? t('dashboard.noFigure')
      : t('dashboard.progress', { value: current, target: target.target, percent });

  return (
    <Figure
      testId={`target-${target.id}`}
      title={target.name}
      summary={t('dashboard.summary.target', { count: periods.length, target: target.target })}
      rowHeading={t('dashboard.period')}
      kind="grouped"
      height={180}
      target={target.target}
      targetLabel={t('dashboard.targetLine')}
      series={[{ name: t('dashboard.value') }]}
      rows={periods.map((p) => ({ label: periodLabel(p.period, i18n.language, t), values: [p.value] }))}
    >
      <p className="hint">{description}</p>
      <p className="target-status" data-testid="target-current" data-value={current ?? ''}>
        <strong>{period}</strong>: {status}
        {progress.met && <span className="badge met">{t('dashboard.met')}</span>}
      </p>
      {current !== undefined && (
        <progress max={100} value={percent ?? 0} aria-label={t('dashboard.progressLabel', { name: target.name })} />
      )}
      {target.dueDate && <p className="hint">{t('dashboard.due', { date: day(target.dueDate) })}</p>}
      <div className="actions">
        <button type="button" onClick={onEdit} aria-label={t('dashboard.editTarget', { name: target.name })}>
          {t('common.edit')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={onDelete}
          aria-label={t('dashboard.deleteTarget', { name: target.name })}
        >
          {t('common.delete')}
        </button>
      </div>
    </Figure>
  );
}
