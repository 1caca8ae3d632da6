/**
 * A space's checkpoint: what its compacted entries held (ARCHITECTURE.md "Checkpoints and
 * compaction"). Compaction writes the merged state and the content heads it covers here, then
 * drops every stored content entry at or below those heads (the manifest's `base`), so text
 * deleted in the document (an expired note) leaves the disk: Yjs keeps no deleted content once
 * garbage-collected, and no entry that inserted it is kept.
 *
 * Unlike the snapshot (a cache of entries that are all kept), the checkpoint is the only copy of
 * what it covers: it is mirrored (it lives in META) and one that does not open is a tamper finding,
 * never silently replaced.
 *
 * Its state is the snapshot's: the document as Yjs V2 updates in pieces (snapshot-pieces.ts; the
 * compaction encodes them once and writes both records from them), applied in order. Unlike the
 * snapshot it is one sealed record (it is read whole only when there is no usable snapshot, or for a
 * rebuild), so each piece is not sealed on its own.
 *
 * Plaintext (sealed under the vault's snapshot subkey, bound to the space and the generation the
 * manifest names, SECURITY.md "At rest"):
 *   version u8 | compactedAt var-uint (ms since 1970, this device's clock) | signed var-bytes (empty: none)
 *   | snapshot header (snapshot.ts: its version, heads, piece count) | (piece var-bytes)*
 * `signed` is a signed checkpoint (log/checkpoint-entry.ts) covering exactly what was compacted, made
 * here by an admin's device or received from one: what peers that lack the compacted entries get
 * (its state is a V1 update, as every update on the wire).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SpaceId } from '../crypto';
import { AppError } from '../errors';
import { checkpointRef, openBound, sealBound, TamperError } from '../store/binding';
import type { BoundStore } from '../store/bound-store';
import { readCheckpointRecord, type CheckpointRecord } from '../store/records';
import type { MasterKeys } from './keys';
import { readSnapshotHeader, writeSnapshotHeader, type OpenedSnapshot, type Snapshot } from './snapshot';

const CHECKPOINT_VERSION = 1;

export interface Checkpoint extends Snapshot {
  /** When this device compacted, ms since 1970 (shown in the history view). */
  readonly compactedAt: number;
  /** The signed checkpoint to send peers that lack what was compacted, if this device holds one. */
  readonly signed?: Uint8Array;
}

export function sealCheckpoint(
  keys: MasterKeys,
  space: SpaceId,
  checkpoint: Checkpoint,
  generation: number,
): CheckpointRecord {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, CHECKPOINT_VERSION);
  encoding.writeVarUint(e, checkpoint.compactedAt);
  encoding.writeVarUint8Array(e, checkpoint.signed ?? new Uint8Array(0));
  writeSnapshotHeader(e, checkpoint.heads, checkpoint.pieces.length);
  for (const piece of checkpoint.pieces) encoding.writeVarUint8Array(e, piece);
  const plain = encoding.toUint8Array(e);
  return { v: 1, space, ...sealBound(keys.snapshot, checkpointRef(space), generation, plain) };
}

/**
 * `named`: the generation the manifest names. Throws TamperError (not the checkpoint the vault
 * last wrote), AppError('vault-corrupt').
 */
export function openCheckpoint(
  keys: MasterKeys,
  space: SpaceId,
  record: CheckpointRecord,
  named: number | undefined,
): Checkpoint {
  if (record.space !== space) throw new AppError('vault-corrupt', 'checkpoint names another space');
  const plain = openBound(keys.snapshot, checkpointRef(space), record, named);
  try {
    const d = decoding.createDecoder(plain);
    if (decoding.readUint8(d) !== CHECKPOINT_VERSION) throw new AppError('vault-corrupt', 'unknown checkpoint version');
    const compactedAt = decoding.readVarUint(d);
    const signed = decoding.readVarUint8Array(d);
    const { heads, count } = readSnapshotHeader(d);
    const pieces: Uint8Array[] = [];
    // Each piece at least its length byte: a count past what is left is malformed, not a long loop.
    if (count > plain.length - d.pos) throw new AppError('vault-corrupt', 'checkpoint is malformed');
    for (let i = 0; i < count; i++) pieces.push(decoding.readVarUint8Array(d));
    if (d.pos !== plain.length) throw new AppError('vault-corrupt', 'checkpoint has bytes past its end');
    return { compactedAt, ...(signed.length > 0 ? { signed: signed.slice() } : {}), heads, pieces };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('vault-corrupt', 'checkpoint is malformed');
  }
}

/** A checkpoint's pieces as a snapshot's are read (space-load.ts applies either, one piece per task). */
export function openedPieces(checkpoint: Checkpoint): OpenedSnapshot {
  return { heads: checkpoint.heads, count: checkpoint.pieces.length, piece: (i) => checkpoint.pieces[i]! };
}

/**
 * The stored checkpoint the manifest names (undefined: the space was never compacted). Throws as
 * openCheckpoint, and TamperError('removed') when the manifest names one that is not there.
 */
export async function readStoredCheckpoint(
  store: BoundStore,
  keys: MasterKeys,
  space: SpaceId,
): Promise<Checkpoint | undefined> {
  const ref = checkpointRef(space);
  const named = store.manifest?.records.get(ref.name);
  const stored = await store.db.get(ref.store, ref.key);
  if (stored === undefined) {
    if (named === undefined) return undefined;
    throw new TamperError('removed', `${ref.name} is missing`);
  }
  return openCheckpoint(keys, space, readCheckpointRecord(stored), named);
}
