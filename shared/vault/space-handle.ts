/**
 * An open space: its Y.Doc, the batcher that turns local edits into entries,
 * the chain state for sync, and the local snapshot policy.
 *
 * Invariant behind snapshots: the document never holds a remote change whose
 * entry is not stored (entries are stored first, then applied), and a
 * snapshot is only taken when no local change is pending (or in the same
 * transaction as the entry that carries the pending changes). So the heads a
 * snapshot names are always fully inside its state.
 */
import * as Y from 'yjs';
import { deviceIdOf, type DeviceId, type DeviceIdentity, type SpaceId } from '../crypto';
import { AppError } from '../errors';
import { ChainAcceptor, type ChainHead } from '../log/chain';
import { ChangeBatcher, type LocalAuthor } from '../log/batcher';
import { ZERO_HASH, type Entry, type LogKind } from '../log/entry';
import type { Database } from '../store/database';
import { entryKey, putEntries, readAuthorAfter, type StoredEntry } from '../store/entry-store';
import type { StoreProblem } from '../store/problems';
import { SNAPSHOTS } from '../store/records';
import type { MasterKeys, SpaceSecrets } from './keys';
import { sealSnapshot } from './snapshot';
import type { SpaceAccess } from '../space';
import { loadSpace, REMOTE_ORIGIN } from './space-load';
import { receive, type ReceiveReport } from './space-receive';
import { readHistory, type HistoryItem } from './history';
import type { VaultOptions } from './vault';

export interface SpaceHandleContext {
  readonly db: Database;
  readonly keys: MasterKeys;
  readonly identity: DeviceIdentity;
  readonly space: SpaceId;
  readonly secrets: SpaceSecrets;
  readonly options: VaultOptions;
  readonly report: (p: StoreProblem) => void;
  readonly onClose: () => void;
}

/** Per-author heads of both logs: what sync peers exchange. */
export interface SpaceHeads {
  readonly access: readonly ChainHead[];
  readonly content: readonly ChainHead[];
}

export class SpaceHandle {
  private closed = false;
  private sinceSnapshot: number;
  private snapshotWithNextCommit = false;
  private readonly batcher: ChangeBatcher;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly opened = new Map<string, Uint8Array>();
  private readonly changeListeners = new Set<() => void>();

  private constructor(
    private readonly ctx: SpaceHandleContext,
    /** Who is in the space with which role, and its epoch keys (shared/space). Read-only use. */
    readonly access: SpaceAccess,
    /** The space document. Local transactions (any origin but the vault's own) are saved and synced. */
    readonly doc: Y.Doc,
    private readonly content: ChainAcceptor,
    entriesSinceSnapshot: number,
  ) {
    this.sinceSnapshot = entriesSinceSnapshot;
    this.batcher = new ChangeBatcher(doc, this.localAuthor(), {
      isRemote: (origin) => origin === REMOTE_ORIGIN,
      delayMs: ctx.options.batchDelayMs,
      now: ctx.options.now,
    });
  }

  static async load(ctx: SpaceHandleContext): Promise<SpaceHandle> {
    const { db, keys, space, identity, report } = ctx;
    const loaded = await loadSpace({ db, keys, space, identity, report });
    const content = new ChainAcceptor({ space, log: 'content', heads: loaded.contentHeads });
    return new SpaceHandle(ctx, loaded.access, loaded.doc, content, loaded.entriesSinceSnapshot);
  }

  get id(): SpaceId {
    return this.ctx.space;
  }

  get name(): string {
    return this.ctx.secrets.name;
  }

  private localAuthor(): LocalAuthor {
    const me = deviceIdOf(this.ctx.identity.signPublic);
    return {
      identity: this.ctx.identity,
      space: this.ctx.space,
      position: () => {
        const head = this.content.head(me);
        const { epoch, key } = this.access.writingKey(this.ctx.identity);
        return { seq: (head?.seq ?? 0) + 1, prev: head?.hash ?? ZERO_HASH, epoch: { number: epoch, key } };
      },
      commit: (entry) => {
        const result = this.content.offer(entry);
        if (result.status !== 'accepted') throw new AppError('bad-entry', 'own entry did not extend the chain');
        const withSnapshot = this.snapshotWithNextCommit || ++this.sinceSnapshot >= this.snapshotEvery();
        const snapshot = withSnapshot ? this.takeSnapshot() : undefined;
        return this.serial(() => putEntries(this.ctx.db, [stored(entry)], snapshot)).then(() => this.changed());
      },
    };
  }

  private snapshotEvery(): number {
    return this.ctx.options.snapshotEvery ?? 500;
  }

  /** Captures state and heads synchronously; resets the counters. */
  private takeSnapshot(): { space: SpaceId; record: ReturnType<typeof sealSnapshot> } {
    this.snapshotWithNextCommit = false;
    this.sinceSnapshot = 0;
    const state = Y.encodeStateAsUpdate(this.doc);
    return {
      space: this.ctx.space,
      record: sealSnapshot(this.ctx.keys, this.ctx.space, { heads: this.content.heads(), state }),
    };
  }

  /** Runs storage work one after another, so entries land in chain order. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private live(): void {
    if (this.closed) throw new AppError('vault-locked', 'this space is closed');
  }

  /** Turns pending local edits into an entry now and waits until every entry so far is stored. */
  async flush(): Promise<void> {
    this.live();
    await this.batcher.flush();
  }

