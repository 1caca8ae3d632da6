/**
 * The local snapshot of a space, for fast unlock: the merged Yjs state plus,
 * for each author, the last content entry it includes. Unlock decrypts it
 * and applies only entries past those heads.
 *
 * Plaintext (sealed under the vault's snapshot subkey, space id in the AD):
 *   version u8 | head count | (author string | seq | hash 32B)* | flags u8 | state
 * Flag bit 0: state deflated.
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
import { inflateSync } from 'fflate';
import { open, seal, utf8Encode, type DeviceId, type Hash, type SpaceId } from '../crypto';
import { AppError } from '../errors';
import type { ChainHead } from '../log/chain';
import type { SnapshotRecord } from '../store/records';
import type { MasterKeys } from './keys';

const SNAPSHOT_VERSION = 1;
const DEFLATED = 1;

export interface Snapshot {
  /** Content-log heads whose entries the state includes. */
  readonly heads: readonly ChainHead[];
  /** Y.encodeStateAsUpdate of the space document. */
  readonly state: Uint8Array;
}

function snapshotAd(space: SpaceId): Uint8Array {
  return utf8Encode(`sealed-roster/vault/snapshot/v1/${space}`);
}

export function sealSnapshot(keys: MasterKeys, space: SpaceId, snapshot: Snapshot): SnapshotRecord {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, SNAPSHOT_VERSION);
  encoding.writeVarUint(e, snapshot.heads.length);
  for (const head of snapshot.heads) {
    encoding.writeVarString(e, head.author);
    encoding.writeVarUint(e, head.seq);
    encoding.writeUint8Array(e, head.hash);
  }
  encoding.writeUint8(e, 0);
  encoding.writeUint8Array(e, snapshot.state);
  return { v: 1, space, sealed: seal(keys.snapshot, encoding.toUint8Array(e), snapshotAd(space)) };
}

/** Throws AppError('decrypt-failed' | 'vault-corrupt'). */
export function openSnapshot(keys: MasterKeys, space: SpaceId, record: SnapshotRecord): Snapshot {
  if (record.space !== space) throw new AppError('vault-corrupt', 'snapshot names another space');
  const plain = open(keys.snapshot, record.sealed, snapshotAd(space));
  try {
    const d = decoding.createDecoder(plain);
    if (decoding.readUint8(d) !== SNAPSHOT_VERSION) throw new AppError('vault-corrupt', 'unknown snapshot version');
    const heads: ChainHead[] = [];
    const count = decoding.readVarUint(d);
    for (let i = 0; i < count; i++) {
      const author = decoding.readVarString(d) as DeviceId;
      const seq = decoding.readVarUint(d);
      heads.push({ author, seq, hash: decoding.readUint8Array(d, 32).slice() as Hash });
    }
    const flags = decoding.readUint8(d);
    const rest = plain.subarray(d.pos);
    return { heads, state: flags & DEFLATED ? inflateSync(rest) : rest };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('vault-corrupt', 'snapshot is malformed');
  }
}

/** The same snapshot sealed under `to` instead of `from` (a new master key). Throws AppError('decrypt-failed'). */
export function resealSnapshot(from: MasterKeys, to: MasterKeys, record: SnapshotRecord): SnapshotRecord {
  const ad = snapshotAd(record.space);
  return { ...record, sealed: seal(to.snapshot, open(from.snapshot, record.sealed, ad), ad) };
}
