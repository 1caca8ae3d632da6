/**
 * A space's read index: what the roster shows (members, regions, skills, attendance counts), kept
 * beside the snapshot so that the roster can be shown at unlock while the document still loads
 * (ARCHITECTURE.md "The roster's read index"). The vault does not know what is in it: the caller
 * of the vault gives a writer (VaultOptions.readIndex) that turns a document into plaintext pieces,
 * and reads the pieces back itself (shared/model/roster-index.ts, renderer/vault/roster-index.ts).
 * The vault seals, binds, stores, and decides whether the stored index may be shown (SECURITY.md
 * "At rest"):
 *
 * - it is written in the same transaction as the snapshot it describes, sealed under the snapshot
 *   subkey at that snapshot's generation; its `sealed` part holds the snapshot's heads and the piece
 *   count (as a snapshot's header), each piece is sealed with pieceAd (name, generation, place,
 *   count), so a piece swapped, dropped, reordered, or taken from an older index or another space
 *   does not open;
 * - it is shown only when it is exactly as new as the stored state: the manifest names it and the
 *   snapshot at the same generation, and no stored content entry goes past its heads. Otherwise it
 *   is not used (the space opens as before, from the snapshot and the entries);
 * - anything that replaces or drops the snapshot replaces or drops the index in the same write
 *   (snapshot writes, compaction, invalidation, a restored store, rotation, rebind), so it never
 *   holds what the snapshot no longer holds.
 */
import type * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { Sealed, SpaceId } from '../crypto';
import { AppError } from '../errors';
import type { ChainHead } from '../log/chain';
import {
  openBound,
  openPiece,
  readIndexRef,
  sealBound,
  sealPiece,
  snapshotRef,
  TamperError,
  type RecordRef,
} from '../store/binding';
import type { BoundStore, RecordWrite } from '../store/bound-store';
import { EMPTY_SPACE, type Manifest } from '../store/manifest';
import { problemCode, type StoreProblem } from '../store/problems';
import { readReadIndexRecord, type ReadIndexRecord } from '../store/records';
import { nextTask } from '../timers';
import type { MasterKeys } from './keys';
import { encodeSnapshotHeader, readSnapshotHeader } from './snapshot';

/** Plaintext bytes per piece a writer should keep under (as a snapshot's pieces: one opens per task). */
export const READ_INDEX_PIECE_BYTES = 256 * 1024;

/**
 * Called with the space's document when a snapshot captures it, in the same synchronous step, so
 * the index describes exactly the snapshot's state: it must take what it needs then. It returns one
 * function per piece (the count is sealed into every piece), each making that piece's plaintext when
 * called; they are called (and sealed) a few per task afterwards. Undefined: no index this time (the
 * stored one, describing an older state, is dropped in the same write).
 */
export type ReadIndexWriter = (doc: Y.Doc) => readonly (() => Uint8Array)[] | undefined;

/** Pieces made and sealed per task while writing. */
const PIECES_PER_STEP = 4;

/** What a snapshot write does to the index beside it: puts a new one, or removes the old one. */
export interface ReadIndexChange {
  readonly put?: RecordWrite;
  readonly remove?: RecordRef;
}

/** The index of the captured state, sealed at the snapshot's `generation`; its removal when there is none. */
export async function sealReadIndex(
  keys: MasterKeys,
  space: SpaceId,
  heads: readonly ChainHead[],
  generation: number,
  pieces: readonly (() => Uint8Array)[] | undefined,
  yieldTask: () => Promise<void> = nextTask,
): Promise<ReadIndexChange> {
  const ref = readIndexRef(space);
  if (!pieces) return { remove: ref };
  const count = pieces.length;
  const sealed: Sealed[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % PIECES_PER_STEP === 0) await yieldTask();
    sealed.push(sealPiece(keys.snapshot, ref, generation, i, count, pieces[i]!()));
  }
  const record: ReadIndexRecord = {
    v: 1,
    space,
    ...sealBound(keys.snapshot, ref, generation, encodeSnapshotHeader(heads, count)),
    pieces: sealed,
  };
  return { put: { ref, value: record } };
}

/** The change as the parts of a store commit. */
export function readIndexCommit(change: ReadIndexChange): { put: RecordWrite[]; remove: RecordRef[] } {
  return { put: change.put ? [change.put] : [], remove: change.remove ? [change.remove] : [] };
}

