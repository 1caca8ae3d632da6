/**
 * import_10k: the weekly national-list import of a 10,000-row file (the 2023
 * header, test/shared/csv/national-list-generator.ts) into a real SpaceData on
 * a Y.Doc: parse + plan + apply, as `applyImport` runs it (one transaction).
 * Baseline: papaparse alone parsing the same text into rows, the least any
 * import must do. The ratio says what reading each generation's headers,
 * checking every value against the model, matching the roster and writing
 * the members costs on top of reading the CSV.
 *
 * import_longest_task: the same file imported through the Import screen in Chromium (production build, a
 * real vault): the longest main-thread task (`longtask` entries; 0: none reached 50 ms) from choosing the
 * file until the top bar says every imported member is saved. Target ≤ 100 ms, no baseline.
 * import_screen_10k: that window's length (ms), no baseline: slicing the work must not make it much longer.
 *
 * One more import runs under the CPU profiler and a DevTools trace (not timed): what each long task was
 * made of goes to stderr (cpu-summary.ts), as for unlock.
 */
// As in the renderer, where the import runs: zod without its `new Function` compiler (CSP).
import '../../../renderer/zod-config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import * as Y from 'yjs';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import { SpaceData } from '../../../shared/model';
import { nationalList } from '../../shared/csv/national-list-generator';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { freshPage, launchChromium } from '../../e2e/browser';
import { chooseFile } from '../../e2e/files';
import { createVault, go } from '../../e2e/flows';
import { waitUntilSaved, watchFreezes } from '../../e2e/freezes';
import { serveStatic } from '../../e2e/server';
import { formatSummary, summarizeProfile, type CpuProfile } from '../cpu-summary';
import { iterations, median, row, settledHeap, type BenchSuite } from '../types';
import { buildRendererWithMaps } from '../unlock-session';
import { traceTasks } from './unlock';

const ROWS = 10_000;

function emptySpace(): SpaceData {
  let n = 0;
  const data = new SpaceData(new Y.Doc(), 'dev-bench', { newId: () => `m${++n}` });
  data.setName('Chapter');
  return data;
}

async function timed(work: () => void): Promise<number> {
  await settledHeap();
  const start = performance.now();
  work();
  return performance.now() - start;
}

interface ScreenImport {
  /** From choosing the file until every imported member is saved, ms. */
  readonly ms: number;
  readonly longTask: number;
  readonly frameGap: number;
  /** Each long task (ms) by the step it began in: reading and planning, applying, saving. */
  readonly byStep: string;
  /** Under the profiler: what the window's long tasks were made of. */
  readonly profile?: string;
}

/**
 * The Import screen reads, plans, applies and saves `file` in a new profile: the window's length and its
 * longest main-thread task; with `profileFrom` (the served build's folder), under the CPU profiler.
 */
async function importOnScreen(
  browser: Browser,
  url: string,
  file: string,
  profileFrom?: string,
): Promise<ScreenImport> {
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(url);
    await page.waitForSelector('[data-app-ready]');
    await createVault(page);
    await go(page, 'Import and export');
    const freezes = await watchFreezes(page);
    await freezes.take();
    let cdp: CDPSession | undefined;
    let trace: Awaited<ReturnType<typeof traceTasks>> | undefined;
    if (profileFrom) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      trace = await traceTasks(cdp);
      await cdp.send('Profiler.start');
    }
    const steps = await stepsWatch(page);
    const started = Date.now();
    await steps.mark('planning');
    await chooseFile(page, 'CSV file from national', file);
    await page.getByText(`New members: ${ROWS.toLocaleString('en-US')}`).waitFor({ timeout: 120_000 });
    await steps.mark('applying');
    await page.getByRole('button', { name: 'Apply import' }).click();
    await page.getByText(/^Imported: /).waitFor({ timeout: 300_000 });
    await steps.mark('saving');
    await waitUntilSaved(page, 300_000);
    const ms = Date.now() - started;
    const byStep = await steps.read();
    const freeze = await freezes.take();
    let profile: string | undefined;
    if (cdp && trace && profileFrom) {
      const { profile: cpu } = await cdp.send('Profiler.stop');
      const tasks = await trace.stop();
      profile = formatSummary(summarizeProfile(cpu as unknown as CpuProfile, profileFrom, tasks));
    }
    return { ms, ...freeze, byStep, ...(profile ? { profile } : {}) };
  } finally {
    await context.close();
  }
}

/** Long tasks in the page, each told with the step (marked from here) it began in. */
async function stepsWatch(page: Page) {
  type W = { steps: { name: string; at: number }[]; tasks: { at: number; ms: number }[] };
  await page.evaluate(() => {
    const w: W = { steps: [], tasks: [] };
    (window as unknown as { __steps: W }).__steps = w;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.tasks.push({ at: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask' });
  });
  return {
    mark: (name: string) =>
      page.evaluate(
        (n) => (window as unknown as { __steps: W }).__steps.steps.push({ name: n, at: performance.now() }),
        name,
      ),
    read: () =>
      page.evaluate(async () => {
        await new Promise((r) => setTimeout(r, 100)); // long tasks are reported after them
        const w = (window as unknown as { __steps: W }).__steps;
        const stepOf = (at: number) => [...w.steps].reverse().find((s) => s.at <= at)?.name ?? 'before';
        return w.tasks.map((t) => `${Math.round(t.ms)} (${stepOf(t.at)})`).join(', ');
      }),
  };
}

const log = (line: string) => process.stderr.write(`import: ${line}\n`);

/** Imports through the screen BENCH_ITERATIONS times, then once profiled; the median window and longest task. */
async function screenImports(text: string): Promise<{ ms: number; longTask: number }> {
  // A fake list, but a national list all the same: it does not stay in /tmp.
  const dir = mkdtempSync(join(tmpdir(), 'national-'));
  // The production renderer with hidden source maps, so that the profiled import's functions are named.
  const dist = buildRendererWithMaps();
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  try {
    const file = join(dir, 'national-10k.csv');
    writeFileSync(file, text);
    const runs: ScreenImport[] = [];
    for (let i = 0; i < iterations(); i++) {
      const run = await importOnScreen(browser, server.url, file);
      runs.push(run);
      log(`screen ${i + 1}: ${run.ms} ms to saved, longest task ${run.longTask} ms, frame gap ${run.frameGap} ms`);
      log(`  long tasks, ms (the step each began in): ${run.byStep || 'none'}`);
    }
    const profiled = await importOnScreen(browser, server.url, file, dist);
    log(`under the CPU profiler (${profiled.ms} ms, longest task ${profiled.longTask} ms):\n${profiled.profile}`);
    return { ms: median(runs.map((r) => r.ms)), longTask: median(runs.map((r) => r.longTask)) };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const importRows: BenchSuite = async () => {
  const text = nationalList(ROWS, 1);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < iterations(); i++) {
    const data = emptySpace();
    ours.push(
      await timed(() => {
        const result = applyImport(data, planImport(data, parseNationalList(text)));
        if (result.created !== ROWS) throw new Error(`import_10k: ${result.created} members created`);
      }),
    );
    data.doc.destroy();
    baseline.push(
      await timed(() => {
        const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
        if (parsed.data.length !== ROWS + 1) throw new Error('import_10k: baseline parse');
      }),
    );
  }
  const screen = await screenImports(text);
  return [
    row('import_10k', median(ours), median(baseline), 'ms'),
    row('import_longest_task', screen.longTask, 0, 'ms'),
    row('import_screen_10k', screen.ms, 0, 'ms'),
  ];
};
