/**
 * unlock_10k, argon2id_unlock, bytes_at_rest_10k: the vault against plain
 * Yjs persisted with y-indexeddb (the plaintext design), same data, same
 * process, both on fake-indexeddb.
 *
 * - unlock_10k: from "key known" to a ready Y.Doc (vault: unwrap keys, read
 *   and decrypt the snapshot, apply newer entries; baseline: y-indexeddb
 *   load). Argon2id is excluded here and timed alone in argon2id_unlock.
 * - bytes_at_rest_10k: after writing the chapter and closing (vault: the
 *   entry + the snapshot + the roster's read index beside it, as the app
 *   writes it + meta; baseline: y-indexeddb's stored updates).
 * - bytes_with_copy_10k: the same plus the vault's second copy in main's
 *   backup folder (bench/mirror.ts), as the disk holds them.
 * - restore_unlock_10k: the first unlock of a store restored from that copy
 *   (no snapshot: every entry is replayed), against y-indexeddb's load.
 */
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { initCrypto, type KdfParams, type SpaceId } from '../../../shared/crypto';
import {
  createVault,
  passphraseKey,
  readKdfParams,
  unlockWithPassphraseKey,
  type IdbEnvironment,
  type VaultOptions,
} from '../../../shared/vault';
import { SpaceData } from '../../../shared/model/space-data';
import { rosterIndexPieces } from '../../../shared/model/roster-index';
import { databaseBytes } from '../idb-size';
import { iterations, median, row, type BenchRow, settledHeap } from '../types';
import { chapterUpdate } from '../workload';
import { copyBytes, copyOf, dropCopy, withCopy } from '../mirror';
import type { MirrorStore } from '../../../electron/backup/mirror-store';
import { pagedSource, restoreStore } from '../../../shared/store/mirror-copy';

const PASSPHRASE = 'bench passphrase for the chapter vault';

/** The vault's options as the app's (renderer/vault/roster-index.ts): the roster's read index beside each snapshot. */
const APP_OPTIONS: VaultOptions = {
  readIndex: (doc) => rosterIndexPieces(new SpaceData(doc, 'bench', { migrate: false })),
};

function env(name: string): IdbEnvironment & { name: string } {
  return { indexedDB, IDBKeyRange, name };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  await settledHeap();
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function writeBaseline(name: string, updates: readonly Uint8Array[]): Promise<void> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  for (const update of updates) Y.applyUpdate(doc, update); // local changes: y-indexeddb stores each
  await persistence.destroy(); // waits for its database to close after pending writes
  doc.destroy();
}

async function loadBaseline(name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  await persistence.destroy();
  return doc;
}

async function writeVault(name: string, updates: readonly Uint8Array[]): Promise<SpaceId> {
  const { vault } = await createVault(withCopy(env(name)), PASSPHRASE, { ...APP_OPTIONS, kdfCost: 'standard' });
  const space = await vault.createSpace('Chapter');
  const handle = await vault.openSpace(space);
  // Local changes: each becomes content entries (one this large is sealed at once, shared/log/batcher.ts).
  for (const update of updates) Y.applyUpdate(handle.doc, update);
  await vault.lock(); // flush + snapshot
  return space;
}

/**
 * Each open in a function of its own, so that its document is garbage once it returns: with the
 * growth workload, two documents alive at once (the previous open's and this one's) did not fit
 * in the bench's heap.
 */
async function timedBaselineOpen(name: string): Promise<{ ms: number; members: number }> {
  const { ms, value: doc } = await timed(() => loadBaseline(name));
  const members = doc.getMap('members').size;
  doc.destroy();
  return { ms, members };
}

async function timedVaultOpen(
  name: string,
  kek: ReturnType<typeof passphraseKey>,
  space: SpaceId,
): Promise<{ ms: number; members: number }> {
  const { ms, value } = await timed(async () => {
    const vault = await unlockWithPassphraseKey(env(name), kek, APP_OPTIONS);
    const handle = await vault.openSpace(space);
    return { vault, handle };
  });
  const members = value.handle.doc.getMap('members').size;
  if (value.vault.problems.length > 0) throw new Error('vault reported problems');
  await value.vault.lock();
  return { ms, members };
}

/** The figures of one workload, both designs written and opened side by side. */
export interface StorageFigures {
  /** Medians, ms: the vault's unlock (key known → Y.Doc), y-indexeddb's load, Argon2id. */
  readonly unlockMs: number;
  readonly baselineUnlockMs: number;
  readonly argon2idMs: number;
  /** Bytes at rest (idb-size.ts): the vault's database, y-indexeddb's, the vault's second copy (0 without). */
  readonly bytes: number;
  readonly baselineBytes: number;
  readonly copyBytes: number;
  /** The first unlock of a store restored from the copy, median ms (only when asked and there is a copy). */
  readonly restoreUnlockMs?: number;
  readonly members: number;
}