/** A record under the same name and generation under new keys (a master-key change: rotation.ts). */
export function resealReadIndex(
  from: MasterKeys,
  to: MasterKeys,
  record: ReadIndexRecord,
  manifest: Manifest,
): ReadIndexRecord {
  const ref = readIndexRef(record.space);
  const named = manifest.records.get(ref.name);
  const plain = openBound(from.snapshot, ref, record, named);
  const count = record.pieces.length;
  const pieces = record.pieces.map((p, i) =>
    sealPiece(
      to.snapshot,
      ref,
      record.generation,
      i,
      count,
      openPiece(from.snapshot, ref, record.generation, i, count, p),
    ),
  );
  return { ...record, ...sealBound(to.snapshot, ref, record.generation, plain), pieces };
}

/** The stored index whose pieces open one at a time, once it is known fresh. */
export interface OpenedReadIndex {
  readonly count: number;
  /** Throws TamperError('altered') for a piece the vault did not seal at this place. */
  piece(index: number): Uint8Array;
}

/**
 * Why a stored index is not used. `stale` and `none` are the ordinary cases (no snapshot since the
 * last change, or none yet); `damaged` is told as a store problem, like a snapshot that cannot be read.
 */
export type ReadIndexMiss = 'none' | 'stale' | 'damaged';

/**
 * The stored index of `space`, opened, if it is exactly as new as the stored state (see the file's
 * comment); else why not. Reads the manifest as committed: call it before the space is opened.
 */
export async function openReadIndex(
  store: BoundStore,
  keys: MasterKeys,
  space: SpaceId,
): Promise<OpenedReadIndex | ReadIndexMiss> {
  const manifest = store.manifest;
  if (!manifest) return 'none';
  const ref = readIndexRef(space);
  const named = manifest.records.get(ref.name);
  if (named === undefined) return 'none';
  // The snapshot the manifest names must be the one written with it; else it describes an older state.
  if (manifest.records.get(snapshotRef(space).name) !== named) return 'stale';
  let stored: unknown;
  try {
    stored = await store.db.get(ref.store, ref.key);
  } catch {
    return 'damaged';
  }
  if (stored === undefined) return 'none';
  try {
    const record = readReadIndexRecord(stored);
    if (record.space !== space) return 'damaged';
    const plain = openBound(keys.snapshot, ref, record, named);
    const d = decoding.createDecoder(plain);
    const { heads, count } = readSnapshotHeader(d);
    if (d.pos !== plain.length) return 'damaged';
    if (record.pieces.length !== count) return 'damaged';
    if (!covers(heads, manifest, space)) return 'stale';
    return { count, piece: (i) => openPiece(keys.snapshot, ref, record.generation, i, count, record.pieces[i]!) };
  } catch (e) {
    // An older copy put back (or one the manifest is behind) is not the state: not used, like a stale one.
    if (e instanceof TamperError && e.change === 'rolled-back') return 'stale';
    return 'damaged';
  }
}

/** Whether the heads name every content entry the manifest says is stored (none past them). */
function covers(heads: readonly ChainHead[], manifest: Manifest, space: SpaceId): boolean {
  const at = new Map(heads.map((h) => [h.author, h.seq]));
  return (manifest.spaces.get(space) ?? EMPTY_SPACE).content.every((h) => h.seq <= (at.get(h.author) ?? 0));
}

/**
 * The pieces' plaintexts, decrypted one per task, or undefined when the index is not used (a damaged
 * one reported through `report`). A piece that does not open drops the whole index: half of one is never shown.
 */
export async function readIndexPieces(
  store: BoundStore,
  keys: MasterKeys,
  space: SpaceId,
  report: (p: StoreProblem) => void,
  yieldTask: () => Promise<void> = nextTask,
): Promise<Uint8Array[] | undefined> {
  const damaged = (e?: unknown) => {
    report({ kind: 'snapshot', space, code: e === undefined ? 'vault-corrupt' : problemCode(e) });
    return undefined;
  };
  const opened = await openReadIndex(store, keys, space);
  if (opened === 'damaged') return damaged();
  if (typeof opened === 'string') return undefined;
  const pieces: Uint8Array[] = [];
  try {
    for (let i = 0; i < opened.count; i++) {
      await yieldTask();
      pieces.push(opened.piece(i));
    }
  } catch (e) {
    return damaged(e instanceof TamperError ? new AppError('vault-corrupt', e.message) : e);
  }
  return pieces;
}
