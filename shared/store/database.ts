/**
 * A thin promise layer over the IndexedDB subset in ./indexeddb-types. All
 * requests of a transaction are issued synchronously and the promise settles
 * when the transaction completes, so no transaction ever auto-commits early.
 *
 * Every readwrite transaction asks for strict durability (the browser flushes
 * it to the disk before it reports it complete), and, when the environment
 * has a mirror, is also written to the second copy before its promise
 * settles: a write that resolved is on the disk twice (SECURITY.md "Crash
 * safety and backups").
 */
import { AppError } from '../errors';
import type {
  IdbCursorWithValue,
  IdbDatabase,
  IdbEnvironment,
  IdbKey,
  IdbKeyRange,
  IdbKeyRangeFactory,
  IdbObjectStore,
  IdbRequest,
  IdbTransaction,
  IdbTransactionMode,
} from './indexeddb-types';
import {
  isMirrored,
  MIRROR_STATE,
  MIRROR_STATE_KEY,
  readMirrorState,
  recordingStore,
  type StoreMirror,
  type StoreOp,
} from './mirror';
import { ALL_STORES } from './records';

export const DEFAULT_DB_NAME = 'sealed-roster';
/** 2: the `mirror` store (the second copy's sequence number). */
const DB_VERSION = 2;

/** A failed read means a damaged record ('vault-corrupt'); a failed write, usually a full disk ('storage-failed'). */
function storageError(
  what: string,
  error: { message: string } | null | undefined,
  mode: IdbTransactionMode = 'readonly',
): AppError {
  const code = mode === 'readwrite' ? 'storage-failed' : 'vault-corrupt';
  return new AppError(code, `storage ${what} failed${error ? `: ${error.message}` : ''}`);
}

export function requestResult<T>(req: IdbRequest<T>): Promise<T> {
  const result = new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(storageError('request', req.error));
  });
  // A request nobody awaits any more (its transaction failed elsewhere) must not be an unhandled rejection:
  // the transaction's own failure is what the caller gets.
  result.catch(() => undefined);
  return result;
}

function done(tx: IdbTransaction, mode: IdbTransactionMode): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(storageError('transaction', tx.error, mode));
    tx.onabort = () => reject(storageError('transaction', tx.error, mode));
  });
}

export interface Row {
  readonly key: unknown;
  readonly value: unknown;
}

export class Database {
  private constructor(
    private readonly db: IdbDatabase,
    readonly keyRange: IdbKeyRangeFactory,
    private readonly mirror: StoreMirror | null,
  ) {}

  static open(env: IdbEnvironment): Promise<Database> {
    const req = env.indexedDB.open(env.name ?? DEFAULT_DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const name of [...ALL_STORES, MIRROR_STATE])
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
    };
    return requestResult(req).then((db) => {
      // Erasing or restoring deletes the database: a connection left open must not block it.
      db.onversionchange = () => db.close();
      return new Database(db, env.IDBKeyRange, env.mirror ?? null);
    });
  }

  /**
   * Runs `work` in one transaction over `stores` and resolves with its result
   * once the transaction has committed. `work` must issue its requests
   * synchronously (or from request callbacks), never after an await.
   */
  async transact<T>(
    stores: string[],
    mode: IdbTransactionMode,
    work: (store: (name: string) => IdbObjectStore) => Promise<T> | T,
  ): Promise<T> {
    const mirrored = mode === 'readwrite' && this.mirror !== null && stores.some(isMirrored);
    let tx: IdbTransaction;
    try {
      tx =
        mode === 'readwrite'
          ? this.db.transaction(mirrored ? [...stores, MIRROR_STATE] : stores, mode, { durability: 'strict' })
          : this.db.transaction(stores, mode);
    } catch (e) {
      throw storageError('transaction', e instanceof Error ? e : null, mode);
    }
    const finished = done(tx, mode);
    const ops: StoreOp[] = [];
    // The transaction's number in the mirror, taken and bumped inside it (so it commits with the writes).
    const seq = mirrored ? nextMirrorSeq(tx) : null;
    seq?.catch(() => undefined); // a failed transaction reports itself through `finished`
    let result: T;
    try {
      result = await work((name) =>
        mirrored && isMirrored(name) ? recordingStore(tx.objectStore(name), name, ops) : tx.objectStore(name),
      );
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already finished
      }
      await finished.catch(() => undefined); // the abort's own error: `e` is the one to tell
      throw e;
    }
    await finished;
    if (seq && ops.length > 0) await this.mirror!.write(await seq, ops);
    return result;
  }

  get(store: string, key: IdbKey): Promise<unknown> {
    return this.transact([store], 'readonly', (s) => requestResult(s(store).get(key)));
  }

  put(store: string, key: IdbKey, value: unknown): Promise<void> {
    return this.transact([store], 'readwrite', (s) => {
      s(store).put(value, key);
    });
  }

  delete(store: string, key: IdbKey): Promise<void> {
    return this.transact([store], 'readwrite', (s) => {
      s(store).delete(key);
    });
  }

  /** Every (key, value) pair of a store in key order, optionally within a range. */
  rows(store: string, range: IdbKeyRange | null = null): Promise<Row[]> {
    return this.transact([store], 'readonly', (s) => collect(s(store), range));
  }

  close(): void {
    this.db.close();
  }
}

/** Walks a cursor; `skipTo` may return a key to jump to instead of the next row. */
export function walk(
  store: IdbObjectStore,
  range: IdbKeyRange | null,
  visit: (row: Row) => IdbKey | void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = store.openCursor(range);
    req.onsuccess = () => {
      const cursor: IdbCursorWithValue | null = req.result;
      if (!cursor) return resolve();
      let next: IdbKey | void;
      try {
        next = visit({ key: cursor.key, value: cursor.value });
      } catch (e) {
        return reject(e);
      }
      if (next === undefined) cursor.continue();
      else cursor.continue(next);
    };
    req.onerror = () => reject(storageError('cursor', req.error));
  });
}

/** Walks keys only (values are not read); `visit` may return a key to jump to. */
export function walkKeys(
  store: IdbObjectStore,
  range: IdbKeyRange | null,
  visit: (key: unknown) => IdbKey | void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = store.openKeyCursor(range);
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve();
      const next = visit(cursor.key);
      if (next === undefined) cursor.continue();
      else cursor.continue(next);
    };
    req.onerror = () => reject(storageError('cursor', req.error));
  });
}

/** Reads the mirror's sequence number and writes it back one higher, inside `tx`; resolves with the new number. */
function nextMirrorSeq(tx: IdbTransaction): Promise<number> {
  const store = tx.objectStore(MIRROR_STATE);
  return requestResult(store.get(MIRROR_STATE_KEY)).then((value) => {
    // Never commit writes the copy cannot be told about in order: any failure here aborts them.
    try {
      const state = readMirrorState(value);
      const seq = state.seq + 1;
      store.put({ ...state, seq }, MIRROR_STATE_KEY);
      return seq;
    } catch (e) {
      tx.abort();
      throw e;
    }
  });
}

function collect(store: IdbObjectStore, range: IdbKeyRange | null): Promise<Row[]> {
  const rows: Row[] = [];
  return walk(store, range, (row) => {
    rows.push(row);
  }).then(() => rows);
}
