/**
 * `npm run bench growth-chromium` (not part of a plain `npm run bench`: it fills a 50,000-member
 * space in the page): the unlock rows of rows/unlock.ts at five times the app's sample chapter,
 * 50,000 members with 10,000 skill records and 10,000 notes, against the same rows at 10,000. Each
 * row's baseline is its own 10k figure, so its ratio is how the figure grew with five times the
 * data: near 5 is linear, above it is not. The two spaces live in two browser contexts (each its
 * own IndexedDB) of one Chromium, and their unlocks alternate, so the ratio does not follow the
 * machine's load.
 *
 *   unlock_to_roster_50k       click on Unlock → the roster's rows with the count 50,000
 *   unlock_floor_50k           the floor of that unlock (Argon2id, reading, decrypting: unlock-page.ts)
 *   unlock_longest_task_50k    the longest main-thread task in the unlock's window (10k's as baseline)
 *   heap_after_unlock_50k      the heap the unlock added when the roster is shown
 */
import { launchChromium } from '../../e2e/browser';
import { SAMPLE_SIZE } from '../../e2e/sample';
import { serveStatic } from '../../e2e/server';
import { iterations, median, row, type BenchSuite } from '../types';
import {
  buildUnlockBench,
  describeStored,
  describeUnlock,
  DIST,
  measureUnlock,
  openFilledApp,
  type MeasuredUnlock,
} from '../unlock-session';

const TIMES = 5;

const log = (line: string) => process.stderr.write(`growth-chromium: ${line}\n`);

export const growthChromiumRows: BenchSuite = async () => {
  const pageScript = buildUnlockBench();
  const server = await serveStatic(DIST);
  const browser = await launchChromium();
  try {
    const small = await openFilledApp(browser, server.url, pageScript, SAMPLE_SIZE);
    log(`${small.members} members generated and stored in ${(small.fillMs / 1000).toFixed(0)} s`);
    const large = await openFilledApp(browser, server.url, pageScript, TIMES * SAMPLE_SIZE);
    log(`${large.members} members generated and stored in ${(large.fillMs / 1000).toFixed(0)} s`);
    for (const app of [small, large]) {
      const warm = await measureUnlock(app, pageScript);
      log(`${app.members} warm-up: unlock ${warm.unlock.ms.toFixed(0)} ms; stored: ${describeStored(warm.stored)}`);
    }
    const runs: { small: MeasuredUnlock; large: MeasuredUnlock }[] = [];
    for (let i = 0; i < iterations(); i++) {
      const s = await measureUnlock(small, pageScript);
      log(`run ${i + 1}, ${small.members}: ${describeUnlock(s)}`);
      const l = await measureUnlock(large, pageScript);
      log(`run ${i + 1}, ${large.members}: ${describeUnlock(l)}`);
      runs.push({ small: s, large: l });
    }
    const of = (pick: (m: MeasuredUnlock) => number) => ({
      small: median(runs.map((r) => pick(r.small))),
      large: median(runs.map((r) => pick(r.large))),
    });
    const unlock = of((m) => m.unlock.ms);
    const floor = of((m) => m.floor.totalMs);
    const longest = of((m) => Math.max(0, ...m.unlock.longTasks));
    const heap = of((m) => m.heapShownMb - m.heapLockedMb);
    return [
      row('unlock_to_roster_50k', unlock.large, unlock.small, 'ms'),
      row('unlock_floor_50k', floor.large, floor.small, 'ms'),
      row('unlock_longest_task_50k', longest.large, longest.small, 'ms'),
      row('heap_after_unlock_50k', heap.large, heap.small, 'MB'),
    ];
  } finally {
    await browser.close();
    await server.close();
  }
};
