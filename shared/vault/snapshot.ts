/**
 * The local snapshot of a space, for fast unlock: the merged Yjs state plus,
 * for each author, the last content entry it includes. Unlock decrypts it
 * and applies only entries past those heads.
 *
 * Plaintext (sealed under the vault's snapshot subkey; the AD names the
 * space and the record's generation, which the manifest must name too, so an
 * older snapshot put back does not open: SECURITY.md "At rest"):
 *   version u8 | head count | (author string | seq | hash 32B)* | flags u8 | [size var-uint] | state
 * Flag bit 0: state deflated, unpacking to `size` bytes (checked against
 * MAX_UNPACKED_SNAPSHOT before inflating, log/inflate.ts).
 *
 * Snapshots are NOT deflated (entries are: see shared/log/content-payload.ts).
 * Measured on the 10k-member chapter (41 MB of Yjs state): inflating took
 * 1.5-4 s at every unlock and deflating 2.3 s at every snapshot, on the UI
 * thread, pushing unlock to ~1.6x the plaintext baseline; uncompressed, unlock
 * is within a few % of it and bytes at rest stay ~1.2x (state once plain +
 * entries deflated ~5x). Reading still accepts the flag.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DeviceId, Hash, SpaceId } from '../crypto';
import { AppError } from '../errors';
import type { ChainHead } from '../log/chain';
import { inflateExactly, type InflateLimit } from '../log/inflate';
import { openBound, sealBound, snapshotRef } from '../store/binding';
import type { SnapshotRecord } from '../store/records';
import type { MasterKeys } from './keys';

const SNAPSHOT_VERSION = 2;
const DEFLATED = 1;

/** A whole space's state may be large (41 MB for the 10k-member chapter); deflate shrinks it about 5x. */
export const MAX_UNPACKED_SNAPSHOT: InflateLimit = {
  maxBytes: 1024 * 1024 * 1024,
  maxRatio: 64,
  ratioFloor: 64 * 1024,
};

export interface Snapshot {
  /** Content-log heads whose entries the state includes. */
  readonly heads: readonly ChainHead[];
  /** Y.encodeStateAsUpdate of the space document. */
  readonly state: Uint8Array;
}

/** The plaintext; `deflated` (tests only: the app writes states plain) is the state deflated, unpacking to `size`. */
export function encodeSnapshot(
  snapshot: Snapshot,
  deflated?: { readonly data: Uint8Array; readonly size: number },
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, SNAPSHOT_VERSION);
  encoding.writeVarUint(e, snapshot.heads.length);
  for (const head of snapshot.heads) {
    encoding.writeVarString(e, head.author);
    encoding.writeVarUint(e, head.seq);
    encoding.writeUint8Array(e, head.hash);
  }
  encoding.writeUint8(e, deflated ? DEFLATED : 0);
  if (deflated) encoding.writeVarUint(e, deflated.size);
  encoding.writeUint8Array(e, deflated ? deflated.data : snapshot.state);
  return encoding.toUint8Array(e);
}

/** `generation`: from the store's nextGeneration(). */
export function sealSnapshot(keys: MasterKeys, space: SpaceId, snapshot: Snapshot, generation: number): SnapshotRecord {
  return sealSnapshotPlain(keys, space, encodeSnapshot(snapshot), generation);
}

export function sealSnapshotPlain(
  keys: MasterKeys,
  space: SpaceId,
  plain: Uint8Array,
  generation: number,
): SnapshotRecord {
  return { v: 2, space, ...sealBound(keys.snapshot, snapshotRef(space), generation, plain) };
}

/**
 * `named`: the generation the manifest names. Throws TamperError (not the
 * snapshot the vault last wrote), AppError('vault-corrupt' | 'over-compressed').
 */
export function openSnapshot(
  keys: MasterKeys,
  space: SpaceId,
  record: SnapshotRecord,
  named: number | undefined,
): Snapshot {
  if (record.space !== space) throw new AppError('vault-corrupt', 'snapshot names another space');
  return decodeSnapshot(openBound(keys.snapshot, snapshotRef(space), record, named));
}

/** The plaintext of encodeSnapshot. Throws AppError('vault-corrupt' | 'over-compressed'). */
export function decodeSnapshot(plain: Uint8Array): Snapshot {
  let heads: ChainHead[], flags: number, size: number, rest: Uint8Array;
  try {
    const d = decoding.createDecoder(plain);
    if (decoding.readUint8(d) !== SNAPSHOT_VERSION) throw new AppError('vault-corrupt', 'unknown snapshot version');
    heads = [];
    const count = decoding.readVarUint(d);
    for (let i = 0; i < count; i++) {
      const author = decoding.readVarString(d) as DeviceId;
      const seq = decoding.readVarUint(d);
      heads.push({ author, seq, hash: decoding.readUint8Array(d, 32).slice() as Hash });
    }
    flags = decoding.readUint8(d);
    size = flags & DEFLATED ? decoding.readVarUint(d) : 0;
    rest = plain.subarray(d.pos);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('vault-corrupt', 'snapshot is malformed');
  }
  if (!(flags & DEFLATED)) return { heads, state: rest };
  return { heads, state: inflateExactly(rest, size, MAX_UNPACKED_SNAPSHOT, 'a snapshot', 'vault-corrupt') };
}
