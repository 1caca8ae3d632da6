/**
 * What replication needs of one space (ARCHITECTURE.md "The space handle and who depends on what"):
 * its heads, its stored entries in a range, a way in for a peer's entries, news of new entries, and
 * who is a member. The vault's `SpaceHandle` is one; a test can hold a space in memory instead
 * (test/shared/sync/memory-replica.ts), with no vault and no IndexedDB.
 */
import type { DeviceId, SpaceId } from '../crypto';
import type { LogKind } from '../log/entry';
import type { SpaceAccess } from '../space';
import type { ReceiveReport, SpaceHeads } from '../vault';

/**
 * Membership as replication reads it: a member's role, the access entries a peer lacks (in causal
 * order), and the ordered log a removal is found in (problems.ts `removalOf`). Read only.
 */
export type ReplicaAccess = Pick<SpaceAccess, 'roleOf' | 'view' | 'entriesMissingFrom'>;

export interface Replica {
  readonly id: SpaceId;
  readonly access: ReplicaAccess;
  /** Per-author heads of both logs, as this device holds them. */
  heads(): SpaceHeads;
  /** The stored entries of one author in one log with `afterSeq` < seq <= `upToSeq`, as the exact stored bytes. */
  entriesInRange(log: LogKind, author: DeviceId, afterSeq: number, upToSeq: number): Promise<Uint8Array[]>;
  /**
   * A peer's entries: each checked (signature, chain, access rules, decryption) before it is stored;
   * what was not taken is in the report. Rejects when the space was closed meanwhile.
   */
  receiveEntries(batch: readonly Uint8Array[]): Promise<ReceiveReport>;
  /**
   * Checkpoints (ARCHITECTURE.md "Checkpoints and compaction"; a replica without them never
   * compacts): per author, the seqs compacted away here; the signed checkpoint to send a peer
   * that lacks them, if this device holds one; and a peer's, checked before it is taken (throws
   * the refusal's AppError).
   */
  compactedBases?(): ReadonlyMap<DeviceId, number>;
  signedCheckpoint?(): Promise<Uint8Array | undefined>;
  receiveCheckpoint?(bytes: Uint8Array): Promise<'taken' | 'ignored'>;
  /** A checkpoint's index part, sent before it: checked as the checkpoint would be, then shown (not stored). */
  receiveCheckpointIndex?(bytes: Uint8Array): Promise<'shown' | 'ignored'>;
  /**
   * What a member's device holds of this space, per log and author (its heads, then each batch it
   * acknowledged): compaction keeps what it lacks, and the sync panel counts this device's changes
   * it does not hold yet (shared/vault/peer-holdings.ts).
   */
  peerHolds?(peer: DeviceId, content: ReadonlyMap<DeviceId, number>, access?: ReadonlyMap<DeviceId, number>): void;
  /** Called after new entries were stored (local or from any peer); returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}