interface Written {
  readonly vaultName: string;
  readonly baselineName: string;
  readonly space: SpaceId;
  readonly kdf: KdfParams;
  readonly ours: number[];
  readonly base: number[];
  readonly kdfMs: number[];
  members: number;
}

async function writeBoth(updates: readonly Uint8Array[], index: number): Promise<Written> {
  const baselineName = `baseline-${Date.now()}-${index}`;
  const vaultName = `vault-${Date.now()}-${index}`;
  await writeBaseline(baselineName, updates);
  const space = await writeVault(vaultName, updates);
  const kdf = await readKdfParams(env(vaultName));
  return { vaultName, baselineName, space, kdf, ours: [], base: [], kdfMs: [], members: -1 };
}

/**
 * Writes each workload (a list of updates) with both designs, opens each BENCH_ITERATIONS times
 * and weighs what they stored. The workloads' opens alternate within each iteration, so a ratio
 * between two workloads' figures does not depend on how the machine's load moved between them.
 */
export async function storageFigures(
  workloads: readonly (readonly Uint8Array[])[],
  options: { restore?: boolean } = {},
): Promise<StorageFigures[]> {
  await initCrypto();
  const written: Written[] = [];
  for (const [i, updates] of workloads.entries()) written.push(await writeBoth(updates, i));
  for (let i = 0; i < iterations(); i++) {
    for (const w of written) {
      const b = await timedBaselineOpen(w.baselineName);
      w.base.push(b.ms);
      w.members = b.members;
      const k = await timed(async () => passphraseKey(PASSPHRASE, w.kdf));
      w.kdfMs.push(k.ms);
      const o = await timedVaultOpen(w.vaultName, k.value, w.space);
      w.ours.push(o.ms);
      if (o.members !== b.members || o.members < 10_000) throw new Error(`vault opened ${o.members} members`);
      process.stderr.write(
        `vault storage ${i + 1} (${o.members} members): unlock ours / y-indexeddb ${o.ms.toFixed(0)} ms / ` +
          `${b.ms.toFixed(0)} ms = ${(o.ms / b.ms).toFixed(2)}; Argon2id ${k.ms.toFixed(0)} ms\n`,
      );
    }
  }

  const figures: StorageFigures[] = [];
  for (const w of written) {
    const copy = copyOf(w.vaultName);
    figures.push({
      unlockMs: median(w.ours),
      baselineUnlockMs: median(w.base),
      argon2idMs: median(w.kdfMs),
      bytes: await databaseBytes(indexedDB, w.vaultName),
      baselineBytes: await databaseBytes(indexedDB, w.baselineName),
      copyBytes: copyBytes(w.vaultName),
      ...(options.restore && copy
        ? { restoreUnlockMs: await restoredUnlock(await copy, w.space, w.kdf, w.members) }
        : {}),
      members: w.members,
    });
    await dropCopy(w.vaultName);
  }
  return figures;
}

export async function vaultStorageRows(): Promise<BenchRow[]> {
  const f = (await storageFigures([[chapterUpdate()]], { restore: true }))[0]!;
  const rows = [
    row('unlock_10k', f.unlockMs, f.baselineUnlockMs, 'ms'),
    row('argon2id_unlock', f.argon2idMs, 0, 'ms'),
    row('bytes_at_rest_10k', f.bytes, f.baselineBytes, 'bytes'),
  ];
  if (f.restoreUnlockMs !== undefined) {
    rows.push(row('bytes_with_copy_10k', f.bytes + f.copyBytes, f.baselineBytes, 'bytes'));
    rows.push(row('restore_unlock_10k', f.restoreUnlockMs, f.baselineUnlockMs, 'ms'));
  }
  return rows;
}

/** The first unlock of a store restored from the copy (median over iterations, each on a fresh restore). */
async function restoredUnlock(copy: MirrorStore, space: SpaceId, kdf: KdfParams, members: number): Promise<number> {
  const latest = (await copy.latestCopy())!;
  const times: number[] = [];
  for (let i = 0; i < iterations(); i++) {
    const name = `restored-${Date.now()}-${i}`;
    await restoreStore(
      env(name),
      pagedSource(async () => ({ frames: latest.frames, next: null })),
      latest.seq,
    );
    const kek = passphraseKey(PASSPHRASE, kdf);
    const o = await timed(async () => (await unlockWithPassphraseKey(env(name), kek)).openSpace(space));
    if (o.value.doc.getMap('members').size !== members) throw new Error('the restored vault is missing members');
    times.push(o.ms);
    o.value.doc.destroy();
  }
  return median(times);
}
