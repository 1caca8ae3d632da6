/** The dashboard's figures over time, each a chart with its table. */
import { useTranslation } from 'react-i18next';
import { LADDER_STAGES } from '../../../shared/model/codes';
import type { Engagement } from '../../../shared/model/engagement';
import type { TFunction } from 'i18next';
import type { ChartProps } from './Chart';
import { useAssessmentLabel } from '../../app/useAssessmentLabel';
import { useLabels } from '../../app/useLabels';
import { Figure } from './Figure';
import { monthLabel } from './words';

/** What the monthly figures are named with, in the reader's language. */
interface Words {
  readonly t: TFunction;
  /** The ladder's stages. */
  readonly stages: readonly string[];
  /** An assessment value in the chapter's words. */
  readonly assessment: (value: number) => string;
}

/** One figure over the months: a chart with its table, one row per month. */
interface MonthlyFigure {
  readonly testId: string;
  readonly title: (t: TFunction) => string;
  readonly kind: ChartProps['kind'];
  /** A total column at the end of each row. */
  readonly totals?: boolean;
  readonly series: (words: Words) => readonly string[];
  /** The values of month `j`, one per series. */
  readonly month: (e: Engagement, j: number) => readonly number[];
}

const MONTHLY: readonly MonthlyFigure[] = [
  {
    testId: 'figure-ladder-months',
    title: (t) => t('dashboard.figure.ladderByMonth'),
    kind: 'stacked',
    totals: true,
    series: (w) => w.stages,
    month: (e, j) => e.ladderByMonth[j]!,
  },
  {
    testId: 'figure-assessment',
    title: (t) => t('dashboard.figure.assessment'),
    kind: 'stacked',
    totals: true,
    series: (w) => [1, 2, 3, 4, 5].map(w.assessment),
    month: (e, j) => e.assessmentByMonth[j]!,
  },
  {
    testId: 'figure-membership',
    title: (t) => t('dashboard.figure.membership'),
    kind: 'grouped',
    series: ({ t }) => [t('dashboard.joined'), t('dashboard.lapsed'), t('dashboard.renewed')],
    month: (e, j) => [e.joined[j]!, e.lapsed[j]!, e.renewed[j]!],
  },
  {
    testId: 'figure-attendance',
    title: (t) => t('dashboard.figure.attendance'),
    kind: 'lines',
    series: ({ t }) => [t('dashboard.events'), t('dashboard.checkIns'), t('dashboard.people')],
    month: (e, j) => [e.events[j]!, e.checkIns[j]!, e.people[j]!],
  },
  {
    testId: 'figure-one-on-ones',
    title: (t) => t('dashboard.figure.oneOnOnes'),
    kind: 'grouped',
    series: ({ t }) => [t('dashboard.oneOnOnes')],
    month: (e, j) => [e.oneOnOnes[j]!],
  },
];

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
  const stages = LADDER_STAGES.map((s) => label('ladderStage', s));
  const words: Words = { t, stages, assessment: (v) => assessment(v) };
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
        series={[...stages, t('common.notSet')].map((name) => ({ name }))}
        rows={e.regionRows.map((id, i) => ({
          label: id === undefined ? t('dashboard.noRegion') : (regionNames.get(id) ?? ''),
          values: e.ladderByRegion[i]!,
        }))}
      />
      {MONTHLY.map((f) => (
        <Figure
          key={f.testId}
          testId={f.testId}
          title={f.title(t)}
          summary={t('dashboard.summary.overMonths', { count: months.length, last })}
          rowHeading={t('dashboard.month')}
          kind={f.kind}
          totals={f.totals}
          series={f.series(words).map((name) => ({ name }))}
          rows={months.map((label, j) => ({ label, values: f.month(e, j) }))}
        />
      ))}
    </>
  );
}
