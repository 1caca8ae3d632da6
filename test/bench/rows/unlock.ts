/**
 * `npm run bench unlock`: unlocking a 10,000-member space in Debian's Chromium,
 * with its real IndexedDB, against the production renderer (built with hidden
 * source maps, so the JavaScript is the same bytes and the profile can name
 * functions). The space is the app's own sample chapter (the generator behind
 * Settings' sample button: 10,000 members, 2,000 skill records) with
 * BENCH_UNLOCK_NOTES notes (default 2,000, as Settings makes), written by the
 * app's engine into the profile's IndexedDB (unlock-page.ts `fillChapter`).
 *
 *   unlock_to_roster_10k   click on Unlock (real form, real passphrase) → the frame with the
 *                          roster's rows and the count 10,000 (the watch clicks Roster as soon as
 *                          the navigation shows: the app opens on Today). Baseline: the floor in the same
 *                          page (Argon2id with the vault's parameters + reading every stored
 *                          record + decrypting as many bytes; unlock-page.ts).
 *   unlock_longest_task    the longest main-thread task in that window (PerformanceObserver
 *                          'longtask': 0 means none reached 50 ms). Target ≤ 100 ms, no baseline.
 *   snapshot_write_longest_task  the longest main-thread task while the space (the same chapter) writes
 *                          its snapshot, as after a sync, at idle or at lock: the engine with the app's
 *                          options (its yield, the notes last) in the same page, the app locked. Target ≤ 100 ms,
 *                          no baseline; the write's whole time goes to stderr.
 *   heap_after_unlock_10k  the JS heap the unlock added when the roster is shown (after full collections,
 *                          minus the locked page's), the page's and its workers' (page-heap.ts). Baseline: the heap of the same chapter as a
 *                          plaintext Y.Doc alone, in the same page.
 *   heap_space_loaded_10k  the same once the whole space is loaded behind the roster (it reads the live model,
 *                          2 s later), against the same baseline.
 *
 * Each figure is the median of BENCH_ITERATIONS unlocks (each a page reload, i.e. an app restart),
 * after one warm-up unlock. One more unlock runs under the CPU profiler (not timed): its summary by
 * library goes to stderr (ARCHITECTURE.md "Where unlock time goes").
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../e2e/browser';
import { SAMPLE_SIZE } from '../../e2e/sample';
import { serveStatic } from '../../e2e/server';
import { DATABASE_NAME } from '../../../renderer/vault/engine';
import { PASSPHRASE } from '../../e2e/flows';
import { formatSummary, summarizeProfile, type CpuProfile, type TaskWindow } from '../cpu-summary';
import { iterations, median, row, type BenchSuite } from '../types';
import type { UnlockTiming } from '../unlock-page';
import {
  buildUnlockBench,
  describeStored,
  describeUnlock,
  DIST,
  measureUnlock,
  openFilledApp,
  plaintextDocHeap,
  restartLocked,
  timedUnlock,
  type BenchWindow,
  type MeasuredUnlock,
} from '../unlock-session';

/** A DevTools trace event, the fields read here. */
interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/** A task's trace event, by the name Chromium gives it (older versions, newer). */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Records the main thread's tasks (the renderer's main thread's task events) until `stop`. */
export async function traceTasks(cdp: CDPSession): Promise<{ stop: () => Promise<TaskWindow[]> }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'toplevel,__metadata', transferMode: 'ReportEvents' });
  return {
    async stop() {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      const main = new Set(
        events
          .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
          .map((e) => `${e.pid}:${e.tid}`),
      );
      return events
        .filter((e) => TASK_EVENTS.has(e.name) && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
        .map((e) => ({ start: e.ts, end: e.ts + (e.dur ?? 0) }))
        .sort((a, b) => a.start - b.start);
    },
  };
}

