/**
 * An open space: its Y.Doc, the batcher that turns local edits into entries,
 * the chain state for sync, and the local snapshot policy. Its consumers take
 * the interfaces they own, which it satisfies (ARCHITECTURE.md "The space
 * handle and who depends on what").
 *
 * Invariant behind snapshots: the document never holds a remote change whose
 * entry is not stored (entries are stored first, then applied), and a
 * snapshot is only taken when no local change is pending (or in the same
 * transaction as the entry that carries the pending changes). So the heads a
 * snapshot names are always fully inside its state.
 */
import type * as Y from 'yjs';
import { deviceIdOf, fromBase64Url, type DeviceId, type DeviceIdentity, type Hash, type SpaceId } from '../crypto';
import { AppError } from '../errors';
import { ChainAcceptor } from '../log/chain';
import { ChangeBatcher, type LocalAuthor } from '../log/batcher';
import { ZERO_HASH, type Entry, type LogKind } from '../log/entry';
import { snapshotRef, type RecordRef } from '../store/binding';
import type { BoundStore, NewEntry, RecordWrite } from '../store/bound-store';
import { entryKey } from '../store/entry-store';
import { problemCode, type SaveState, type StoreProblem } from '../store/problems';
import type { MasterKeys, SpaceSecrets } from './keys';
import { sealSnapshotInTasks } from './snapshot';
import { readIndexCommit, sealReadIndex } from './read-index';
import { encodePiecesInTasks, type WhenChanged } from './snapshot-pieces';
import { SpaceCompaction } from './compaction';
import { checkCheckpointIndex } from './checkpoint-receive';
import type { HeldSeqs, PeerHoldings } from './peer-holdings';
import { SnapshotPolicy } from './snapshot-policy';
import type { SpaceAccess } from '../space';
import { loadSpace, REMOTE_ORIGIN, type LoadedSpace } from './space-load';
import { rebuildDocument } from './space-rebuild';
import { applyUpdates } from './apply-updates';
import type { IgnoredEntry } from './ignored';
import { WithdrawnEntries } from './invalidation';
import {
  mergeReports,
  partsWithin,
  receive,
  sealedWeight,
  SEALED_PER_TASK_BYTES,
  type ReceiveReport,
} from './space-receive';
import { MAX_UNPACKED_AT_ONCE } from './space-content';
import { decodeEntries, type DecodedEntry, type VerifiedEntry } from '../log/verify-batch';
import { readHistory, type HistoryItem } from './history';
import { entriesAfter, entriesInRange, type SpaceHeads } from './space-read';
import { Listeners } from './listeners';
import { SerialQueue } from '../util/serial-queue';
import { nextTask } from '../timers';
import { UnsavedEntries } from './unsaved-entries';
import type { VaultOptions } from './vault';

export type { SpaceHeads } from './space-read';

export interface SpaceHandleContext {
  /** Every write goes through it, keeping the manifest current (SECURITY.md "At rest"). */
  readonly store: BoundStore;
  readonly keys: MasterKeys;
  readonly identity: DeviceIdentity;
  readonly space: SpaceId;
  readonly secrets: SpaceSecrets;
  readonly options: VaultOptions;
  readonly report: (p: StoreProblem) => void;
  /** What other organizers' devices hold, which compaction keeps for them (peer-holdings.ts). */
  readonly holdings: PeerHoldings;
  /** A failed write of own changes, and the recovery (unsaved-entries.ts). */
  readonly onSaveState?: (state: SaveState) => void;
  readonly onClose: () => void;
}

