/**
 * Compaction of one open space (ARCHITECTURE.md "Checkpoints and compaction"): writing its local
 * checkpoint (checkpoint.ts) and dropping the entries it covers, here or on a peer's signed
 * checkpoint (checkpoint-receive.ts), and which signed checkpoint it keeps to send peers that lack
 * what it dropped. The space handle calls it inside its storage queue.
 */
import * as Y from 'yjs';
import { deviceIdOf, type DeviceId, type DeviceIdentity, type SpaceId } from '../crypto';
import { AppError, isAppError } from '../errors';
import type { ChainAcceptor, ChainHead } from '../log/chain';
import { checkpointContentHeads, createCheckpointEntry } from '../log/checkpoint-entry';
import type { SpaceAccess } from '../space';
import { checkpointRef, snapshotRef } from '../store/binding';
import type { BoundStore, Change } from '../store/bound-store';
import { applyUpdates } from './apply-updates';
import { readStoredCheckpoint, readStoredSignedCheckpoint, sealCheckpoint, type Checkpoint } from './checkpoint';
import { checkCheckpoint } from './checkpoint-receive';
import type { MasterKeys } from './keys';
import { readIndexCommit, sealReadIndex } from './read-index';
import { sealSnapshotInTasks } from './snapshot';
import { encodePiecesInTasks } from './snapshot-pieces';
import { REMOTE_ORIGIN } from './space-load';
import type { VaultOptions } from './vault';

/** What compaction reads of what other devices hold (the vault's `holdings`, peer-holdings.ts). */
export interface HeldByOthers {
  /** Per author, up to which seq every device of `others` holds the chain, never past `heads`. */
  cutoff(space: SpaceId, others: readonly DeviceId[], heads: readonly ChainHead[]): Map<DeviceId, number>;
}

export interface CompactionContext {
  readonly store: BoundStore;
  readonly keys: MasterKeys;
  readonly identity: DeviceIdentity;
  readonly space: SpaceId;
  readonly now: () => number;
  readonly access: SpaceAccess;
  readonly content: ChainAcceptor;
  readonly holdings: HeldByOthers;
  /** How the snapshot written with the checkpoint is cut into pieces and sealed (as the handle's). */
  readonly options: Pick<VaultOptions, 'snapshotLater' | 'yieldTask' | 'readIndex' | 'checkpointIndex'>;
}

/** What the space handle lends: its current document, its rebuild, and news of a snapshot written with the checkpoint (its size). */
export interface CompactionHooks {
  doc(): Y.Doc;
  rebuild(): Promise<void>;
  written(bytes: number): void;
}

export class SpaceCompaction {
  constructor(
    private readonly ctx: CompactionContext,
    private readonly hooks: CompactionHooks,
  ) {}

  /**
   * Inside the storage queue, with no edit pending: the whole document becomes the checkpoint, and
   * the entries it covers are dropped up to what every other current organizer's device is known
   * to hold (SECURITY.md "Checkpoints, compaction and retention"). The rest stay, the expired text
   * with them, until a later compaction once they are held (`pending`).
   */
  async compact(): Promise<void> {
    const { access, identity, space, content, holdings } = this.ctx;
    const heads = content.heads();
    const compactedAt = this.ctx.now();
    // Made once for both: the local read index and the signed checkpoint's roster index (an admin's).
    const { checkpointIndex, readIndex } = this.ctx.options;
    const index = access.canAdminister(deviceIdOf(identity.signPublic))
      ? (checkpointIndex ?? readIndex)?.(this.hooks.doc())?.map((piece) => piece())
      : undefined;
    const signed = signCheckpoint(access, identity, space, heads, this.hooks.doc(), compactedAt, index);
    const pieces = await this.pieces();
    const me = deviceIdOf(identity.signPublic);
    const others = access
      .members()
      .map((m) => m.card.id as DeviceId)
      .filter((d) => d !== me);
    const upTo = holdings.cutoff(space, others, heads);
    // A non-admin keeps the admin's checkpoint it took while it still covers every base, to pass on.
    const bases = this.bases();
    for (const [author, seq] of upTo) bases.set(author, Math.max(seq, bases.get(author) ?? 0));
    const kept = signed ?? (await this.read())?.signed;
    const passOn = kept && coversBases(kept, bases) ? kept : undefined;
    const pieceWriters = index ? index.map((piece) => () => piece) : this.index();
    await this.write({ heads, pieces, compactedAt, ...(passOn ? { signed: passOn } : {}) }, pieceWriters, {
      space,
      upTo,
    });
  }

  /** Whether the stored checkpoint covers entries still kept here (dropped by a later compaction). */
  async pending(): Promise<boolean> {
    const checkpoint = await this.read();
    if (!checkpoint) return false;
    const bases = this.bases();
    return checkpoint.heads.some((h) => h.seq > (bases.get(h.author) ?? 0));
  }

