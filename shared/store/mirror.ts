/**
 * The second copy of the store (ARCHITECTURE.md "The second copy"; SECURITY.md "Crash safety and
 * backups"). Every committed readwrite transaction on a mirrored store is also written, as one
 * frame, to a copy outside the browser (main's backup folder). A frame holds the transaction's
 * puts and deletes exactly as the store got them: records that were already sealed, so the copy
 * is generic over record formats and says no more than the store itself does.
 *
 * Each mirrored transaction also bumps a sequence number in the store's `mirror` object store, in
 * the same transaction: the frame carries it, so the store and the copy can tell at start which
 * of the two is behind.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AppError } from '../errors';
import type { IdbKey, IdbKeyRange, IdbObjectStore } from './indexeddb-types';
import { ALL_STORES, SNAPSHOTS } from './records';

/** The object store holding the mirror's sequence number (one record). It is never mirrored itself. */
export const MIRROR_STATE = 'mirror';
export const MIRROR_STATE_KEY = 'state';

/**
 * Snapshots are not mirrored: each is the whole merged document (tens of MB for a big chapter),
 * rewritten after every idle pause, and a cache of the entries, which are. A restored store opens
 * by replaying its entries and writes a new snapshot at the next lock.
 */
export const UNMIRRORED_STORES: readonly string[] = [SNAPSHOTS];
export const MIRRORED_STORES: readonly string[] = ALL_STORES.filter((s) => !UNMIRRORED_STORES.includes(s));

export function isMirrored(store: string): boolean {
  return MIRRORED_STORES.includes(store);
}

/** The mirror's record in the store. `restoring` is set while a restore writes, cleared by its last transaction. */
export interface MirrorStateRecord {
  readonly v: 1;
  readonly seq: number;
  readonly restoring?: true;
  /**
   * Written back from the copy (restored or caught up), which holds no snapshots: the store's
   * snapshots may be missing or older than its manifest names. The vault drops them at the next
   * unlock (shared/vault/restored.ts).
   */
  readonly snapshotsBehind?: true;
}

export function readMirrorState(value: unknown): MirrorStateRecord {
  if (value === undefined) return { v: 1, seq: 0 };
  const v = value as Partial<MirrorStateRecord> | null;
  if (!v || v.v !== 1 || typeof v.seq !== 'number' || !Number.isSafeInteger(v.seq) || v.seq < 0) {
    throw new AppError('vault-corrupt', 'the mirror state record is malformed');
  }
  return {
    v: 1,
    seq: v.seq,
    ...(v.restoring === true ? { restoring: true } : {}),
    ...(v.snapshotsBehind === true ? { snapshotsBehind: true } : {}),
  };
}

/** One write of a transaction: a put (with its value) or a delete. */
export type StoreOp =
  | { readonly op: 'put'; readonly store: string; readonly key: IdbKey; readonly value: unknown }
  | { readonly op: 'delete'; readonly store: string; readonly key: IdbKey };

/** One committed transaction as the copy keeps it: its number and its writes, encoded (frame payload below). */
export interface MirrorFrame {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** Where committed transactions go: main's backup folder (renderer/vault), or a test's. */
export interface StoreMirror {
  /** Resolves once the transaction is durable in the copy (and every one before it). */
  write(seq: number, ops: readonly StoreOp[]): Promise<void>;
}

// ------------------------------------------------------------------ frame payload codec

/** Version of a frame's payload: [version][lib0 "any": [[store, key, value?]...]]. */
const FRAME_VERSION = 1;

const tagOf = (value: object): string => Object.prototype.toString.call(value);

/**
 * The value as the codec writes it: only the shapes stored records are made of (strings, numbers,
 * booleans, null, undefined, Uint8Array, arrays, plain objects). Anything else would not survive
 * the copy, so it is refused rather than changed. Checked by tag, not `instanceof`: a value read
 * back from a store may come from another realm (a test runner's), and lib0 would then write a
 * byte array as an object of numbered fields.
 */
function storable(value: unknown, depth = 0): unknown {
  if (depth > 32) throw new AppError('storage-failed', 'a record nests too deeply to be copied');
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return value;
    case 'object': {
      const tag = tagOf(value);
      if (tag === '[object Uint8Array]') {
        return value instanceof Uint8Array ? value : new Uint8Array(value as ArrayLike<number>);
      }
      if (Array.isArray(value)) return value.map((v) => storable(v, depth + 1));
      const proto: unknown = Object.getPrototypeOf(value);
      const plain = proto === null || (tag === '[object Object]' && Object.getPrototypeOf(proto) === null);
      if (plain) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storable(v, depth + 1)]));
      }
    }
  }
  throw new AppError('storage-failed', 'a record holds a value the backup copy cannot keep');
}

export function encodeOps(ops: readonly StoreOp[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, FRAME_VERSION);
  const rows = ops.map((o) => (o.op === 'put' ? [o.store, o.key, storable(o.value)] : [o.store, o.key]));
  encoding.writeAny(encoder, rows as Parameters<typeof encoding.writeAny>[1]);
  return encoding.toUint8Array(encoder);
}

/** Each byte array in its own buffer: decoded ones are views into the frame, and IndexedDB would store the whole frame. */
function ownBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array) return value.slice();
  if (Array.isArray(value)) return value.map(ownBuffers);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ownBuffers(v)]));
  }
  return value;
}

function isKey(key: unknown): key is IdbKey {
  return typeof key === 'string' || typeof key === 'number' || (Array.isArray(key) && key.every(isKey));
}

/** Throws AppError('bad-backup') for a payload that is not one of ours. */
export function decodeOps(payload: Uint8Array): StoreOp[] {
  const bad = () => new AppError('bad-backup', 'a transaction in the backup cannot be read');
  let rows: unknown;
  try {
    const decoder = decoding.createDecoder(payload);
    if (decoding.readUint8(decoder) !== FRAME_VERSION) throw bad();
    rows = decoding.readAny(decoder);
    if (decoding.hasContent(decoder)) throw bad();
  } catch {
    throw bad();
  }
  if (!Array.isArray(rows)) throw bad();
  return rows.map((row): StoreOp => {
    if (!Array.isArray(row) || typeof row[0] !== 'string' || !isMirrored(row[0]) || !isKey(row[1])) throw bad();
    if (row.length === 2) return { op: 'delete', store: row[0], key: row[1] };
    if (row.length === 3) return { op: 'put', store: row[0], key: row[1], value: ownBuffers(row[2]) };
    throw bad();
  });
}

export function frameOf(seq: number, ops: readonly StoreOp[]): MirrorFrame {
  return { seq, bytes: encodeOps(ops) };
}

// ------------------------------------------------------------------ recording writes

/** An object store whose puts and deletes are also recorded, in order, for the mirror. */
export function recordingStore(store: IdbObjectStore, name: string, ops: StoreOp[]): IdbObjectStore {
  return {
    get: (key) => store.get(key),
    getAll: (query, count) => store.getAll(query, count),
    getAllKeys: (query, count) => store.getAllKeys(query, count),
    count: (query) => store.count(query),
    openCursor: (query) => store.openCursor(query),
    openKeyCursor: (query) => store.openKeyCursor(query),
    put(value, key) {
      if (key === undefined) throw new AppError('storage-failed', 'mirrored stores are written with explicit keys');
      ops.push({ op: 'put', store: name, key, value });
      return store.put(value, key);
    },
    delete(key: IdbKey | IdbKeyRange) {
      if (!isKey(key)) throw new AppError('storage-failed', 'mirrored stores delete one key at a time');
      ops.push({ op: 'delete', store: name, key });
      return store.delete(key);
    },
  };
}