/** The space writes its snapshot (unlock-page.ts `snapshotWrite`), the app restarted and locked; `cdp`: profiled. */
async function snapshotWrite(
  page: Page,
  pageScript: string,
  cdp?: CDPSession,
): Promise<UnlockTiming & { summary?: string }> {
  await restartLocked(page, pageScript);
  await page.evaluate(([db, passphrase]) => (globalThis as BenchWindow).unlockBench.openForSnapshot(db, passphrase), [
    DATABASE_NAME,
    PASSPHRASE,
  ] as const);
  if (!cdp) return page.evaluate(() => (globalThis as BenchWindow).unlockBench.snapshotWrite(), undefined);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  const trace = await traceTasks(cdp);
  await cdp.send('Profiler.start');
  const write = await page.evaluate(() => (globalThis as BenchWindow).unlockBench.snapshotWrite(), undefined);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const tasks = await trace.stop();
  return { ...write, summary: formatSummary(summarizeProfile(profile as unknown as CpuProfile, DIST, tasks)) };
}

async function profiledUnlock(page: Page, cdp: CDPSession, pageScript: string): Promise<string> {
  await restartLocked(page, pageScript);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  const trace = await traceTasks(cdp);
  await cdp.send('Profiler.start');
  const unlock = await timedUnlock(page, SAMPLE_SIZE);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const tasks = await trace.stop();
  const summary = summarizeProfile(profile as unknown as CpuProfile, DIST, tasks);
  return `unlock under the profiler: ${unlock.ms.toFixed(0)} ms\n${formatSummary(summary)}`;
}

const log = (line: string) => process.stderr.write(`unlock: ${line}\n`);
const fmt = (n: number) => n.toFixed(0);

export const unlockRows: BenchSuite = async () => {
  const pageScript = buildUnlockBench();
  const server = await serveStatic(DIST);
  const browser = await launchChromium();
  try {
    const app = await openFilledApp(browser, server.url, pageScript, SAMPLE_SIZE);
    const { page, cdp } = app;
    log(`sample chapter of ${app.members} members generated and stored in ${fmt(app.fillMs)} ms`);

    const warm = await measureUnlock(app, pageScript);
    log(`warm-up: unlock ${fmt(warm.unlock.ms)} ms, floor ${fmt(warm.floor.totalMs)} ms`);
    log(`stored: ${describeStored(warm.stored)}`);
    const runs: MeasuredUnlock[] = [];
    for (let i = 0; i < iterations(); i++) {
      const m = await measureUnlock(app, pageScript);
      runs.push(m);
      log(`run ${i + 1}: ${describeUnlock(m)}`);
    }
    const plain = await plaintextDocHeap(app);
    log(
      `plaintext Y.Doc of the same chapter: ${plain.mb.toFixed(1)} MB of heap ` +
        `(its update: ${(plain.updateBytes / 1e6).toFixed(2)} MB)`,
    );
    log(await profiledUnlock(page, cdp, pageScript));
    const writes: UnlockTiming[] = [];
    for (let i = 0; i < iterations(); i++) {
      const write = await snapshotWrite(page, pageScript);
      writes.push(write);
      log(`snapshot write ${i + 1}: ${fmt(write.ms)} ms, long tasks [${write.longTasks.map(fmt).join(', ')}] ms`);
    }
    const profiledWrite = await snapshotWrite(page, pageScript, cdp);
    log(`snapshot write under the profiler: ${fmt(profiledWrite.ms)} ms\n${profiledWrite.summary}`);

    const unlockMs = median(runs.map((m) => m.unlock.ms));
    const floorMs = median(runs.map((m) => m.floor.totalMs));
    const longest = median(runs.map((m) => Math.max(0, ...m.unlock.longTasks)));
    const heapShown = median(runs.map((m) => m.heapShownMb - m.heapLockedMb));
    const heapLoaded = median(runs.map((m) => m.heapUnlockedMb - m.heapLockedMb));
    const snapshotLongest = median(writes.map((w) => Math.max(0, ...w.longTasks)));
    return [
      row('unlock_to_roster_10k', unlockMs, floorMs, 'ms'),
      row('unlock_longest_task', longest, 0, 'ms'),
      row('snapshot_write_longest_task', snapshotLongest, 0, 'ms'),
      row('heap_after_unlock_10k', heapShown, plain.mb, 'MB'),
      row('heap_space_loaded_10k', heapLoaded, plain.mb, 'MB'),
    ];
  } finally {
    await browser.close();
    await server.close();
  }
};
