/** The dashboard's figures over time, each a chart with its table. */
import { useTranslation } from 'react-i18next';
import { LADDER_STAGES } from '../../../shared/model/codes';
import type { Engagement } from '../../../shared/model/engagement';
import { useAssessmentLabel } from '../../app/useAssessmentLabel';
import { useLabels } from '../../app/useLabels';
import { Figure } from './Figure';
import { monthLabel } from './words';

export function Figures({
  engagement: e,
  regionNames,
}: {
  engagement: Engagement;
  regionNames: ReadonlyMap<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const label = useLabels();
  const assessment = useAssessmentLabel();
  const months = e.months.map((m) => monthLabel(m, i18n.language));
  const byMonth = (columns: readonly (readonly number[])[]) =>
    months.map((label, j) => ({ label, values: columns.map((c) => c[j]!) }));
  const stages = LADDER_STAGES.map((s) => ({ name: label('ladderStage', s) }));
  const last = months[months.length - 1]!;

  return (
    <>
      <Figure
        testId="figure-ladder-regions"
        title={t('dashboard.figure.ladderByRegion')}
        summary={t('dashboard.summary.ladderByRegion', { count: e.regionRows.length })}
        rowHeading={t('dashboard.region')}
        kind="stacked"
        horizontal
        totals
        height={Math.max(200, 40 + 34 * e.regionRows.length)}
        series={[...stages, { name: t('common.notSet') }]}
        rows={e.regionRows.map((id, i) => ({
          label: id === undefined ? t('dashboard.noRegion') : (regionNames.get(id) ?? ''),
          values: e.ladderByRegion[i]!,
        }))}
      />
      <Figure
        testId="figure-ladder-months"
        title={t('dashboard.figure.ladderByMonth')}
        summary={t('dashboard.summary.overMonths', { count: months.length, last })}
        rowHeading={t('dashboard.month')}
        kind="stacked"
        totals
        series={stages}
        rows={months.map((label, j) => ({ label, values: e.ladderByMonth[j]! }))}
      />
      <Figure
        testId="figure-assessment"
        title={t('dashboard.figure.assessment')}
        summary={t('dashboard.summary.overMonths', { count: months.length, last })}
        rowHeading={t('dashboard.month')}
        kind="stacked"
        totals
        series={[1, 2, 3, 4, 5].map((v) => ({ name: assessment(v) }))}
        rows={months.map((label, j) => ({ label, values: e.assessmentByMonth[j]! }))}
      />
      <Figure
        testId="figure-membership"
        title={t('dashboard.figure.membership')}
        summary={t('dashboard.summary.overMonths', { count: months.length, last })}
        rowHeading={t('dashboard.month')}
        kind="grouped"
        series={[{ name: t('dashboard.joined') }, { name: t('dashboard.lapsed') }, { name: t('dashboard.renewed') }]}
        rows={byMonth([e.joined, e.lapsed, e.renewed])}
      />
      <Figure
        testId="figure-attendance"
        title={t('dashboard.figure.attendance')}
        summary={t('dashboard.summary.overMonths', { count: months.length, last })}
        rowHeading={t('dashboard.month')}
        kind="lines"
        series={[{ name: t('dashboard.events') }, { name: t('dashboard.checkIns') }, { name: t('dashboard.people') }]}
        rows={byMonth([e.events, e.checkIns, e.people])}
      />
      <Figure
        testId="figure-one-on-ones"
        title={t('dashboard.figure.oneOnOnes')}
        summary={t('dashboard.summary.overMonths', { count: months.length, last })}
        rowHeading={t('dashboard.month')}
        kind="grouped"
        series={[{ name: t('dashboard.oneOnOnes') }]}
        rows={byMonth([e.oneOnOnes])}
      />
    </>
  );
}