export class SpaceHandle {
  private closed = false;
  private readonly snapshots: SnapshotPolicy;
  private snapshotWithNextCommit = false;
  /** A refused change is still in the document until the rollback rebuilt it: no snapshot may capture it. */
  private rollingBack = false;
  private batcher: ChangeBatcher;
  /** Writes of batchers of replaced documents still in flight. */
  private retired: Promise<unknown> = Promise.resolve();
  private readonly queue = new SerialQueue();
  private readonly opened = new Map<string, Uint8Array>();
  private readonly changeListeners = new Listeners<[]>();
  private readonly replacedListeners = new Listeners<[Y.Doc]>();
  private readonly previewListeners = new Listeners<[readonly Uint8Array[] | undefined]>();
  /** An admin's checkpoint index shown while its checkpoint has not been taken (memory only). */
  private previewed: readonly Uint8Array[] | undefined;
  /** Own entries committed and not yet stored (a rebuild must include them; failed writes are retried). */
  private readonly unsaved: UnsavedEntries;
  /** Stored content entries left out of the document (invalidation.ts). */
  private readonly withdrawn: WithdrawnEntries;
  private readonly compaction: SpaceCompaction;

  private constructor(
    private readonly ctx: SpaceHandleContext,
    /** Who is in the space with which role, and its epoch keys (shared/space). Read-only use. */
    readonly access: SpaceAccess,
    private current: Y.Doc,
    private readonly content: ChainAcceptor,
    loaded: Pick<LoadedSpace, 'backlog' | 'ignored'>,
  ) {
    this.snapshots = new SnapshotPolicy(ctx.options.snapshots ?? {}, loaded.backlog, () => void this.idleSnapshot());
    this.withdrawn = new WithdrawnEntries(ctx, loaded.ignored);
    this.unsaved = new UnsavedEntries({
      space: ctx.space,
      retryMs: ctx.options.saveRetryMs,
      onState: ctx.onSaveState,
      report: ctx.report,
      retry: () => {
        // A failed retry is told by UnsavedEntries itself (SaveState and the store problem), not here.
        if (!this.closed) void this.writeOwn().catch(() => undefined);
      },
      pendingEdits: () => this.batcher.pending,
    });
    this.batcher = this.batcherFor(current);
    this.compaction = new SpaceCompaction(
      { ...ctx, now: ctx.options.now ?? Date.now, access, content },
      {
        doc: () => this.doc,
        rebuild: () => this.rebuild(),
        written: (bytes) => {
          this.snapshotWithNextCommit = false;
          this.snapshots.taken(bytes);
          this.changed(); // readers of stored entries (the history view) read again; sync sends the tail
        },
      },
    );
  }

  private batcherFor(doc: Y.Doc): ChangeBatcher {
    return new ChangeBatcher(doc, this.localAuthor(), {
      isRemote: (origin) => origin === REMOTE_ORIGIN,
      delayMs: this.ctx.options.batchDelayMs,
      now: this.ctx.options.now,
      onPending: () => this.unsaved.edited(),
      onRefused: (error) => this.refused(error),
    });
  }

  /**
   * A local change was too large to store (the batcher kept it out of the log): the document is
   * rebuilt from what is stored (and own entries not yet written), which undoes it, and the
   * organizer is told. Edits made meanwhile are sealed into entries first and kept (rebuild()).
   */
  private refused(error: AppError): void {
    this.rollingBack = true;
    this.ctx.report({ kind: 'too-large', space: this.ctx.space, code: error.code });
    this.unsaved.edited(); // the refused edits no longer wait to be saved
    void this.serial(async () => {
      try {
        await this.rebuild();
      } finally {
        this.rollingBack = false;
      }
    }).catch(() => undefined); // a rebuild that fails leaves the change only on screen; unlock reads the log without it
  }

  /**
   * The space document. Local transactions (any origin but the vault's own)
   * are saved and synced. It is replaced (rarely) when the access log
   * withdraws entries already in it: see onDocReplaced.
   */
  get doc(): Y.Doc {
    return this.current;
  }

