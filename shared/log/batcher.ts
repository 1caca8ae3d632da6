/**
 * Turns local Yjs changes into content entries (ARCHITECTURE.md "From an edit to disk"): updates
 * whose transaction origin is not remote are collected, and after a quiet
 * period (or an explicit flush) merged into ONE entry, sealed under the
 * current epoch key and chained after this device's previous entry.
 *
 * Y.mergeUpdates is superlinear in the number of small updates (many small
 * updates cost far more than a few groups of them), so updates are merged in groups
 * of at most 100, then the results again. A batch that grows past
 * `maxBatchBytes` is sealed in a task of its own right after the transaction's
 * (so that a bulk change written a slice per task, the import or the sample
 * chapter, never seals inside a slice's task), and at once past twice that (a
 * run of transactions that never gives the event loop back), which keeps
 * entries well below MAX_ENTRY_BYTES as long as single transactions stay reasonable.
 *
 * A single transaction larger than any reader takes (createEntry refuses it,
 * AppError('change-too-large')) is never stored: the edits sealed with it
 * are kept in an entry of their own, its updates are dropped and `onRefused`
 * told, so the owner rolls the document back (SpaceHandle) and says so. The log never holds an entry it cannot read.
 */
import * as Y from 'yjs';
import type { DeviceIdentity, Hash, SpaceId, SymmetricKey } from '../crypto';
import { isAppError, type AppError } from '../errors';
import { createEntry, type Entry } from './entry';
import { encodeContentPayload } from './content-payload';
import { timers } from '../timers';
import { SerialQueue } from '../util/serial-queue';

export const MERGE_GROUP = 100;
/**
 * A batch this big is sealed in the next task. Merging, deflating and sealing
 * run on the UI thread; at 1 MiB a bulk change (a 10k-row import) froze the
 * window for up to 0.4 s per entry, and at 256 KiB sealing was still most of
 * the longest task of an import or of the sample chapter.
 */
export const DEFAULT_MAX_BATCH_BYTES = 128 * 1024;

/** Where this device's content chain stands, and the epoch to seal with. */
export interface ChainPosition {
  readonly seq: number;
  readonly prev: Hash;
  readonly epoch: { readonly number: number; readonly key: SymmetricKey };
}

export interface LocalAuthor {
  readonly identity: DeviceIdentity;
  readonly space: SpaceId;
  /** The position for the next entry. */
  position(): ChainPosition;
  /**
   * Takes a new entry of this device. Must advance `position()` before it
   * returns (synchronously); the promise settles once the entry is stored.
   */
  commit(entry: Entry): Promise<void>;
}

export interface BatcherOptions {
  /** Transactions with these origins came from elsewhere (peers, the store) and are not re-sent. */
  readonly isRemote: (origin: unknown) => boolean;
  readonly delayMs?: number;
  readonly maxBatchBytes?: number;
  readonly now?: () => number;
  /** Deflate updates before sealing (see content-payload.ts). Default true. */
  readonly compress?: boolean;
  /** A local change is waiting to be sealed (called when the first one of a batch arrives): the UI says "saving". */
  readonly onPending?: () => void;
  /**
   * A change was too large to store (AppError('change-too-large')): its
   * updates were dropped, and the document still holds them until the owner
   * rolls it back. Edits sealed before it are kept.
   */
  readonly onRefused?: (error: AppError) => void;
}

/** Merges many updates into one, in groups small enough to keep Y.mergeUpdates fast. */
export function mergeInGroups(updates: readonly Uint8Array[]): Uint8Array {
  let level = updates.slice();
  if (level.length === 0) return Y.mergeUpdates([]);
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += MERGE_GROUP) next.push(Y.mergeUpdates(level.slice(i, i + MERGE_GROUP)));
    level = next;
  }
  return level[0]!;
}

