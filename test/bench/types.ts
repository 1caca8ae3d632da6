/** One line of bench-results.json. `ratio` = ours / baseline (0 when there is no baseline). */
export interface BenchRow {
  readonly metric: string;
  readonly ours: number;
  readonly baseline: number;
  readonly ratio: number;
  readonly unit: string;
}

/** A group of rows; each file in ./rows exports one. */
export type BenchSuite = () => Promise<BenchRow[]>;

export function row(metric: string, ours: number, baseline: number, unit: string): BenchRow {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    metric,
    ours: round(ours),
    baseline: round(baseline),
    ratio: baseline > 0 ? round(ours / baseline) : 0,
    unit,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function iterations(): number {
  return Number(process.env.BENCH_ITERATIONS ?? 3);
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Where a timed window starts: a full collection, then a pause while V8's
 * background threads finish with what it freed (sweeping, unmapping pages).
 * A benchmark frees gigabytes between windows (the previous iteration's
 * documents and databases); without the pause that work competes with the
 * window on a 2-core machine: young-generation collections in the sync
 * window took 12-176 ms (the first after the collection the slowest),
 * settled 14-24 ms (--trace-gc, 3 runs each). Both sides of every ratio start here.
 */
export async function settledHeap(pauseMs = 1000): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
}
