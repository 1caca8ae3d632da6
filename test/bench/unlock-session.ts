/**
 * The Node side of unlocking the app in Chromium (rows/unlock.ts at 10,000 members,
 * rows/growth-chromium.ts at 10,000 and 50,000): the production renderer built with hidden
 * source maps, the page side (unlock-page.ts) bundled and evaluated in the app's page, a vault
 * filled with a sample chapter of a chosen size, and one measured unlock (a page reload, i.e. an
 * app restart) with the floor and the heap beside it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import * as Y from 'yjs';
import { freshPage } from '../e2e/browser';
import { ROOT } from '../e2e/build';
import { createVault, PASSPHRASE } from '../e2e/flows';
import { generateChapter, type ChapterSize } from '../../shared/sample/generate';
import { DATABASE_NAME } from '../../renderer/vault/engine';
import { PageHeap, totalMb, type HeapPart } from './page-heap';
import type { FloorTiming, StoredBytes, UnlockBench, UnlockTiming } from './unlock-page';

export const DIST = join(ROOT, 'dist', 'renderer-bench');
const PAGE_SCRIPT = join(ROOT, 'dist', 'unlock-page.js');
/** Generous: a loaded 2-core machine has taken several times the quiet figure. */
export const UNLOCK_TIMEOUT = 180_000;

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

/** The renderer (buildRendererWithMaps) and the page side; returns the page side's script. */
export function buildUnlockBench(): string {
  buildRendererWithMaps();
  const cli = join(ROOT, 'node_modules', 'rolldown', 'bin', 'cli.mjs');
  node([cli, join(__dirname, 'unlock-page.ts'), '--file', PAGE_SCRIPT, '--format', 'iife', '--platform', 'browser']);
  return readFileSync(PAGE_SCRIPT, 'utf8');
}

export type BenchWindow = typeof globalThis & { unlockBench: UnlockBench };

/**
 * Settings' sample (renderer/views/settings/Settings.tsx) at `members`, with as many skill
 * records and notes in proportion (a fifth of the members each, unless BENCH_UNLOCK_NOTES says).
 */
export function chapterSize(members: number): ChapterSize {
  const notes = Number(process.env.BENCH_UNLOCK_NOTES ?? members / 5);
  return { members, memberSkills: members / 5, notes, seed: 1 };
}

/** An app page whose vault holds one space filled with the sample chapter of `members`, locked. */
export interface FilledApp {
  readonly page: Page;
  readonly cdp: CDPSession;
  readonly heap: PageHeap;
  readonly members: number;
  /** Generating and storing the chapter, ms. */
  readonly fillMs: number;
}

/** A new browser context (its own IndexedDB) at `url`, with a vault filled as `chapterSize(members)`. */
export async function openFilledApp(
  browser: Browser,
  url: string,
  pageScript: string,
  members: number,
): Promise<FilledApp> {
  const { context, page } = await freshPage(browser);
  const cdp = await context.newCDPSession(page);
  const heap = await PageHeap.follow(cdp);
  await page.goto(url);
  await page.waitForSelector('[data-app-ready]');
  await createVault(page);
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor({ timeout: UNLOCK_TIMEOUT });
  const started = Date.now();
  await page.evaluate(pageScript);
  const stored = await page.evaluate(
    ([db, passphrase, s]) => (globalThis as BenchWindow).unlockBench.fillChapter(db, passphrase, s),
    [DATABASE_NAME, PASSPHRASE, chapterSize(members)] as const,
  );
  if (stored !== members) throw new Error(`the sample space has ${stored} members, not ${members}`);
  return { page, cdp, heap, members, fillMs: Date.now() - started };
}

/** Restarts the app on the stored vault and waits at the unlock form, passphrase typed, page side loaded. */
export async function restartLocked(page: Page, pageScript: string): Promise<void> {
  await page.reload();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor({ timeout: UNLOCK_TIMEOUT });
  await page.evaluate(pageScript);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  // Let the app's start-up work (the Argon2id worker it warms) finish, as it has when a person types.
  await page.waitForTimeout(1000);
}

/** Presses Unlock and waits for the roster with all `members`. */
export async function timedUnlock(page: Page, members: number): Promise<UnlockTiming> {
  await page.evaluate(([count, timeout]) => (globalThis as BenchWindow).unlockBench.armUnlockWatch(count, timeout), [
    members,
    UNLOCK_TIMEOUT,
  ] as const);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  return page.evaluate(() => (globalThis as BenchWindow).unlockBench.unlockResult(), undefined);
}

export interface MeasuredUnlock {
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

/** One unlock of `app` (an app restart), then the floor over the same stored records. */
export async function measureUnlock(app: FilledApp, pageScript: string): Promise<MeasuredUnlock> {
  const { page, heap } = app;
  await restartLocked(page, pageScript);
  const heapLockedMb = await heap.totalMb();
  // As settledHeap (types.ts): V8's background threads finish with the collection before the window opens.
  await page.waitForTimeout(1000);
  const unlock = await timedUnlock(page, app.members);
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

/** The heap of the chapter of `members` as a plaintext Y.Doc, held in the page (MB), and its update's size. */
export async function plaintextDocHeap(app: FilledApp): Promise<{ mb: number; updateBytes: number }> {
  const { page, heap } = app;
  const { doc } = generateChapter(chapterSize(app.members));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await page.evaluate(
    (b64) => (globalThis as BenchWindow).unlockBench.stageDoc(b64),
    Buffer.from(update).toString('base64'),
  );
  const before = await heap.totalMb();
  const held = await page.evaluate(() => (globalThis as BenchWindow).unlockBench.holdStagedDoc(), undefined);
  if (held !== app.members) throw new Error(`the plaintext chapter has ${held} members`);
  return { mb: (await heap.totalMb()) - before, updateBytes: update.length };
}

const fmt = (n: number) => n.toFixed(0);
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

/** One line for stderr: an unlock's figures, its floor's parts and the heap along the way. */
export function describeUnlock(m: MeasuredUnlock): string {
  const f = m.floor;
  const parts = (ps: HeapPart[]) => ps.map((p) => `${p.target} ${(p.usedBytes / 2 ** 20).toFixed(1)}`).join(', ');
  return (
    `unlock ${fmt(m.unlock.ms)} ms, long tasks [${m.unlock.longTasks.map(fmt).join(', ')}] ms; ` +
    `floor ${fmt(f.totalMs)} ms (Argon2id ${fmt(f.argon2idMs)}, IndexedDB read ${fmt(f.readMs)}, ` +
    `decrypt ${fmt(f.decryptMs)}: ${f.records} pieces, ${mb(f.bytes)}); ` +
    `heap locked ${m.heapLockedMb.toFixed(1)} MB, roster shown ${m.heapShownMb.toFixed(1)} MB (${parts(m.heapShown)}), ` +
    `whole space loaded ${fmt(m.loadedAfterMs)} ms later ${m.heapUnlockedMb.toFixed(1)} MB (${parts(m.heapUnlocked)})`
  );
}

/** What the stored records weigh, per store, for stderr. */
export function describeStored(stored: readonly StoredBytes[]): string {
  return stored.map((s) => `${s.store} ${s.records} records, ${mb(s.bytes)}`).join('; ');
}