export class ChangeBatcher {
  private pendingUpdates: Uint8Array[] = [];
  private pendingBytes = 0;
  private timer: unknown = null;
  /** The timer is the next task's seal of a full batch (not the quiet period's). */
  private sealSoon = false;
  /** Entries' writes, waited for in the order they were made. */
  private readonly writing = new SerialQueue();
  private failure: unknown = null;
  private readonly delayMs: number;
  private readonly maxBatchBytes: number;
  private readonly listener = (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin);
  /**
   * Yjs encodes an update for every transaction while anyone listens to
   * 'update'. Remote transactions (received entries) need none here, and
   * encoding them was a tenth of receiving a day's work: so the listener is
   * attached only while a local transaction is in flight, and removed once
   * all transactions of that round are done.
   */
  private listening = false;
  private readonly beforeTransaction = (transaction: Y.Transaction) => {
    if (this.listening || this.options.isRemote(transaction.origin)) return;
    this.doc.on('update', this.listener);
    this.listening = true;
  };
  private readonly afterAllTransactions = () => {
    if (!this.listening) return;
    this.doc.off('update', this.listener);
    this.listening = false;
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly author: LocalAuthor,
    private readonly options: BatcherOptions,
  ) {
    this.delayMs = options.delayMs ?? 300;
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    doc.on('beforeTransaction', this.beforeTransaction);
    doc.on('afterAllTransactions', this.afterAllTransactions);
  }

  /** Number of local updates not yet in an entry. */
  get pending(): number {
    return this.pendingUpdates.length;
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (this.options.isRemote(origin)) return;
    this.pendingUpdates.push(update);
    if (this.pendingUpdates.length === 1) this.options.onPending?.();
    this.pendingBytes += update.length;
    if (this.pendingBytes >= 2 * this.maxBatchBytes) {
      void this.flush().catch(() => undefined); // a failed write is kept and told through SaveState (unsaved-entries.ts)
    } else if (this.pendingBytes >= this.maxBatchBytes) {
      if (this.sealSoon) return;
      if (this.timer !== null) timers.clearTimeout(this.timer);
      this.sealSoon = true;
      this.timer = timers.setTimeout(() => {
        this.timer = null;
        this.sealSoon = false;
        void this.flush().catch(() => undefined); // as above
      }, 0);
    } else if (this.timer === null) {
      this.timer = timers.setTimeout(() => {
        this.timer = null;
        void this.flush().catch(() => undefined); // as above
      }, this.delayMs);
    }
  }

  /**
   * Seals what is pending into one entry now and resolves once every entry
   * made so far is stored. Rejects if storing any of them failed. A change
   * too large to store is told through onRefused, not here: nothing of it is
   * stored to fail.
   */
  flush(): Promise<void> {
    if (this.timer !== null) {
      timers.clearTimeout(this.timer);
      this.timer = null;
    }
    this.sealSoon = false;
    if (this.pendingUpdates.length > 0) {
      const updates = this.pendingUpdates;
      this.pendingUpdates = [];
      this.pendingBytes = 0;
      this.sealAndStore(updates);
    }
    return this.writing.run(() => {
      if (this.failure !== null) {
        const e = this.failure;
        this.failure = null;
        throw e;
      }
    });
  }

  /**
   * Seals the updates into one entry and hands it to the author. When that entry is too large to
   * store, the small edits are kept in one entry and each big transaction is tried on its own; a
   * transaction too large alone is dropped and told through onRefused. Only this rare path splits.
   */
  private sealAndStore(updates: readonly Uint8Array[]): void {
    try {
      this.store(this.seal(updates));
      return;
    } catch (e) {
      if (!isAppError(e, 'change-too-large')) throw e;
      const big = updates.filter((u) => u.length >= this.maxBatchBytes);
      if (updates.length === 1 || big.length === 0) {
        this.options.onRefused?.(e);
        return;
      }
    }
    const small = updates.filter((u) => u.length < this.maxBatchBytes);
    if (small.length > 0) this.sealAndStore(small);
    for (const update of updates) if (update.length >= this.maxBatchBytes) this.sealAndStore([update]);
  }

  private store(entry: Entry): void {
    const stored = this.author.commit(entry);
    void this.writing.run(() =>
      stored.catch((e: unknown) => {
        this.failure = e;
      }),
    );
  }

  private seal(updates: readonly Uint8Array[]): Entry {
    const update = mergeInGroups(updates);
    const at = (this.options.now ?? Date.now)();
    const position = this.author.position();
    return createEntry(this.author.identity, {
      log: 'content',
      space: this.author.space,
      seq: position.seq,
      prev: position.prev,
      epoch: position.epoch,
      payload: encodeContentPayload({ at, update }, this.options.compress ?? true),
    });
  }

  /** Flushes, then stops listening to the document. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.doc.off('beforeTransaction', this.beforeTransaction);
      this.doc.off('afterAllTransactions', this.afterAllTransactions);
      this.afterAllTransactions();
    }
  }
}
