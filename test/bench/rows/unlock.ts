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
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import * as Y from 'yjs';
import { freshPage, launchChromium } from '../../e2e/browser';
import { ROOT } from '../../e2e/build';
import { createVault, PASSPHRASE } from '../../e2e/flows';
import { SAMPLE_SIZE } from '../../e2e/sample';
import { generateChapter, type ChapterSize } from '../../../shared/sample/generate';
import { serveStatic } from '../../e2e/server';
import { DATABASE_NAME } from '../../../renderer/vault/engine';
import { formatSummary, summarizeProfile, type CpuProfile, type TaskWindow } from '../cpu-summary';
import { PageHeap, totalMb, type HeapPart } from '../page-heap';
import { iterations, median, row, type BenchSuite } from '../types';
import type { FloorTiming, StoredBytes, UnlockBench, UnlockTiming } from '../unlock-page';

const DIST = join(ROOT, 'dist', 'renderer-bench');
const PAGE_SCRIPT = join(ROOT, 'dist', 'unlock-page.js');
/** Generous: a loaded 2-core machine has taken several times the quiet figure. */
const UNLOCK_TIMEOUT = 180_000;

/** Settings' sample (renderer/views/settings/Settings.tsx) with a chosen number of notes. */
function chapterSize(): ChapterSize {
  const notes = Number(process.env.BENCH_UNLOCK_NOTES ?? SAMPLE_SIZE / 5);
  return { members: SAMPLE_SIZE, memberSkills: SAMPLE_SIZE / 5, notes, seed: 1 };
}

function node(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe', env });
}

/**
 * The production renderer with hidden source maps (no sourceMappingURL comment: same scripts), in
 * `dist/renderer-bench`, which it returns: cpu-summary.ts names a profile's functions from its maps.
 */
export function buildRendererWithMaps(): string {
  node(
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--sourcemap',
      'hidden',
      '--outDir',
      DIST,
      '--emptyOutDir',
    ],
    // As test/e2e/build.ts: the production build of React, whatever NODE_ENV the caller has.
    { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  );
  return DIST;
}

/** The renderer (buildRendererWithMaps) and the page side. */
function build(): string {
  buildRendererWithMaps();
  const cli = join(ROOT, 'node_modules', 'rolldown', 'bin', 'cli.mjs');
  node([
    cli,
    join(__dirname, '..', 'unlock-page.ts'),
    '--file',
    PAGE_SCRIPT,
    '--format',
    'iife',
    '--platform',
    'browser',
  ]);
  return readFileSync(PAGE_SCRIPT, 'utf8');
}

type BenchWindow = typeof globalThis & { unlockBench: UnlockBench };

/** Restarts the app on the stored vault and waits at the unlock form, passphrase typed, page side loaded. */
async function restartLocked(page: Page, pageScript: string): Promise<void> {
  await page.reload();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor({ timeout: UNLOCK_TIMEOUT });
  await page.evaluate(pageScript);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  // Let the app's start-up work (the Argon2id worker it warms) finish, as it has when a person types.
  await page.waitForTimeout(1000);
}

/** Presses Unlock and waits for the roster with every member. */
async function timedUnlock(page: Page): Promise<UnlockTiming> {
  await page.evaluate(([count, timeout]) => (globalThis as BenchWindow).unlockBench.armUnlockWatch(count, timeout), [
    SAMPLE_SIZE,
    UNLOCK_TIMEOUT,
  ] as const);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  return page.evaluate(() => (globalThis as BenchWindow).unlockBench.unlockResult(), undefined);
}

interface Measured {
  readonly unlock: UnlockTiming;
  readonly floor: FloorTiming;
  readonly stored: StoredBytes[];
  readonly heapLockedMb: number;
  /** When the roster's rows are shown. */
  readonly heapShownMb: number;
  readonly heapShown: HeapPart[];
  /** From the roster shown to the roster reading the live, whole space (ms). */
  readonly loadedAfterMs: number;
  /** Once the whole space is loaded behind the roster. */
  readonly heapUnlockedMb: number;
  /** The unlocked heap by isolate: the page's and each worker's. */
  readonly heapUnlocked: HeapPart[];
}

