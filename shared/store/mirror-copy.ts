/**
 * The store and its second copy, whole (ARCHITECTURE.md "The second copy"): what state the store
 * is in at start, a complete copy of it for the backup folder, and writing a copy back into a
 * store that was lost or fell behind. Key-free: records move as they are stored (sealed).
 */
import { AppError, isAppError } from '../errors';
import { Database, DEFAULT_DB_NAME, requestResult, walk } from './database';
import type { IdbEnvironment, IdbObjectStore } from './indexeddb-types';
import {
  decodeOps,
  encodeOps,
  MIRROR_STATE,
  MIRROR_STATE_KEY,
  MIRRORED_STORES,
  readMirrorState,
  type MirrorFrame,
  type MirrorStateRecord,
  type StoreOp,
} from './mirror';
import { META, VAULT_KEY, readVaultRecord } from './records';

/** What the browser's store holds at start. */
export type StoreCondition =
  | { readonly kind: 'empty' }
  | { readonly kind: 'vault'; readonly seq: number }
  /** A restore was cut short: the store is incomplete until a restore finishes. */
  | { readonly kind: 'restoring' }
  /** The database or its root record cannot be read. */
  | { readonly kind: 'unreadable' };

/** Looks at the store without a mirror and without keys. */
export async function inspectStore(env: IdbEnvironment): Promise<StoreCondition> {
  let db: Database;
  try {
    db = await Database.open({ ...env, mirror: undefined });
  } catch {
    return { kind: 'unreadable' };
  }
  try {
    const [vault, state] = await db.transact([META, MIRROR_STATE], 'readonly', (s) =>
      Promise.all([requestResult(s(META).get(VAULT_KEY)), requestResult(s(MIRROR_STATE).get(MIRROR_STATE_KEY))]),
    );
    const mirror = readMirrorState(state);
    if (mirror.restoring) return { kind: 'restoring' };
    if (vault === undefined) return { kind: 'empty' };
    readVaultRecord(vault);
    return { kind: 'vault', seq: mirror.seq };
  } catch {
    return { kind: 'unreadable' };
  } finally {
    db.close();
  }
}

/** Bytes of a chunk of a complete copy (each chunk is one frame's payload). */
export const COPY_CHUNK_BYTES = 8 * 1024 * 1024;

/** Roughly how many bytes a record takes once encoded: its byte arrays and a little for the rest. */
function sizeOf(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength + 8;
  if (typeof value === 'string') return value.length * 3 + 4;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeOf(v), 4);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + sizeOf(v), 4);
  return 9;
}

/**
 * A complete copy of every mirrored store as of one transaction (a readonly transaction sees
 * every write committed before it and none after): the seq it covers and its records as chunks.
 */
export async function copyStore(
  db: Database,
  chunkBytes = COPY_CHUNK_BYTES,
): Promise<{ seq: number; chunks: Uint8Array[] }> {
  const stores = [...MIRRORED_STORES];
  return db.transact([...stores, MIRROR_STATE], 'readonly', async (s) => {
    const state = readMirrorState(await requestResult(s(MIRROR_STATE).get(MIRROR_STATE_KEY)));
    const chunks: Uint8Array[] = [];
    let ops: StoreOp[] = [];
    let bytes = 0;
    const flush = () => {
      if (ops.length > 0) chunks.push(encodeOps(ops));
      ops = [];
      bytes = 0;
    };
    for (const store of stores) {
      await walk(s(store), null, (row) => {
        ops.push({ op: 'put', store, key: row.key as StoreOp['key'], value: row.value });
        bytes += sizeOf(row.key) + sizeOf(row.value);
        if (bytes >= chunkBytes) flush();
      });
    }
    flush();
    return { seq: state.seq, chunks };
  });
}

function apply(s: (name: string) => IdbObjectStore, ops: readonly StoreOp[]): void {
  for (const op of ops) {
    if (op.op === 'put') s(op.store).put(op.value, op.key);
    else s(op.store).delete(op.key);
  }
}

/** Frames to write into a store, read in batches (main's `mirror:readCopy`). */
export type FrameSource = () => AsyncIterable<readonly MirrorFrame[]>;

