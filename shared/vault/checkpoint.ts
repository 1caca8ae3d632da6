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
 * compaction encodes them once and writes both records from them), applied in order.
 *
 * Sealed like a snapshot, in parts, under the vault's snapshot subkey (SECURITY.md "At rest",
 * "Checkpoints, compaction and retention"): the record's `sealed` header is bound to the space and
 * the generation the manifest names, and holds
 *   version u8 | compactedAt var-uint (ms since 1970, this device's clock)
 *   | snapshot header (snapshot.ts: its version, heads, piece count) | signed u8 (1: there is one)
 *   | the nonce of each piece, then of `signed` (24 bytes each)
 * and each piece and the signed checkpoint are sealed on their own, their associated data naming
 * the record, its generation and their place. So unlock checks a checkpoint it does not read (the
 * snapshot holds its state) by opening its small header alone (`openCheckpointHeader`): an older
 * copy put back does not open under the generation named, and parts taken from another record are
 * not the ones the header names (their nonces differ). A part's bytes changed in place are found
 * when it is read.
 * `signed` is a signed checkpoint (log/checkpoint-entry.ts) covering exactly what was compacted, made
 * here by an admin's device or received from one: what peers that lack the compacted entries get
 * (its state is a V1 update, as every update on the wire).
 *
 * Version 2 (parts sealed on their own) replaced 1 (one seal); the app is not released, so a
 * version 1 record is not read: it is malformed, a finding like any checkpoint that does not open.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { bytesEqual, type Sealed, type SpaceId } from '../crypto';
import { AppError } from '../errors';
import { checkpointRef, openBound, openPiece, sealBound, sealPiece, TamperError } from '../store/binding';
import type { BoundStore } from '../store/bound-store';
import { readCheckpointRecord, type CheckpointRecord } from '../store/records';
import type { MasterKeys } from './keys';
import { readSnapshotHeader, writeSnapshotHeader, type OpenedSnapshot, type Snapshot } from './snapshot';

const CHECKPOINT_VERSION = 2;
const NONCE_BYTES = 24;

export interface Checkpoint extends Snapshot {
  /** When this device compacted, ms since 1970 (shown in the history view). */
  readonly compactedAt: number;
  /** The signed checkpoint to send peers that lack what was compacted, if this device holds one. */
  readonly signed?: Uint8Array;
}

/** A checkpoint whose header is open; its parts are decrypted when asked for. */
export interface OpenedCheckpoint extends OpenedSnapshot {
  readonly compactedAt: number;
  /** The signed checkpoint, if the record holds one. Throws TamperError('altered') as piece(). */
  signed(): Uint8Array | undefined;
}

/**
 * The parts, in order: the state's pieces, then the signed checkpoint if there is one. Each is
 * sealed as part `i` of all of them (binding.ts pieceAd), so none can move to another place.
 */
function partsOf(checkpoint: Checkpoint): Uint8Array[] {
  return checkpoint.signed ? [...checkpoint.pieces, checkpoint.signed] : [...checkpoint.pieces];
}

export function sealCheckpoint(
  keys: MasterKeys,
  space: SpaceId,
  checkpoint: Checkpoint,
  generation: number,
): CheckpointRecord {
  const ref = checkpointRef(space);
  const plain = partsOf(checkpoint);
  const parts = plain.map((part, i) => sealPiece(keys.snapshot, ref, generation, i, plain.length, part));
  const e = encoding.createEncoder();
  encoding.writeUint8(e, CHECKPOINT_VERSION);
  encoding.writeVarUint(e, checkpoint.compactedAt);
  writeSnapshotHeader(e, checkpoint.heads, checkpoint.pieces.length);
  encoding.writeUint8(e, checkpoint.signed ? 1 : 0);
  for (const part of parts) encoding.writeUint8Array(e, part.nonce);
  const header = sealBound(keys.snapshot, ref, generation, encoding.toUint8Array(e));
  const pieces = parts.slice(0, checkpoint.pieces.length);
  const signed = checkpoint.signed ? { signed: parts[parts.length - 1]! } : {};
  return { v: 2, space, ...header, pieces, ...signed };
}

/**
 * The header the manifest names (`named`: its generation), and the parts it names checked to be
 * the record's (by their nonces), without decrypting them: what unlock checks of a checkpoint it
 * does not read. Throws TamperError (not the checkpoint the vault last wrote, or parts missing,
 * added or taken from another record), AppError('vault-corrupt').
 */
export function openCheckpointHeader(
  keys: MasterKeys,
  space: SpaceId,
  record: CheckpointRecord,
  named: number | undefined,
): OpenedCheckpoint {
  if (record.space !== space) throw new AppError('vault-corrupt', 'checkpoint names another space');
  const ref = checkpointRef(space);
  const plain = openBound(keys.snapshot, ref, record, named);
  let compactedAt: number;
  let heads: OpenedSnapshot['heads'];
  let count: number;
  let nonces: Uint8Array[];
  try {
    const d = decoding.createDecoder(plain);
    if (decoding.readUint8(d) !== CHECKPOINT_VERSION) throw new AppError('vault-corrupt', 'unknown checkpoint version');
    compactedAt = decoding.readVarUint(d);
    ({ heads, count } = readSnapshotHeader(d));
    const parts = count + decoding.readUint8(d);
    // Each nonce takes its bytes: a count past what is left is malformed, not a long loop.
    if (parts * NONCE_BYTES !== plain.length - d.pos) throw new AppError('vault-corrupt', 'checkpoint is malformed');
    nonces = Array.from({ length: parts }, () => decoding.readUint8Array(d, NONCE_BYTES));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('vault-corrupt', 'checkpoint is malformed');
  }
  // The parts are sealed with the header by their nonces: one dropped, added or put back from another record is an edit.
  const parts: readonly Sealed[] = record.signed ? [...record.pieces, record.signed] : record.pieces;
  if (parts.length !== nonces.length || parts.some((part, i) => !bytesEqual(part.nonce, nonces[i]!))) {
    throw new TamperError('altered', `${ref.name} does not hold its parts`);
  }
  const part = (i: number) => openPiece(keys.snapshot, ref, record.generation, i, parts.length, parts[i]!);
  return {
    compactedAt,
    heads,
    count,
    piece: part,
    signed: () => (record.signed ? part(count) : undefined),
  };
}

/**
 * `named`: the generation the manifest names. The whole checkpoint, every part decrypted. Throws
 * as openCheckpointHeader, and TamperError('altered') for a part that does not open.
 */
export function openCheckpoint(
  keys: MasterKeys,
  space: SpaceId,
  record: CheckpointRecord,
  named: number | undefined,
): Checkpoint {
  const opened = openCheckpointHeader(keys, space, record, named);
  const pieces = Array.from({ length: opened.count }, (_, i) => opened.piece(i));
  const signed = opened.signed();
  return { compactedAt: opened.compactedAt, heads: opened.heads, pieces, ...(signed ? { signed } : {}) };
}

/**
 * The stored checkpoint the manifest names (undefined: the space was never compacted). Throws as
 * openCheckpoint, and TamperError('removed') when the manifest names one that is not there. The
 * record and the manifest are read with no write between them (a compaction writing meanwhile
 * would look like tampering).
 */
export async function readStoredCheckpoint(
  store: BoundStore,
  keys: MasterKeys,
  space: SpaceId,
): Promise<Checkpoint | undefined> {
  const read = await readRecord(store, space);
  return read && openCheckpoint(keys, space, read.record, read.named);
}

/**
 * Only the signed checkpoint of the stored one (what replication sends), its header checked as
 * openCheckpoint's and no piece of the state decrypted; undefined when there is none. Throws as
 * readStoredCheckpoint.
 */
export async function readStoredSignedCheckpoint(
  store: BoundStore,
  keys: MasterKeys,
  space: SpaceId,
): Promise<Uint8Array | undefined> {
  const read = await readRecord(store, space);
  return read && openCheckpointHeader(keys, space, read.record, read.named).signed();
}

async function readRecord(
  store: BoundStore,
  space: SpaceId,
): Promise<{ record: CheckpointRecord; named: number | undefined } | undefined> {
  const ref = checkpointRef(space);
  const { named, stored } = await store.exclusive(async () => ({
    named: store.manifest?.records.get(ref.name),
    stored: await store.db.get(ref.store, ref.key),
  }));
  if (stored === undefined) {
    if (named === undefined) return undefined;
    throw new TamperError('removed', `${ref.name} is missing`);
  }
  return { record: readCheckpointRecord(stored), named };
}
