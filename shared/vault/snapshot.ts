/**
 * The local snapshot of a space, for fast unlock: the merged Yjs state plus,
 * for each author, the last content entry it includes. Unlock decrypts it
 * and applies only entries past those heads.
 *
 * The state is stored in pieces (snapshot-pieces.ts: Yjs updates in format
 * V2, each applying whole, the roster's collections first, the delete set
 * last), each sealed on its own, so that unlock decrypts and applies one piece
 * per task and the window keeps painting (ARCHITECTURE.md "Where unlock time
 * goes"). Sealed under the vault's snapshot subkey; the record's `sealed`
 * part holds
 *   version u8 | head count | (author string | seq | hash 32B)* | piece count
 * with the AD naming the space and the record's generation, which the
 * manifest must name too, so an older snapshot put back does not open; each
 * piece's AD names the same and the piece's place and count, so a piece
 * swapped, dropped, reordered or taken from another snapshot does not open
 * (SECURITY.md "At rest").
 *
 * Snapshots are NOT deflated (entries are: see shared/log/content-payload.ts):
 * inflating took seconds at every unlock and deflating at every snapshot, on
 * the UI thread, and the state written plain keeps bytes at rest within the
 * target. Version 3 (pieces, V2) replaced 2 (one V1 update, optionally
 * deflated); the app is not released, so an older snapshot is not read:
 * unlock treats it as damaged and opens the space from its entries.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DeviceId, Hash, Sealed, SpaceId } from '../crypto';
import { AppError } from '../errors';
import type { ChainHead } from '../log/chain';
import { openBound, openPiece, sealBound, sealPiece, snapshotRef, TamperError } from '../store/binding';
import type { SnapshotRecord } from '../store/records';
import type { MasterKeys } from './keys';
import { nextTask } from '../timers';

const SNAPSHOT_VERSION = 3;

export interface Snapshot {
  /** Content-log heads whose entries the state includes. */
  readonly heads: readonly ChainHead[];
  /** The space document's state as V2 updates, applied in order (snapshot-pieces.ts encodePieces). */
  readonly pieces: readonly Uint8Array[];
}

/** A snapshot whose heads are read; its pieces are decrypted one at a time, when applied. */
export interface OpenedSnapshot {
  readonly heads: readonly ChainHead[];
  readonly count: number;
  /** The plaintext of piece `index`. Throws TamperError('altered') for a piece the vault did not seal there. */
  piece(index: number): Uint8Array;
}

/** The plaintext of the record's `sealed` part: the heads and the number of pieces. */
export function encodeSnapshotHeader(heads: readonly ChainHead[], count: number): Uint8Array {
  const e = encoding.createEncoder();
  writeSnapshotHeader(e, heads, count);
  return encoding.toUint8Array(e);
}

/** The header (version, heads, piece count) onto `e`; the checkpoint writes its own after it (checkpoint.ts). */
export function writeSnapshotHeader(e: encoding.Encoder, heads: readonly ChainHead[], count: number): void {
  encoding.writeUint8(e, SNAPSHOT_VERSION);
  encoding.writeVarUint(e, heads.length);
  for (const head of heads) {
    encoding.writeVarString(e, head.author);
    encoding.writeVarUint(e, head.seq);
    encoding.writeUint8Array(e, head.hash);
  }
  encoding.writeVarUint(e, count);
}

/** What writeSnapshotHeader wrote. Throws AppError('vault-corrupt') for another version; lib0's errors when cut short. */
export function readSnapshotHeader(d: decoding.Decoder): { heads: ChainHead[]; count: number } {
  if (decoding.readUint8(d) !== SNAPSHOT_VERSION) throw new AppError('vault-corrupt', 'unknown snapshot version');
  const heads: ChainHead[] = [];
  const headCount = decoding.readVarUint(d);
  for (let i = 0; i < headCount; i++) {
    const author = decoding.readVarString(d) as DeviceId;
    const seq = decoding.readVarUint(d);
    heads.push({ author, seq, hash: decoding.readUint8Array(d, 32).slice() as Hash });
  }
  return { heads, count: decoding.readVarUint(d) };
}

/** Pieces sealed per step of `sealing`: a few milliseconds of XChaCha20-Poly1305. */
const PIECES_PER_STEP = 8;

/** Seals the header, then the pieces, a step of PIECES_PER_STEP at a time. */
function* sealing(
  keys: MasterKeys,
  space: SpaceId,
  snapshot: Snapshot,
  generation: number,
): Generator<void, SnapshotRecord> {
  const ref = snapshotRef(space);
  const count = snapshot.pieces.length;
  const pieces: Sealed[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % PIECES_PER_STEP === 0) yield;
    pieces.push(sealPiece(keys.snapshot, ref, generation, i, count, snapshot.pieces[i]!));
  }
  return {
    v: 3,
    space,
    ...sealBound(keys.snapshot, ref, generation, encodeSnapshotHeader(snapshot.heads, count)),
    pieces,
  };
}

/** `generation`: from the store's nextGeneration(). In one go (a master-key change, inside its transaction). */
export function sealSnapshot(keys: MasterKeys, space: SpaceId, snapshot: Snapshot, generation: number): SnapshotRecord {
  const steps = sealing(keys, space, snapshot, generation);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** sealSnapshot with the event loop given back between steps (the snapshot writer: space-handle.ts). */
export async function sealSnapshotInTasks(
  keys: MasterKeys,
  space: SpaceId,
  snapshot: Snapshot,
  generation: number,
  yieldTask: () => Promise<void> = nextTask,
): Promise<SnapshotRecord> {
  const steps = sealing(keys, space, snapshot, generation);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldTask();
  }
}

/**
 * `named`: the generation the manifest names. Opens the heads; the pieces open
 * as they are read. Throws TamperError (not the snapshot the vault last wrote,
 * or pieces missing or added), AppError('vault-corrupt').
 */
export function openSnapshot(
  keys: MasterKeys,
  space: SpaceId,
  record: SnapshotRecord,
  named: number | undefined,
): OpenedSnapshot {
  if (record.space !== space) throw new AppError('vault-corrupt', 'snapshot names another space');
  const ref = snapshotRef(space);
  const plain = openBound(keys.snapshot, ref, record, named);
  let heads: ChainHead[];
  let count: number;
  try {
    const d = decoding.createDecoder(plain);
    ({ heads, count } = readSnapshotHeader(d));
    if (d.pos !== plain.length) throw new AppError('vault-corrupt', 'snapshot has bytes past its end');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('vault-corrupt', 'snapshot is malformed');
  }
  // The count is sealed with the heads: a piece dropped from the record or added to it is an edit.
  if (record.pieces.length !== count) throw new TamperError('altered', `${ref.name} does not hold its pieces`);
  return {
    heads,
    count,
    piece: (i) => openPiece(keys.snapshot, ref, record.generation, i, count, record.pieces[i]!),
  };
}

/** Every piece of a snapshot opens (rebind.ts keeps a snapshot only then). Throws as openSnapshot and piece(). */
export function checkSnapshot(
  keys: MasterKeys,
  space: SpaceId,
  record: SnapshotRecord,
  named: number | undefined,
): void {
  const opened = openSnapshot(keys, space, record, named);
  for (let i = 0; i < opened.count; i++) opened.piece(i);
}
