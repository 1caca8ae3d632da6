/**
 * The dashboard's charts, drawn by recharts (SVG). This file is the only one
 * that imports recharts, and it is loaded on demand (FigureChart), so the
 * library stays in its own chunk. The chart is a picture for sighted readers:
 * screen readers get its summary (`role="img"`, aria-label) and the table
 * beside it, which holds the same numbers.
 */
import { useState, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useThemeColors } from '../../components/theme-colors';

export interface ChartSeries {
  readonly name: string;
}

export interface ChartRow {
  readonly label: string;
  readonly values: readonly (number | undefined)[];
}

export interface ChartProps {
  readonly rows: readonly ChartRow[];
  readonly series: readonly ChartSeries[];
  readonly kind: 'stacked' | 'grouped' | 'lines';
  /** Bars running left to right, one per row (long row names such as regions). */
  readonly horizontal?: boolean;
  /** A dashed line at the target. */
  readonly target?: number;
  readonly targetLabel?: string;
  readonly height?: number;
}

/**
 * The chart's colours are the theme's (renderer/styles/tokens.css): the series colours keep 3:1 contrast
 * against the panel and apart from each other in both themes (WCAG 1.4.11); the axes, grid, target line and
 * tooltip are drawn in the page's own inks. These values are the light theme's, for a page without style sheets.
 */
const THEME = {
  'chart-1': '#1f4e79',
  'chart-2': '#b35c00',
  'chart-3': '#2e7d32',
  'chart-4': '#6a1b9a',
  'chart-5': '#00838f',
  'chart-6': '#a4161a',
  'chart-7': '#5d4037',
  ink: '#1b1f24',
  muted: '#4a5561',
  line: '#c9d1d9',
  'line-soft': '#e6eaee',
  paper: '#ffffff',
} as const;
const SERIES = ['chart-1', 'chart-2', 'chart-3', 'chart-4', 'chart-5', 'chart-6', 'chart-7'] as const;

/** The room one month's label needs on the axis, in pixels, at 12px type ("sept 2025" and a gap). */
const TICK_WIDTH = 80;

export default function Chart({ rows, series, kind, horizontal, target, targetLabel, height = 260 }: ChartProps) {
  const colors = useThemeColors(THEME);
  const seriesColor = (i: number) => colors[SERIES[i % SERIES.length]!];
  const tick = { fill: colors.muted, fontSize: 12 };
  const data = rows.map((r) => Object.fromEntries([['label', r.label], ...r.values.map((v, i) => [`s${i}`, v])]));
  // Numeric tick intervals: recharts then places ticks without measuring each label in the DOM (a forced
  // layout per label, which made the dashboard slow to open). How many labels fit comes from the chart's
  // width (measured once per resize by ResponsiveContainer) and a label's width at most ("Sept. 2025").
  const [width, setWidth] = useState(400);
  const fit = Math.max(2, Math.floor((width - 70) / TICK_WIDTH));
  const every = Math.max(0, Math.ceil(rows.length / fit) - 1);
  const axes = horizontal ? (
    <>
      <XAxis type="number" allowDecimals={false} interval={0} stroke={colors.line} tick={tick} />
      <YAxis type="category" dataKey="label" width={130} interval={0} stroke={colors.line} tick={tick} />
    </>
  ) : (
    <>
      <XAxis dataKey="label" interval={every} stroke={colors.line} tick={tick} />
      <YAxis allowDecimals={false} interval={0} stroke={colors.line} tick={tick} />
    </>
  );
  // The target's label sits outside the plot, beside its line, where no bar can cover it.
  const labelRoom =
    target !== undefined && targetLabel ? { right: horizontal ? 16 : 56, top: horizontal ? 24 : 8 } : {};
  const common = {
    data,
    margin: { top: 8, right: 16, bottom: 8, left: 8, ...labelRoom },
    accessibilityLayer: false,
  };
  const targetLine =
    target === undefined ? null : (
      <ReferenceLine
        {...(horizontal ? { x: target } : { y: target })}
        stroke={colors.ink}
        strokeDasharray="6 4"
        label={
          targetLabel
            ? { value: targetLabel, position: horizontal ? 'top' : 'right', fontSize: 12, fill: colors.muted }
            : undefined
        }
      />
    );
  const tooltip = (
    <Tooltip
      contentStyle={{ background: colors.paper, borderColor: colors.line, color: colors.ink }}
      labelStyle={{ color: colors.ink }}
      cursor={{ fill: colors['line-soft'], stroke: colors.line }}
    />
  );
  // The legend's words in the page's ink (4.5:1); its marks keep the series' colours.
  const legendWords = (name: ReactNode) => <span style={{ color: colors.ink }}>{name}</span>;
  return (
    <ResponsiveContainer width="100%" height={height} onResize={(w) => setWidth(w)}>
      {kind === 'lines' ? (
        <LineChart {...common}>
          <CartesianGrid stroke={colors['line-soft']} />
          {axes}
          {tooltip}
          <Legend itemSorter="dataKey" formatter={legendWords} />
          {series.map((s, i) => (
            <Line
              key={s.name}
              dataKey={`s${i}`}
              name={s.name}
              stroke={seriesColor(i)}
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
          {targetLine}
        </LineChart>
      ) : (
        <BarChart {...common} layout={horizontal ? 'vertical' : 'horizontal'}>
          <CartesianGrid stroke={colors['line-soft']} />
          {axes}
          {tooltip}
          {series.length > 1 && <Legend itemSorter="dataKey" formatter={legendWords} />}
          {series.map((s, i) => (
            <Bar
              key={s.name}
              dataKey={`s${i}`}
              name={s.name}
              fill={seriesColor(i)}
              stackId={kind === 'stacked' ? 'all' : undefined}
              isAnimationActive={false}
            />
          ))}
          {targetLine}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
