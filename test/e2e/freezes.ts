/**
 * How long the page's main thread was busy at a stretch, measured in the page: the longest gap between
 * animation frames (a frame cannot be drawn while the main thread is busy), cross-checked with the longest
 * task a `longtask` PerformanceObserver reports (0: none reached 50 ms). Used by the browser tests and the
 * benchmarks that say the window keeps painting (import, sample chapter).
 */
import type { Page } from 'playwright-core';

export interface Freeze {
  /** Longest gap between two animation frames, ms. */
  readonly frameGap: number;
  /** Longest task the browser reported as a long task, ms. */
  readonly longTask: number;
}

/** Starts recording frame gaps and long tasks in the page; `take()` returns the worst since the last take. */
export async function watchFreezes(page: Page): Promise<{ take(): Promise<Freeze> }> {
  await page.evaluate(() => {
    const w = window as unknown as { __freeze: { frameGap: number; longTask: number; last: number } };
    w.__freeze = { frameGap: 0, longTask: 0, last: performance.now() };
    const tick = (t: number) => {
      const f = w.__freeze;
      f.frameGap = Math.max(f.frameGap, t - f.last);
      f.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__freeze.longTask = Math.max(w.__freeze.longTask, e.duration);
    }).observe({ type: 'longtask' });
  });
  return {
    take: () =>
      page.evaluate(async () => {
        // One more frame, so a freeze that is still going on is counted; long tasks are reported after them.
        await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => setTimeout(r, 100));
        const w = window as unknown as { __freeze: { frameGap: number; longTask: number; last: number } };
        const { frameGap, longTask } = w.__freeze;
        w.__freeze.frameGap = 0;
        w.__freeze.longTask = 0;
        return { frameGap: Math.round(frameGap), longTask: Math.round(longTask) };
      }),
  };
}

/** Waits until the top bar says every change of the organizer's is on disk (both copies). */
export async function waitUntilSaved(page: Page, timeout = 120_000): Promise<void> {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout });
}
