/**
 * One figure of the dashboard: a heading, the chart (loaded with recharts in
 * its own chunk) and its table alternative with the very same numbers. A
 * chart is drawn when it comes near the screen: the figures and tables are
 * there at once, and a dashboard of a dozen charts opens as fast as the ones
 * in view can be drawn.
 */
import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartProps } from './Chart';

const Chart = lazy(() => import('./Chart'));

interface Props extends ChartProps {
  readonly title: string;
  /** One sentence saying what the chart shows (read instead of the picture). */
  readonly summary: string;
  /** The first column's heading. */
  readonly rowHeading: string;
  /** A total column at the end of each row. */
  readonly totals?: boolean;
  readonly testId?: string;
  readonly children?: ReactNode;
}

export function Figure({ title, summary, rowHeading, totals, testId, children, ...chart }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const number = new Intl.NumberFormat(i18n.language);
  const show = (v: number | undefined) => (v === undefined ? '–' : number.format(v));
  const chartRef = useRef<HTMLDivElement>(null);
  const near = useNearScreen(chartRef);
  return (
    <div role="group" className="panel figure" aria-labelledby={`${id}-h`} data-testid={testId}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
      <div role="img" aria-label={summary} className="chart" ref={chartRef} style={{ minHeight: chart.height ?? 260 }}>
        {near && (
          <Suspense
            fallback={
              <p className="hint" aria-busy="true">
                {t('dashboard.chartLoading')}
              </p>
            }
          >
            <Chart {...chart} />
          </Suspense>
        )}
      </div>
      <details>
        <summary>{t('dashboard.showTable', { title })}</summary>
        {/* A scrolling box is reached by keyboard (Tab, then the arrow keys). */}
        <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
          <table className="table figure-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeading}</th>
                {chart.series.map((s) => (
                  <th scope="col" key={s.name}>
                    {s.name}
                  </th>
                ))}
                {totals && <th scope="col">{t('dashboard.total')}</th>}
              </tr>
            </thead>
            <tbody>
              {chart.rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  {r.values.map((v, i) => (
                    <td key={i} data-value={v ?? ''}>
                      {show(v)}
                    </td>
                  ))}
                  {totals && <td>{show(r.values.reduce<number>((a, b) => a + (b ?? 0), 0))}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

/** True once the element has come within a screen of the viewport (always, where there is no IntersectionObserver). */
function useNearScreen(ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '50% 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}