  /**
   * Inside the storage queue: a peer's signed checkpoint, merged into the document, the chains it
   * covers moved to its heads, and the space compacted up to them here too, so this device never
   * asks for those entries again and can pass the checkpoint on.
   */
  async take(bytes: Uint8Array): Promise<'taken' | 'ignored'> {
    const { identity, space, access, content } = this.ctx;
    const verdict = checkCheckpoint({ space, identity, access, content }, bytes);
    if (verdict.status === 'ignored') return 'ignored';
    const mark = content.mark();
    if (!applyUpdates(this.hooks.doc(), [verdict.state], REMOTE_ORIGIN)) {
      await this.hooks.rebuild(); // Yjs threw midway: nothing of it stays
      throw new AppError('bad-entry', 'the checkpoint’s state does not apply');
    }
    for (const head of verdict.jump) content.jumpTo(head);
    const bases = this.bases();
    for (const h of verdict.jump) bases.set(h.author, Math.max(h.seq, bases.get(h.author) ?? 0));
    const signed = coversBases(bytes, bases) ? bytes.slice() : undefined;
    try {
      const heads = content.heads();
      const index = this.index();
      const pieces = await this.pieces();
      await this.write({ heads, pieces, compactedAt: this.ctx.now(), ...(signed ? { signed } : {}) }, index, {
        space,
        upTo: new Map(),
        jump: verdict.jump,
      });
    } catch (e) {
      // Not stored: neither the heads nor the document may claim it (the sender, not acknowledged, sends it again).
      content.rewind(mark);
      await this.hooks.rebuild();
      throw e;
    }
    return 'taken';
  }

  /** Per author, the seqs up to which this device compacted its entries away (none stored). */
  bases(): Map<DeviceId, number> {
    const heads = this.ctx.store.manifest?.spaces.get(this.ctx.space)?.content ?? [];
    return new Map(heads.filter((h) => h.base > 0).map((h) => [h.author, h.base]));
  }

  /** The stored signed checkpoint, or undefined (its state's pieces are not decrypted). */
  readSigned(): Promise<Uint8Array | undefined> {
    return readStoredSignedCheckpoint(this.ctx.store, this.ctx.keys, this.ctx.space);
  }

  /** The stored checkpoint, or undefined: never compacted. */
  read(): Promise<Checkpoint | undefined> {
    return readStoredCheckpoint(this.ctx.store, this.ctx.keys, this.ctx.space);
  }

  /**
   * The document's state as the snapshot's pieces (snapshot-pieces.ts), encoded once for both records,
   * a piece per task. It is the state of the moment it is called (an edit meanwhile waits for the
   * rest to be encoded: `finish`), so the heads read just before name exactly what it holds.
   */
  private pieces(): Promise<Uint8Array[]> {
    const { snapshotLater: later, yieldTask } = this.ctx.options;
    return encodePiecesInTasks(this.hooks.doc(), { later, yieldTask, whenChanged: 'finish' });
  }

  /** The read index of the document as it is now (read-index.ts), taken beside `pieces()`. */
  private index(): readonly (() => Uint8Array)[] | undefined {
    return this.ctx.options.readIndex?.(this.hooks.doc());
  }

  /**
   * The local checkpoint, with the compaction it carries and a new snapshot of the same state
   * (in pieces, sealed a few per task like the handle's) in place of the old one (older than the
   * checkpoint, it may hold what was deleted), and the read index of that state in place of the
   * old one (which may hold expired member fields), in one write: unlock goes on applying a
   * snapshot one piece per task.
   */
  private async write(
    checkpoint: Checkpoint,
    index: readonly (() => Uint8Array)[] | undefined,
    compact: NonNullable<Change['compact']>,
  ): Promise<void> {
    const { keys, space, store, options } = this.ctx;
    const record = sealCheckpoint(keys, space, checkpoint, store.nextGeneration());
    const generation = store.nextGeneration();
    const snapshot = await sealSnapshotInTasks(keys, space, checkpoint, generation, options.yieldTask);
    const readIndex = readIndexCommit(
      await sealReadIndex(keys, space, checkpoint.heads, generation, index, options.yieldTask),
    );
    await store.commit({
      put: [
        { ref: checkpointRef(space), value: record },
        { ref: snapshotRef(space), value: snapshot },
        ...readIndex.put,
      ],
      remove: readIndex.remove,
      compact,
    });
    this.hooks.written(snapshot.pieces.reduce((n, p) => n + p.ciphertext.length, 0));
  }
}

/**
 * A checkpoint of `doc`'s state signed by this device, when it is an admin (only an admin's is taken
 * by peers: checkpoint-receive.ts) and the state fits one; else undefined (compaction stays local).
 * Its state is one V1 update, as every update on the wire; it carries the read index of the same
 * state when the app gives one (a newcomer shows the roster from it first: checkpoint-entry.ts).
 */
export function signCheckpoint(
  access: SpaceAccess,
  identity: DeviceIdentity,
  space: SpaceId,
  content: readonly ChainHead[],
  doc: Y.Doc,
  at: number,
  /** The read index's pieces of the same state (read-index.ts), carried as its roster index. */
  index?: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!access.canAdminister(deviceIdOf(identity.signPublic))) return undefined;
  const state = Y.encodeStateAsUpdate(doc);
  const { epoch, key } = access.writingKey(identity);
  const make = (withIndex: readonly Uint8Array[] | undefined) =>
    createCheckpointEntry(identity, {
      space,
      epoch: { number: epoch, key },
      at,
      access: access.heads(),
      content,
      state,
      ...(withIndex ? { index: withIndex } : {}),
    }).bytes;
  try {
    return make(index);
  } catch (e) {
    if (!isAppError(e, 'bad-entry')) throw e;
  }
  // Too large with its index: without it (the newcomer's roster then waits for the state), or none at all.
  try {
    return index ? make(undefined) : undefined;
  } catch (e) {
    if (isAppError(e, 'bad-entry')) return undefined; // too large for one: peers get the entries from others
    throw e;
  }
}

/** Whether the signed checkpoint covers every compacted base, so a peer sent it and the tail misses nothing. */
export function coversBases(signed: Uint8Array, bases: ReadonlyMap<DeviceId, number>): boolean {
  const heads = new Map(checkpointContentHeads(signed).map((h) => [h.author, h.seq]));
  return [...bases].every(([author, base]) => (heads.get(author) ?? 0) >= base);
}
