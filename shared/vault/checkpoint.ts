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
 * Plaintext (sealed under the vault's snapshot subkey, bound to the space and the generation the
 * manifest names, SECURITY.md "At rest"):
 *   version u8 | compactedAt var-uint (ms since 1970, this device's clock) | signed var-bytes (empty: none)
 *   | snapshot encoding (snapshot.ts)
 * `signed` is a signed checkpoint (log/checkpoint-entry.ts) covering exactly what was compacted, made
 * here by an admin's device or received from one: what peers that lack the compacted entries get.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SpaceId } from '../crypto';
import { AppError } from '../errors';
import { checkpointRef, openBound, sealBound, TamperError } from '../store/binding';
import type { BoundStore } from '../store/bound-store';
import { readCheckpointRecord, type CheckpointRecord } from '../store/records';
import type { MasterKeys } from './keys';
import { decodeSnapshot, encodeSnapshot, type Snapshot } from './snapshot';

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
  encoding.writeUint8Array(e, encodeSnapshot(checkpoint));
  const plain = encoding.toUint8Array(e);
  return { v: 1, space, ...sealBound(keys.snapshot, checkpointRef(space), generation, plain) };
}

/**
 * `named`: the generation the manifest names. Throws TamperError (not the checkpoint the vault
 * last wrote), AppError('vault-corrupt' | 'over-compressed').
 */
export function openCheckpoint(
  keys: MasterKeys,
  space: SpaceId,
  record: CheckpointRecord,
  named: number | undefined,
): Checkpoint {
  if (record.space !== space) throw new AppError('vault-corrupt', 'checkpoint names another space');
  const plain = openBound(keys.snapshot, checkpointRef(space), record, named);
  let compactedAt: number, signed: Uint8Array, rest: Uint8Array;
  try {
    const d = decoding.createDecoder(plain);
    if (decoding.readUint8(d) !== CHECKPOINT_VERSION) throw new AppError('vault-corrupt', 'unknown checkpoint version');
    compactedAt = decoding.readVarUint(d);
    signed = decoding.readVarUint8Array(d);
    rest = plain.subarray(d.pos);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('vault-corrupt', 'checkpoint is malformed');
  }
  return { compactedAt, ...(signed.length > 0 ? { signed: signed.slice() } : {}), ...decodeSnapshot(rest) };
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
