/**
 * The engagement dashboard: the chapter's targets for the month (quarter,
 * year) it is "as of", with their trends, and its figures over two years,
 * each chart beside a table of the same numbers. Computed in one pass over
 * the space's records (shared/model/engagement.ts).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { monthOf } from '../../../shared/model/engagement';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { ChapterSettings } from './ChapterSettings';
import { Figures } from './Figures';
import { TargetCard } from './TargetCard';
import { TargetForm } from './TargetForm';
import { useEngagement, useNames } from './useEngagement';
import { longMonthLabel, monthLabel, monthsUpTo } from './words';
import type { Target } from '../../../shared/model/target';
import { Select } from '../../components/fields';

/** How far back the dashboard can look (ten years; its figures cover two years before the month chosen). */
const MONTHS_OFFERED = 120;

export function Dashboard() {
  const { t, i18n } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const thisMonth = monthOf(Date.now());
  const [asOf, setAsOf] = useState(thisMonth);
  const engagement = useEngagement(asOf);
  const names = useNames();
  const targets = useRecords((data) => data.targets.all().sort((a, b) => a.name.localeCompare(b.name)), [], 'targets');
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const [toDelete, setToDelete] = useState<Target | null>(null);
  const last = engagement.months.length - 1;
  const number = new Intl.NumberFormat(i18n.language);

  const glance = [
    [t('dashboard.oneOnOnes'), engagement.oneOnOnes[last]],
    [t('dashboard.joined'), engagement.joined[last]],
    [t('dashboard.lapsed'), engagement.lapsed[last]],
    [t('dashboard.renewed'), engagement.renewed[last]],
    [t('dashboard.checkIns'), engagement.checkIns[last]],
  ] as const;

  return (
    <section className="view dashboard" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('dashboard.title')}
        </h1>
        <div className="field inline">
          <label htmlFor={`${id}-asof`}>{t('dashboard.asOf')}</label>
          {/* A choice of months, named in the app's language: a native month input speaks the browser's. */}
          <Select id={`${id}-asof`} value={asOf} onChange={(e) => setAsOf(e.target.value)}>
            {monthsUpTo(thisMonth, MONTHS_OFFERED).map((month) => (
              <option key={month} value={month}>
                {longMonthLabel(month, i18n.language)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <section className="panel" aria-labelledby={`${id}-glance`}>
        <h2 id={`${id}-glance`}>{t('dashboard.glance', { month: monthLabel(asOf, i18n.language) })}</h2>
        <dl className="glance" data-testid="glance">
          {glance.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{number.format(value ?? 0)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div className="section-head">
        <h2>{t('dashboard.targets')}</h2>
        <button type="button" onClick={() => setEditing('new')}>
          {t('dashboard.addTarget')}
        </button>
      </div>
      {editing && <TargetForm target={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      {targets.length === 0 && <p className="empty">{t('dashboard.noTargets')}</p>}
      <div className="figure-grid">
        {targets.map((target) => (
          <TargetCard
            key={target.id}
            progress={engagement.progress(target)}
            names={names}
            onEdit={() => setEditing(target)}
            onDelete={() => setToDelete(target)}
          />
        ))}
      </div>
      <h2>{t('dashboard.trends')}</h2>
      <div className="figure-grid">
        <Figures engagement={engagement} regionNames={names.regions} />
      </div>
      <ChapterSettings />
      <ConfirmDialog
        open={toDelete !== null}
        title={t('dashboard.deleteTitle')}
        message={toDelete ? t('dashboard.deleteQuestion', { name: toDelete.name }) : ''}
        confirmLabel={t('common.delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          if (toDelete) data.targets.delete(toDelete.id);
          setToDelete(null);
        }}
      />
    </section>
  );
}
