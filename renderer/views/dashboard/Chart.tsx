/**
 * The dashboard's charts, drawn by recharts (SVG). This file is the only one
 * that imports recharts, and it is loaded on demand (FigureChart), so the
 * library stays in its own chunk. The chart is a picture for sighted readers:
 * screen readers get its summary (`role="img"`, aria-label) and the table
 * beside it, which holds the same numbers.
 */
import { useState } from 'react';
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

/** Colours that keep 3:1 contrast against white and apart from each other (WCAG 1.4.11). */
export const PALETTE = ['#1f4e79', '#b35c00', '#2e7d32', '#6a1b9a', '#00838f', '#a4161a', '#5d4037'];

/** The room one month's label needs on the axis, in pixels, at 12px type ("sept 2025" and a gap). */
const TICK_WIDTH = 80;

export default function Chart({ rows, series, kind, horizontal, target, targetLabel, height = 260 }: ChartProps) {
  const data = rows.map((r) => Object.fromEntries([['label', r.label], ...r.values.map((v, i) => [`s${i}`, v])]));
  // Numeric tick intervals: recharts then places ticks without measuring each label in the DOM (a forced
  // layout per label, which made the dashboard slow to open). How many labels fit comes from the chart's
  // width (measured once per resize by ResponsiveContainer) and a label's width at most ("Sept. 2025").
  const [width, setWidth] = useState(400);
  const fit = Math.max(2, Math.floor((width - 70) / TICK_WIDTH));
  const every = Math.max(0, Math.ceil(rows.length / fit) - 1);
  const axes = horizontal ? (
    <>
      <XAxis type="number" allowDecimals={false} interval={0} />
      <YAxis type="category" dataKey="label" width={130} interval={0} />
    </>
  ) : (
    <>
      <XAxis dataKey="label" interval={every} tick={{ fontSize: 12 }} />
      <YAxis allowDecimals={false} interval={0} />
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
        stroke="#1b1f24"
        strokeDasharray="6 4"
        label={targetLabel ? { value: targetLabel, position: horizontal ? 'top' : 'right', fontSize: 12 } : undefined}
      />
    );
  return (
    <ResponsiveContainer width="100%" height={height} onResize={(w) => setWidth(w)}>
      {kind === 'lines' ? (
        <LineChart {...common}>
          <CartesianGrid stroke="#e6eaee" />
          {axes}
          <Tooltip />
          <Legend itemSorter="dataKey" />
          {series.map((s, i) => (
            <Line
              key={s.name}
              dataKey={`s${i}`}
              name={s.name}
              stroke={PALETTE[i % PALETTE.length]}
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
          {targetLine}
        </LineChart>
      ) : (
        <BarChart {...common} layout={horizontal ? 'vertical' : 'horizontal'}>
          <CartesianGrid stroke="#e6eaee" />
          {axes}
          <Tooltip />
          {series.length > 1 && <Legend itemSorter="dataKey" />}
          {series.map((s, i) => (
            <Bar
              key={s.name}
              dataKey={`s${i}`}
              name={s.name}
              fill={PALETTE[i % PALETTE.length]}
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
