/**
 * `npm run bench chromium-storage`: the vault-storage rows (rows/vault-storage.ts) where users have
 * them, in Debian's Chromium with its real IndexedDB, the production renderer on the browser host
 * (so main's backup folder is written too), on a profile folder on disk (test/crash/rig.ts). The
 * vault holds Settings' sample chapter as an organizer makes it: 10,000 members, 2,000 skill records
 * and five notes per member (50,000: the same chapter as Node's workload.ts). Against the plaintext
 * design, Yjs + y-indexeddb, holding the very same document (read out of the vault) in the same browser.
 *
 *   bytes_at_rest_10k_chromium      after the app's own close (write, lock) and a clean shutdown of
 *                                   Chromium: the origin's IndexedDB folders on disk (LevelDB + blob
 *                                   files) plus main's backup folder. Baseline: y-indexeddb's database
 *                                   in an origin of its own (one LevelDB folder per origin), same profile.
 *   bytes_indexeddb_10k_chromium    the same without the backup folder.
 *   unlock_10k_chromium             from "key known" to the space open as a Y.Doc (Argon2id excluded),
 *                                   as unlock_10k in Node, through shared/vault's API in the app's page.
 *                                   Baseline: y-indexeddb's load of the same document, in the same page,
 *                                   alternated with it. Medians of BENCH_ITERATIONS after one warm-up each.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { CrashRig } from '../../crash/rig';
import { createVault, go, PASSPHRASE } from '../../e2e/flows';
import { probeSource } from '../../e2e/host/probe-bundle';
import { serveStatic } from '../../e2e/server';
import { DATABASE_NAME } from '../../../renderer/vault/engine';
import { folderBytes, originIndexedDbBytes } from '../disk-bytes';
import { iterations, median, row, type BenchSuite } from '../types';
import type { ChapterCounts, StorageBench, TimedOpen } from '../storage-page';

const MEMBERS = 10_000;
/** y-indexeddb's database of the same chapter (in the app's origin for the timing, in its own for the bytes). */
const PLAINTEXT_DB = 'bench-plaintext-chapter';
/** Pieces of the document moved between pages over DevTools (base64 grows them by a third). */
const PIECE_BYTES = 8 * 2 ** 20;
const SAMPLE_TIMEOUT = 900_000;

type BenchWindow = typeof globalThis & { storageBench: StorageBench };

const log = (line: string) => process.stderr.write(`chromium-storage: ${line}\n`);
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
const describe = (c: ChapterCounts) =>
  `${c.members} members, ${c.memberSkills} skill records, ${c.notes} notes (${mb(c.updateBytes)} of Yjs state)`;

/** Settings' sample button, 10,000 members with five notes each, as an organizer makes it. */
async function makeSample(page: Page): Promise<void> {
  await createVault(page);
  await go(page, 'Settings');
  await page.getByLabel('Members', { exact: true }).selectOption(String(MEMBERS));
  await page.getByLabel('Notes', { exact: true }).selectOption('5');
  await page.getByRole('button', { name: 'Create sample members' }).click();
  await page
    .getByText(`${MEMBERS.toLocaleString('en-US')} sample members created.`)
    .waitFor({ timeout: SAMPLE_TIMEOUT });
}