  static async load(ctx: SpaceHandleContext): Promise<SpaceHandle> {
    const { store, keys, space, identity, report } = ctx;
    const loaded = await loadSpace({ store, keys, space, identity, report, yieldTask: ctx.options.yieldTask });
    const content = new ChainAcceptor({ space, log: 'content', heads: loaded.contentHeads });
    return new SpaceHandle(ctx, loaded.access, loaded.doc, content, loaded);
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
        const overBudget = this.snapshots.added(1, entry.bytes.length);
        const withSnapshot = this.snapshotWithNextCommit || overBudget;
        if (withSnapshot) this.snapshotWithNextCommit = true;
        this.unsaved.add(entry);
        return this.writeOwn();
      },
    };
  }

  /**
   * Writes own entries not yet stored (this one, and any whose write failed
   * before), in chain order, in one transaction with a snapshot if due.
   */
  private writeOwn(): Promise<void> {
    return this.serial(() => this.storeOwn({ withoutEntries: false, whenChanged: 'give-up' }));
  }

  /**
   * Inside the serial queue: own entries not yet stored and the snapshot if due, in one transaction.
   * A snapshot never goes to disk without them: its heads name them and its state holds their
   * edits, so stored alone (after a failed write, before the retry) and followed by a crash, it
   * would show edits that no stored entry carries, and that never reach a peer.
   * `withoutEntries`: a snapshot is written even with no entry waiting.
   */
  private async storeOwn({
    withoutEntries,
    whenChanged,
  }: {
    readonly withoutEntries: boolean;
    /** What an edit made while the snapshot is encoded does to it (snapshot-pieces.ts). */
    readonly whenChanged: WhenChanged;
  }): Promise<void> {
    const entries = this.unsaved.list();
    if (entries.length === 0 && !withoutEntries) return;
    const snapshot = await this.snapshotIfDue(whenChanged);
    if (entries.length === 0 && !snapshot) return;
    try {
      await this.ctx.store.commit({ entries: entries.map(stored), put: snapshot?.put, remove: snapshot?.remove });
    } catch (e) {
      if (snapshot) this.snapshotWithNextCommit = true;
      if (entries.length > 0) this.unsaved.failed(e);
      throw e;
    }
    if (entries.length === 0) return;
    this.unsaved.written(entries);
    this.changed();
  }

  /**
   * Inside the serial queue only (so every entry the heads name is applied):
   * the snapshot asked for, unless local edits are pending (not yet in an
   * entry), in which case the next commit carries it.
   */
  private async snapshotIfDue(whenChanged: WhenChanged): Promise<SnapshotWrite | undefined> {
    if (!this.snapshotWithNextCommit || this.rollingBack) return undefined;
    return this.batcher.pending > 0 ? undefined : this.takeSnapshot(whenChanged);
  }

  /**
   * Captures state, heads and the read index (read-index.ts) synchronously, then seals the pieces a
   * few per task; resets the counters. The index is written with the snapshot, at its generation.
   */
  private async takeSnapshot(whenChanged: WhenChanged): Promise<SnapshotWrite | undefined> {
    this.snapshotWithNextCommit = false;
    const { keys, space, store, options } = this.ctx;
    // Heads, index and the encoding's start in one task: no transaction lands before the last piece (snapshot-pieces.ts).
    const heads = this.content.heads();
    const index = options.readIndex?.(this.doc);
    const { snapshotLater: later, yieldTask } = options;
    const pieces = await encodePiecesInTasks(this.doc, { later, yieldTask, whenChanged });
    if (!pieces) {
      // An edit came first: the next commit, or the next quiet moment, takes it.
      this.snapshotWithNextCommit = true;
      this.snapshots.missed();
      return undefined;
    }
    const snapshot = { heads, pieces };
    const generation = store.nextGeneration();
    const record = await sealSnapshotInTasks(keys, space, snapshot, generation, options.yieldTask);
    this.snapshots.taken(record.pieces.reduce((n, p) => n + p.ciphertext.length, 0));
    const readIndex = readIndexCommit(
      await sealReadIndex(keys, space, snapshot.heads, generation, index, options.yieldTask),
    );
    return { put: [{ ref: snapshotRef(space), value: record }, ...readIndex.put], remove: readIndex.remove };
  }

  private writeSnapshotIfDue(whenChanged: WhenChanged): Promise<void> {
    return this.storeOwn({ withoutEntries: true, whenChanged });
  }

  /**
   * Compaction (ARCHITECTURE.md "Checkpoints and compaction", compaction.ts): the document's state
   * becomes the space's checkpoint, and the stored content entries it covers that every other
   * organizer's device is known to hold are deleted with the snapshot, in one transaction; so text
   * deleted in the document (expired notes) leaves the disk. Entries another organizer may still
   * need from here are kept (`compactionPending` until they are held). Pending edits are sealed
   * into an entry and stored first: the checkpoint names the heads of exactly what its state
   * holds. Returns when it is written.
   */
  async compact(): Promise<void> {
    this.live();
    await this.flush();
    await this.serial(async () => {
      if (this.batcher.pending > 0 || this.unsaved.size > 0) {
        throw new AppError('storage-failed', 'edits are still being saved: compaction waits for the next run');
      }
      await this.compaction.compact();
    });
  }

  /**
   * A signed checkpoint from a peer (checkpoint-receive.ts says what is checked), taken whole or
   * not at all. Throws the refusal's AppError; 'ignored' when it covers nothing this device lacks.
   */
  receiveCheckpoint(bytes: Uint8Array): Promise<'taken' | 'ignored'> {
    this.live();
    return this.serial(async () => {
      const taken = await this.compaction.take(bytes);
      if (taken === 'taken' && this.previewed) {
        this.previewed = undefined; // the document holds it now
        this.previewListeners.emit(undefined);
      }
      return taken;
    });
  }

  /**
   * A checkpoint's index part from a peer (sent before the checkpoint: ARCHITECTURE.md "Checkpoints
   * and compaction"), checked as its checkpoint would be (checkpoint-receive.ts): its roster index's
   * pieces, which the app shows read-only until the state is here ('shown'; `checkpointPreview`,
   * `onCheckpointPreview`), or 'ignored' when this device holds what the checkpoint covers. Kept in
   * memory only, and dropped once the checkpoint is taken. Throws the refusal's AppError; nothing
   * is stored either way.
   */
  receiveCheckpointIndex(bytes: Uint8Array): Promise<'shown' | 'ignored'> {
    this.live();
    return this.serial(async () => {
      const { space, identity } = this.ctx;
      const verdict = checkCheckpointIndex({ space, identity, access: this.access, content: this.content }, bytes);
      if (verdict.status === 'ignored') return 'ignored';
      this.previewed = verdict.pieces;
      this.previewListeners.emit(verdict.pieces);
      return 'shown';
    });
  }

  /** The roster index of an admin's checkpoint on its way (receiveCheckpointIndex), or undefined. */
  checkpointPreview(): readonly Uint8Array[] | undefined {
    return this.previewed;
  }

  /**
   * Called with a checkpoint's roster index when one is shown, and with undefined once its
   * checkpoint is taken (the document holds it); returns the unsubscribe function.
   */
  onCheckpointPreview(listener: (pieces: readonly Uint8Array[] | undefined) => void): () => void {
    return this.previewListeners.add(listener);
  }

  /** Per author, the seqs up to which this device compacted its entries away (none stored). */
  compactedBases(): Map<DeviceId, number> {
    return this.compaction.bases();
  }

  /** Whether the last compaction kept entries its checkpoint covers, for organizers not known to hold them yet. */
  compactionPending(): Promise<boolean> {
    this.live();
    return this.serial(() => this.compaction.pending());
  }

  /**
   * Replication: `peer` holds `content` and `access` (per author, highest seq) of this space
   * (peer-holdings.ts). Never more of this device's own chains than it wrote: a peer claiming seqs
   * ahead of ours would otherwise count the changes we write next as held.
   */
  peerHolds(peer: DeviceId, content: HeldSeqs, access?: HeldSeqs): void {
    const me = deviceIdOf(this.ctx.identity.signPublic);
    if (peer === me) return;
    const heads = this.heads();
    const capped = (held: HeldSeqs, log: LogKind): HeldSeqs => {
      const mine = heads[log].find((h) => h.author === me)?.seq ?? 0;
      return (held.get(me) ?? 0) > mine ? new Map(held).set(me, mine) : held;
    };
    this.ctx.holdings.set(this.ctx.space, peer, capped(content, 'content'), access && capped(access, 'access'));
  }

  /** What `peer` is known to hold of this space's content, per author. */
  heldBy(peer: DeviceId): HeldSeqs {
    return this.ctx.holdings.of(this.ctx.space, peer);
  }

  /** Called when what some device is known to hold of this space changed; returns the unsubscribe function. */
  onHeld(listener: () => void): () => void {
    return this.ctx.holdings.onChange((space) => {
      if (space === this.ctx.space) listener();
    });
  }

  /** The signed checkpoint to send a peer that lacks compacted entries, if this device holds one that covers them. */
  signedCheckpoint(): Promise<Uint8Array | undefined> {
    this.live();
    return this.compaction.readSigned();
  }

  /** Retention could not compact this space (renderer/vault/retention.ts): told in the problem stream. */
  reportRetentionFailure(error: unknown): void {
    this.ctx.report({ kind: 'retention', space: this.ctx.space, code: problemCode(error) });
  }

  /** When this space was last compacted (ms since 1970, this device's clock), or undefined: never. */
  compactedAt(): Promise<number | undefined> {
    this.live();
    return this.compaction.read().then((c) => c?.compactedAt);
  }

  /** Runs storage work one after another, so entries land in chain order. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
  }

  private live(): void {
    if (this.closed) throw new AppError('vault-locked', 'this space is closed');
  }

  /** Turns pending local edits into an entry now and waits until every entry so far is stored. */
  async flush(): Promise<void> {
    this.live();
    await this.batcher.flush();
    await this.retired;
    if (this.unsaved.size > 0) await this.writeOwn(); // earlier writes failed: try now, reject if it still fails
  }

  /** The space was idle with entries past the snapshot (SnapshotPolicy). */
  private async idleSnapshot(): Promise<void> {
    if (this.closed) return;
    try {
      await this.writeSnapshot('give-up'); // an organizer typing again goes first
    } catch {
      // Locked or closed meanwhile: close() wrote its own snapshot, or the next unlock replays the entries.
    }
  }

  /** Writes a snapshot now (with pending local edits sealed into an entry in the same transaction). */
  snapshot(): Promise<void> {
    return this.writeSnapshot('finish');
  }

  private async writeSnapshot(whenChanged: WhenChanged): Promise<void> {
    this.live();
    this.snapshotWithNextCommit = true;
    if (this.batcher.pending > 0) return this.batcher.flush();
    await this.serial(() => this.writeSnapshotIfDue(whenChanged));
  }

  /**
   * Entries from peers: each verified (signature), chained, checked against
   * the access rules and decrypted; only then stored exactly as received and
   * applied to the document. Duplicates are ignored and out-of-order entries
   * held until their predecessors arrive, so any delivery order converges.
   */
  receiveEntries(batch: readonly Uint8Array[]): Promise<ReceiveReport> {
    return this.receiveDecoded(() => decodeEntries(batch));
  }

  /**
   * The same for entries already verified by decodeEntries (a bundle is
   * checked whole before its space is joined): they are not parsed and
   * hashed again. Report indexes are positions in `entries`.
   */
  receiveVerified(entries: readonly VerifiedEntry[]): Promise<ReceiveReport> {
    return this.receiveDecoded(() => entries.map((entry, index) => ({ index, entry })));
  }

  private receiveDecoded(decode: () => readonly DecodedEntry[]): Promise<ReceiveReport> {
    this.live();
    return this.serial(async () => {
      // Parts bounded in what they unpack to: a bundle may hold gigabytes of updates (space-receive.ts).
      // Each is taken a group per task, checked, stored and applied before the page paints again, so
      // a large space arrives without freezing the window (ARCHITECTURE.md "From disk to a peer").
      const groups = partsWithin(decode(), MAX_UNPACKED_AT_ONCE).flatMap((part) =>
        partsWithin(part, SEALED_PER_TASK_BYTES, sealedWeight),
      );
      const reports: ReceiveReport[] = [];
      for (const group of groups) {
        // Before the first group too: the batch's transport decryption and decoding were a task's work already.
        if (groups.length > 1) await (this.ctx.options.yieldTask ?? nextTask)();
        reports.push(await this.receivePart(group));
      }
      return mergeReports(reports);
    });
  }

  /** Inside the serial queue: verifies, stores and applies one group of a batch, in that order. */
  private async receivePart(decoded: readonly DecodedEntry[]): Promise<ReceiveReport> {
    const { store, space, identity } = this.ctx;
    const ctx = { store, space, identity, access: this.access, content: this.content };
    const before = this.withdrawn.boundsBefore(decoded, this.access, this.content.heads());
    const marks = { access: this.access.mark(), content: this.content.mark() };
    const { report, accepted } = await receive(ctx, decoded, this.opened);
    if (accepted.length === 0) return report;
    let withdrawn: IgnoredEntry[] = [];
    try {
      withdrawn = before ? await this.withdrawn.withdraw(before, this.access, this.content.heads()) : [];
      await store.commit({ entries: accepted.map((a) => stored(a.entry)) });
    } catch (e) {
      // Not stored: the chains go back to what is (the heads are what this device claims to hold, in
      // sync and in the next snapshot), and the sender, not acknowledged, sends the group again.
      this.access.rewind(marks.access);
      this.content.rewind(marks.content);
      if (withdrawn.length > 0) await this.rebuild(); // what was withdrawn (stored as such) leaves the document now
      throw e;
    }
    const updates = accepted.flatMap((a) => (a.update ? [a.update] : []));
    // An update Yjs threw on midway left part of itself in the document: built anew without it.
    if (withdrawn.length > 0 || !applyUpdates(this.doc, updates, REMOTE_ORIGIN)) await this.rebuild();
    const bytes = accepted.reduce((n, a) => n + a.entry.bytes.length, 0);
    const overBudget = this.snapshots.added(accepted.length, bytes);
    this.changed();
    if (overBudget) {
      this.snapshotWithNextCommit = true;
      await this.writeSnapshotIfDue('give-up');
    }
    return report;
  }

  /**
   * Replaces `doc` by one rebuilt without withdrawn entries (space-rebuild.ts),
   * inside the serial queue. Pending local edits are sealed into an entry
   * first, so nothing typed is lost; the old document is destroyed (its
   * observers removed) and onDocReplaced listeners get the new one.
   */
  private async rebuild(): Promise<void> {
    const { store, keys, space, identity, report } = this.ctx;
    const doc = await rebuildDocument(
      { store, keys, space, identity, report },
      this.access,
      this.withdrawn.ids(),
      () => {
        // A failed write of these edits leaves them in `unsaved`, which this rebuild carries over and retries.
        this.retired = Promise.all([this.retired, this.batcher.flush().catch(() => undefined)]);
        return this.unsaved.list();
      },
    );
    const old = this.current;
    this.current = doc;
    this.batcher = this.batcherFor(doc);
    old.destroy();
    this.replacedListeners.emit(doc);
    // The dropped snapshot is replaced once the queue (own entries just sealed) is through.
    this.snapshotWithNextCommit = true;
    // A snapshot is a cache: if it cannot be written now, the next one is, and unlock replays the entries meanwhile.
    void this.serial(() => this.writeSnapshotIfDue('give-up')).catch(() => undefined);
  }

  /**
   * Called with the new document when `doc` was rebuilt without entries the
   * access log withdrew (a removed device's entry that reached us before its
   * removal did). The old document is destroyed: re-read `doc`, re-attach
   * observers. Returns an unsubscribe function.
   */
  onDocReplaced(listener: (doc: Y.Doc) => void): () => void {
    return this.replacedListeners.add(listener);
  }

  /** Stored content entries left out of the document because the access log withdrew them (kept, never deleted). */
  ignoredEntries(): IgnoredEntry[] {
    return this.withdrawn.list();
  }

  /**
   * An admin action as this device: `build` is one of shared/space's builders
   * (addDevice, removeDevice, rotateKey, setRole); its entry is then taken
   * like any arriving entry (verified, applied, stored). The app's actions,
   * with their cutoffs, are in access-admin.ts.
   */
  async changeAccess(build: (access: SpaceAccess, me: DeviceIdentity) => Entry): Promise<ReceiveReport> {
    this.live();
    await this.queue.idle();
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
    return this.changeListeners.add(listener);
  }

  private changed(): void {
    this.changeListeners.emit();
  }

  /** The stored entries of one author in one log with `afterSeq` < seq <= `upToSeq`, as the exact stored bytes. */
  entriesInRange(log: LogKind, author: DeviceId, afterSeq: number, upToSeq: number): Promise<Uint8Array[]> {
    this.live();
    return entriesInRange(this.ctx, log, author, afterSeq, upToSeq);
  }

  /** Heads of both logs as this device holds them. */
  heads(): SpaceHeads {
    return { access: this.access.heads(), content: this.content.heads() };
  }

  /**
   * Stored entries a peer with heads `theirs` lacks: access log first, then
   * content, each author's in chain order, as the exact stored bytes.
   */
  entriesAfter(theirs: SpaceHeads, limit = Number.POSITIVE_INFINITY): Promise<Uint8Array[]> {
    this.live();
    return entriesAfter(this.ctx, this.heads(), theirs, limit, this.compactedBases());
  }

  /** Who authored which content entry, and when (author's clock), oldest first; entries in `known` (ids) left out. */
  history(known?: ReadonlySet<string>): Promise<HistoryItem[]> {
    this.live();
    const { store, space, identity, report } = this.ctx;
    return readHistory({ store, space, identity, access: this.access, report }, known);
  }

  /**
   * Writes pending edits, then a snapshot, and stops the document from being saved. The edits go
   * first, on their own: sealing a big document's snapshot takes seconds, and an edit shown on
   * screen must not wait for it to reach the disk (a lock followed by a crash would lose it).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.batcher.close();
      if (this.unsaved.size > 0) await this.writeOwn();
      this.snapshots.stop();
      if (this.snapshots.pending > 0) {
        this.snapshotWithNextCommit = true;
        // Closing: the snapshot that speeds up the next unlock is not given up to an edit.
        await this.serial(() => this.writeSnapshotIfDue('finish'));
      }
      await this.queue.idle();
    } finally {
      this.unsaved.stop();
      this.closed = true;
      // SECURITY.md "Key hygiene and the seized laptop": no epoch key and no decrypted update outlives the lock.
      this.access.forgetSecrets();
      for (const update of this.opened.values()) update.fill(0);
      this.opened.clear();
      this.changeListeners.clear();
      this.replacedListeners.clear();
      this.ctx.onClose();
    }
  }
}

/** A snapshot and its read index (or the removal of the old one), written together. */
interface SnapshotWrite {
  readonly put: RecordWrite[];
  readonly remove: RecordRef[];
}

function stored(entry: Entry): NewEntry {
  const h = entry.header;
  // The id is the entry's hash in base64url: decoding it costs far less than hashing the bytes again.
  return { key: entryKey(h.space, h.log, h.author, h.seq), bytes: entry.bytes, hash: fromBase64Url(entry.id) as Hash };
}