  /** Writes a snapshot now (with pending local edits sealed into an entry in the same transaction). */
  async snapshot(): Promise<void> {
    this.live();
    if (this.batcher.pending > 0) {
      this.snapshotWithNextCommit = true;
      await this.batcher.flush();
      return;
    }
    const snap = this.takeSnapshot();
    await this.serial(() => this.ctx.db.put(SNAPSHOTS, snap.space, snap.record));
  }

  /**
   * Entries from peers: each verified (signature), chained, checked against
   * the access rules and decrypted; only then stored exactly as received and
   * applied to the document. Duplicates are ignored and out-of-order entries
   * held until their predecessors arrive, so any delivery order converges.
   */
  receiveEntries(batch: readonly Uint8Array[]): Promise<ReceiveReport> {
    this.live();
    return this.serial(async () => {
      const { db, space, identity } = this.ctx;
      const ctx = { db, space, identity, access: this.access, content: this.content };
      const { report, accepted } = await receive(ctx, batch, this.opened);
      if (accepted.length === 0) return report;
      await putEntries(
        this.ctx.db,
        accepted.map((a) => stored(a.entry)),
      );
      Y.transact(this.doc, () => accepted.forEach((a) => a.update && Y.applyUpdate(this.doc, a.update)), REMOTE_ORIGIN);
      this.sinceSnapshot += accepted.length;
      this.changed();
      if (this.sinceSnapshot >= this.snapshotEvery() && this.batcher.pending === 0) {
        const snap = this.takeSnapshot();
        await this.ctx.db.put(SNAPSHOTS, snap.space, snap.record);
      }
      return report;
    });
  }

  /**
   * An admin action as this device: `build` is one of shared/space's builders
   * (addDevice, removeDevice, rotateKey, setRole); its entry is then taken
   * like any arriving entry (verified, applied, stored).
   */
  async changeAccess(build: (access: SpaceAccess, me: DeviceIdentity) => Entry): Promise<ReceiveReport> {
    this.live();
    await this.queue;
    const entry = build(this.access, this.ctx.identity);
    const report = await this.receiveEntries([entry.bytes]);
    const failure = report.rejected[0];
    if (failure) throw new AppError(failure.code, 'the access change was not accepted');
    return report;
  }

  /**
   * Called after new entries of this space were stored: a local commit, or
   * entries accepted from a peer or a bundle (sync pushes them on). Returns
   * an unsubscribe function.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.changeListeners]) {
      try {
        listener();
      } catch {
        // A listener's failure is its own business; storage has succeeded.
      }
    }
  }

  /** The stored entries of one author in one log with `afterSeq` < seq <= `upToSeq`, as the exact stored bytes. */
  async entriesInRange(log: LogKind, author: DeviceId, afterSeq: number, upToSeq: number): Promise<Uint8Array[]> {
    this.live();
    const { entries, unreadable } = await readAuthorAfter(this.ctx.db, this.ctx.space, log, author, afterSeq, upToSeq);
    for (const u of unreadable) {
      this.ctx.report({
        kind: 'entry',
        space: this.ctx.space,
        log,
        author: u.key[2],
        seq: u.key[3],
        code: 'vault-corrupt',
      });
    }
    return entries.map((e) => e.bytes);
  }

  /** Heads of both logs as this device holds them. */
  heads(): SpaceHeads {
    return { access: this.access.heads(), content: this.content.heads() };
  }

  /**
   * Stored entries a peer with heads `theirs` lacks: access log first, then
   * content, each author's in chain order, as the exact stored bytes.
   */
  async entriesAfter(theirs: SpaceHeads, limit = Number.POSITIVE_INFINITY): Promise<Uint8Array[]> {
    this.live();
    const out: Uint8Array[] = [];
    const mine = this.heads();
    const logs: [LogKind, readonly ChainHead[], readonly ChainHead[]][] = [
      ['access', mine.access, theirs.access],
      ['content', mine.content, theirs.content],
    ];
    for (const [log, ours, their] of logs) {
      const seen = new Map(their.map((h) => [h.author, h.seq]));
      for (const head of ours) {
        const after = seen.get(head.author) ?? 0;
        if (head.seq <= after) continue;
        const { entries, unreadable } = await readAuthorAfter(this.ctx.db, this.ctx.space, log, head.author, after);
        for (const u of unreadable) {
          this.ctx.report({
            kind: 'entry',
            space: this.ctx.space,
            log,
            author: u.key[2],
            seq: u.key[3],
            code: 'vault-corrupt',
          });
        }
        for (const e of entries) {
          if (out.length >= limit) return out;
          out.push(e.bytes);
        }
      }
    }
    return out;
  }

  /** Who authored which content entry, and when (author's clock), oldest first. */
  history(): Promise<HistoryItem[]> {
    this.live();
    const { db, space, identity, report } = this.ctx;
    return readHistory({ db, space, identity, access: this.access, report });
  }

  /** Flushes, writes a snapshot, and stops the document from being saved. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.batcher.pending > 0) this.snapshotWithNextCommit = true;
      await this.batcher.close();
      if (this.sinceSnapshot > 0) {
        const snap = this.takeSnapshot();
        await this.serial(() => this.ctx.db.put(SNAPSHOTS, snap.space, snap.record));
      }
      await this.queue;
    } finally {
      this.closed = true;
      this.changeListeners.clear();
      this.ctx.onClose();
    }
  }
}

function stored(entry: Entry): StoredEntry {
  const h = entry.header;
  return { key: entryKey(h.space, h.log, h.author, h.seq), bytes: entry.bytes };
}