async function measureOnce(page: Page, heap: PageHeap, pageScript: string): Promise<Measured> {
  await restartLocked(page, pageScript);
  const heapLockedMb = await heap.totalMb();
  // As settledHeap (types.ts): V8's background threads finish with the collection before the window opens.
  await page.waitForTimeout(1000);
  const unlock = await timedUnlock(page);
  // What the unlock added when the roster is shown (from the read index, the document still loading behind it).
  const heapShown = await heap.parts();
  const heapShownMb = totalMb(heapShown);
  const loadedAfterMs = await page.evaluate(
    (timeout) => (globalThis as BenchWindow).unlockBench.spaceLoaded(timeout),
    UNLOCK_TIMEOUT,
  );
  // What the unlocked app keeps once the whole space is loaded (a late snapshot write included).
  await page.waitForTimeout(2000);
  const heapUnlocked = await heap.parts();
  const heapUnlockedMb = totalMb(heapUnlocked);
  const stored = await page.evaluate((db) => (globalThis as BenchWindow).unlockBench.prepareFloor(db), DATABASE_NAME);
  await page.waitForTimeout(500);
  const floor = await page.evaluate(
    ([db, passphrase]) => (globalThis as BenchWindow).unlockBench.floor(db, passphrase),
    [DATABASE_NAME, PASSPHRASE] as const,
  );
  return { unlock, floor, stored, heapLockedMb, heapShownMb, heapShown, loadedAfterMs, heapUnlockedMb, heapUnlocked };
}

/** The heap of the same chapter as a plaintext Y.Doc, held in the page (MB), and its update's size. */
async function plaintextDocHeap(page: Page, heap: PageHeap): Promise<{ mb: number; updateBytes: number }> {
  const { doc } = generateChapter(chapterSize());
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await page.evaluate(
    (b64) => (globalThis as BenchWindow).unlockBench.stageDoc(b64),
    Buffer.from(update).toString('base64'),
  );
  const before = await heap.totalMb();
  const members = await page.evaluate(() => (globalThis as BenchWindow).unlockBench.holdStagedDoc(), undefined);
  if (members !== SAMPLE_SIZE) throw new Error(`the plaintext chapter has ${members} members`);
  return { mb: (await heap.totalMb()) - before, updateBytes: update.length };
}

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
  const unlock = await timedUnlock(page);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const tasks = await trace.stop();
  const summary = summarizeProfile(profile as unknown as CpuProfile, DIST, tasks);
  return `unlock under the profiler: ${unlock.ms.toFixed(0)} ms\n${formatSummary(summary)}`;
}

const log = (line: string) => process.stderr.write(`unlock: ${line}\n`);
const fmt = (n: number) => n.toFixed(0);

export const unlockRows: BenchSuite = async () => {
  const pageScript = build();
  const server = await serveStatic(DIST);
  const browser = await launchChromium();
  try {
    const { context, page } = await freshPage(browser);
    const cdp = await context.newCDPSession(page);
    const heap = await PageHeap.follow(cdp);
    await page.goto(server.url);
    await page.waitForSelector('[data-app-ready]');
    await createVault(page);
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Unlock' }).waitFor({ timeout: UNLOCK_TIMEOUT });
    const size = chapterSize();
    const started = Date.now();
    await page.evaluate(pageScript);
    const members = await page.evaluate(
      ([db, passphrase, s]) => (globalThis as BenchWindow).unlockBench.fillChapter(db, passphrase, s),
      [DATABASE_NAME, PASSPHRASE, size] as const,
    );
    if (members !== SAMPLE_SIZE) throw new Error(`the sample space has ${members} members`);
    log(
      `sample chapter (${size.members} members, ${size.memberSkills} skill records, ${size.notes} notes) ` +
        `generated and stored in ${fmt(Date.now() - started)} ms`,
    );

    const warm = await measureOnce(page, heap, pageScript);
    log(`warm-up: unlock ${fmt(warm.unlock.ms)} ms, floor ${fmt(warm.floor.totalMs)} ms`);
    const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
    log(`stored: ${warm.stored.map((s) => `${s.store} ${s.records} records, ${mb(s.bytes)}`).join('; ')}`);
    const runs: Measured[] = [];
    for (let i = 0; i < iterations(); i++) {
      const m = await measureOnce(page, heap, pageScript);
      runs.push(m);
      const f = m.floor;
      log(
        `run ${i + 1}: unlock ${fmt(m.unlock.ms)} ms, long tasks [${m.unlock.longTasks.map(fmt).join(', ')}] ms; ` +
          `floor ${fmt(f.totalMs)} ms (Argon2id ${fmt(f.argon2idMs)}, IndexedDB read ${fmt(f.readMs)}, ` +
          `decrypt ${fmt(f.decryptMs)}: ${f.records} pieces, ${mb(f.bytes)}); ` +
          `heap locked ${m.heapLockedMb.toFixed(1)} MB, roster shown ${m.heapShownMb.toFixed(1)} MB ` +
          `(${m.heapShown.map((p) => `${p.target} ${(p.usedBytes / 2 ** 20).toFixed(1)}`).join(', ')}), ` +
          `whole space loaded ${fmt(m.loadedAfterMs)} ms later ${m.heapUnlockedMb.toFixed(1)} MB ` +
          `(${m.heapUnlocked.map((p) => `${p.target} ${(p.usedBytes / 2 ** 20).toFixed(1)}`).join(', ')})`,
      );
    }
    const plain = await plaintextDocHeap(page, heap);
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