/** A FrameSource over a paged reader: `read(from)` gives frames from index `from` and where to go on (null: done). */
export function pagedSource(
  read: (from: number) => Promise<{ frames: MirrorFrame[]; next: number | null }>,
): FrameSource {
  return async function* () {
    let next: number | null = 0;
    while (next !== null) {
      const page: { frames: MirrorFrame[]; next: number | null } = await read(next);
      yield page.frames;
      next = page.next;
    }
  };
}

export interface ApplyReport {
  /** Transactions written. */
  readonly applied: number;
  /** Transactions that could not be read (damaged in the copy) and were left out. */
  readonly unreadable: number;
}

/**
 * Writes frames with seq > `after` into the store, one transaction per batch, each also moving
 * the mirror's seq forward (so a cut-short replay resumes where it stopped).
 */
async function applyFrames(db: Database, source: FrameSource, after: number, restoring: boolean): Promise<ApplyReport> {
  let applied = 0;
  let unreadable = 0;
  let seq = after;
  for await (const batch of source()) {
    const ops: StoreOp[] = [];
    for (const frame of batch) {
      if (frame.seq <= after) continue;
      try {
        ops.push(...decodeOps(frame.bytes));
        applied++;
      } catch (e) {
        if (!isAppError(e, 'bad-backup')) throw e;
        unreadable++;
      }
      seq = Math.max(seq, frame.seq);
    }
    const state: MirrorStateRecord = restoring
      ? { v: 1, seq, restoring: true, snapshotsBehind: true }
      : { v: 1, seq, snapshotsBehind: true };
    await db.transact([...MIRRORED_STORES, MIRROR_STATE], 'readwrite', (s) => {
      apply(s, ops);
      s(MIRROR_STATE).put(state, MIRROR_STATE_KEY);
    });
  }
  return { applied, unreadable };
}

function deleteDatabase(env: IdbEnvironment): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = env.indexedDB.deleteDatabase(env.name ?? DEFAULT_DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(new AppError('storage-failed', 'the damaged store could not be deleted'));
  });
}

/**
 * Replaces the store with a copy: deletes what is left of it, marks it `restoring`, writes every
 * frame, then sets the copy's seq and clears the mark in a last transaction. A restore cut short
 * leaves the mark, so the next start restores again instead of opening half a vault.
 */
export async function restoreStore(env: IdbEnvironment, source: FrameSource, seq: number): Promise<ApplyReport> {
  await deleteDatabase(env);
  const db = await Database.open({ ...env, mirror: undefined });
  try {
    await db.put(MIRROR_STATE, MIRROR_STATE_KEY, { v: 1, seq: 0, restoring: true } satisfies MirrorStateRecord);
    const report = await applyFrames(db, source, -1, true); // everything, a copy's records included (their seq may be 0)
    await db.put(MIRROR_STATE, MIRROR_STATE_KEY, { v: 1, seq, snapshotsBehind: true } satisfies MirrorStateRecord);
    return report;
  } finally {
    db.close();
  }
}

/** Writes the transactions the store lost (seq > `after`) back into it from the copy. */
export async function catchUpStore(env: IdbEnvironment, source: FrameSource, after: number): Promise<ApplyReport> {
  const db = await Database.open({ ...env, mirror: undefined });
  try {
    return await applyFrames(db, source, after, false);
  } finally {
    db.close();
  }
}

/** Deletes the store (erasing the vault). */
export const eraseStore = deleteDatabase;

/** Whether the store's snapshots may be behind its manifest (written back from the copy, which has none). */
export async function snapshotsBehind(db: Database): Promise<boolean> {
  return readMirrorState(await db.get(MIRROR_STATE, MIRROR_STATE_KEY)).snapshotsBehind === true;
}

/** Clears that mark once the vault dropped the snapshots (shared/vault/restored.ts). */
export async function clearSnapshotsBehind(db: Database): Promise<void> {
  await db.transact([MIRROR_STATE], 'readwrite', async (s) => {
    const state = readMirrorState(await requestResult(s(MIRROR_STATE).get(MIRROR_STATE_KEY)));
    const cleared: MirrorStateRecord = state.restoring
      ? { v: 1, seq: state.seq, restoring: true }
      : { v: 1, seq: state.seq };
    s(MIRROR_STATE).put(cleared, MIRROR_STATE_KEY);
  });
}