/** As settledHeap (types.ts), in the page: full collections, then a pause, before each timed window. */
async function settled(cdp: CDPSession): Promise<void> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** A blank page on an origin of its own: its IndexedDB gets its own folder in the profile. */
async function blankOrigin(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-blank-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>plaintext</title>');
  const server = await serveStatic(dir);
  return {
    url: server.url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const chromiumStorageRows: BenchSuite = async () => {
  const script = probeSource(path.join(__dirname, '..', 'storage-page.ts'));
  const rig = await CrashRig.start();
  const blank = await blankOrigin();
  try {
    // Session 1: the organizer makes the sample chapter and quits the app.
    let started = Date.now();
    const page = await rig.launch();
    await makeSample(page);
    log(`sample chapter made through Settings in ${Date.now() - started} ms`);
    await rig.host.closeWindow(); // the app's quit: write, lock, then let the window go
    await rig.close();
    const vaultIdb = originIndexedDbBytes(rig.profile, rig.host.origin);
    const copyBytes = folderBytes(rig.backupDir);
    // The copy's size depends on when main last started a complete copy (electron/backup/mirror-store.ts).
    const copyFiles = readdirSync(rig.backupDir).map((f) => `${f} ${mb(statSync(path.join(rig.backupDir, f)).size)}`);
    log(`backup folder: ${copyFiles.join(', ')}`);

    // Session 2: the same chapter as plaintext, and the unlocks side by side.
    const app = await rig.launch();
    await app.getByRole('heading', { name: 'Unlock' }).waitFor({ timeout: 120_000 });
    await app.evaluate(script);
    const inVault = await app.evaluate(
      ([db, passphrase]) => (globalThis as BenchWindow).storageBench.readVaultDocument(db, passphrase),
      [DATABASE_NAME, PASSPHRASE] as const,
    );
    log(`the vault holds ${describe(inVault)}`);
    if (inVault.members !== MEMBERS) throw new Error(`the sample space has ${inVault.members} members`);

    const other = await app.context().newPage();
    await other.goto(blank.url);
    await other.evaluate(script);
    const pieces = await app.evaluate((n) => (globalThis as BenchWindow).storageBench.pieces(n), PIECE_BYTES);
    for (let i = 0; i < pieces; i++) {
      const piece = await app.evaluate((index) => (globalThis as BenchWindow).storageBench.piece(index), i);
      await other.evaluate((b64) => (globalThis as BenchWindow).storageBench.receivePiece(b64), piece);
    }
    const plaintext = await other.evaluate(
      (db) => (globalThis as BenchWindow).storageBench.writePlaintext(db),
      PLAINTEXT_DB,
    );
    if (JSON.stringify(plaintext) !== JSON.stringify(inVault))
      throw new Error(`the plaintext copy differs: ${describe(plaintext)}`);
    await other.close();
    await app.evaluate((db) => (globalThis as BenchWindow).storageBench.writePlaintext(db), PLAINTEXT_DB);

    const cdp = await app.context().newCDPSession(app);
    const vaultOpen = async (): Promise<TimedOpen> => {
      await app.evaluate(([db, passphrase]) => (globalThis as BenchWindow).storageBench.deriveKey(db, passphrase), [
        DATABASE_NAME,
        PASSPHRASE,
      ] as const);
      await settled(cdp);
      return app.evaluate((db) => (globalThis as BenchWindow).storageBench.openVault(db), DATABASE_NAME);
    };
    const plaintextOpen = async (): Promise<TimedOpen> => {
      await settled(cdp);
      return app.evaluate((db) => (globalThis as BenchWindow).storageBench.openPlaintext(db), PLAINTEXT_DB);
    };
    started = Date.now();
    const warm = { ours: await vaultOpen(), base: await plaintextOpen() };
    log(`warm-up: vault ${warm.ours.ms.toFixed(0)} ms, y-indexeddb ${warm.base.ms.toFixed(0)} ms`);
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < iterations(); i++) {
      const b = await plaintextOpen();
      const o = await vaultOpen();
      if (o.members !== MEMBERS || b.members !== MEMBERS)
        throw new Error(`opened ${o.members} members (vault), ${b.members} (y-indexeddb)`);
      base.push(b.ms);
      ours.push(o.ms);
    }
    log(
      `unlocks: vault ${ours.map((n) => n.toFixed(0)).join(' ')} ms; y-indexeddb ${base
        .map((n) => n.toFixed(0))
        .join(' ')} ms (${Date.now() - started} ms in all)`,
    );
    await cdp.detach();
    await rig.host.closeWindow();
    await rig.close();
    const plainIdb = originIndexedDbBytes(rig.profile, blank.url);
    log(
      `on disk: vault LevelDB ${mb(vaultIdb.leveldb)} + blob files ${mb(vaultIdb.blobs)} + backup folder ` +
        `${mb(copyBytes)}; y-indexeddb LevelDB ${mb(plainIdb.leveldb)} + blob files ${mb(plainIdb.blobs)}`,
    );

    const vaultDisk = vaultIdb.leveldb + vaultIdb.blobs;
    const plainDisk = plainIdb.leveldb + plainIdb.blobs;
    return [
      row('unlock_10k_chromium', median(ours), median(base), 'ms'),
      row('bytes_at_rest_10k_chromium', vaultDisk + copyBytes, plainDisk, 'bytes'),
      row('bytes_indexeddb_10k_chromium', vaultDisk, plainDisk, 'bytes'),
    ];
  } finally {
    await rig.dispose();
    await blank.close();
  }
};
