/**
 * What each object store holds, one versioned record type per store. Keys are
 * ids and sequence numbers only; every value that could say something about
 * members is sealed before it gets here.
 *
 *   entries    key [space, log, author, seq]   value EntryRecord (entry bytes exactly as received + MAC)
 *   meta       key 'vault'                      value VaultRecord
 *              key 'manifest'                   value ManifestRecord (what the vault holds: ./manifest.ts)
 *              key 'space:<id>'                 value SpaceKeysRecord
 *              key 'private:<name>'             value PrivateRecord
 *              key 'checkpoint:<space id>'      value CheckpointRecord (what compaction dropped, in parts)
 *   snapshots  key <space id>                   value SnapshotRecord (sealed merged state + heads)
 *              key 'readindex:<space id>'       value ReadIndexRecord (what the roster reads, beside the snapshot)
 *
 * Every record but the vault's root is bound to the vault (SECURITY.md "At
 * rest", ./binding.ts): an entry by a keyed MAC over its key and bytes, a
 * sealed record by its `generation`, which its associated data names and
 * the manifest must name too.
 *
 * Versions: the app is not released, so a record of an older version is
 * not migrated: its reader refuses it like any malformed record.
 * The `read*` functions check a value's shape at run time: a record that a
 * newer version wrote, or that bytes on disk mangled, becomes an AppError
 * ('vault-corrupt') that the caller reports, never a crash.
 */
import type { DeviceId, KdfParams, Sealed, SpaceId } from '../crypto';
import { AppError } from '../errors';
import type { LogKind } from '../log/entry';

export const ENTRIES = 'entries';
export const META = 'meta';
export const SNAPSHOTS = 'snapshots';
export const ALL_STORES = [ENTRIES, META, SNAPSHOTS] as const;

export type EntryKey = [space: SpaceId, log: LogKind, author: DeviceId, seq: number];

export interface EntryRecord {
  readonly v: 2;
  /** The entry's bytes as they arrived (signed, content sealed). */
  readonly bytes: Uint8Array;
  /** Keyed BLAKE2b over the record's key and the entry's hash (binding.ts). */
  readonly mac: Uint8Array;
}

export const VAULT_KEY = 'vault';
export const MANIFEST_KEY = 'manifest';
export const SPACE_KEY_PREFIX = 'space:';
export const PRIVATE_KEY_PREFIX = 'private:';
export const CHECKPOINT_KEY_PREFIX = 'checkpoint:';
/** In SNAPSHOTS, beside the space's snapshot (a space id never holds a colon). */
export const READ_INDEX_KEY_PREFIX = 'readindex:';

/** The vault's root: KDF parameters beside the salt, and the wrapped master key twice. */
export interface VaultRecord {
  readonly v: 1;
  readonly kdf: KdfParams;
  /** Master key sealed under Argon2id(passphrase). */
  readonly master: Sealed;
  /** Master key sealed under a key derived from the recovery key. */
  readonly recovery: Sealed;
  /** Device identity (signing + box key pairs) sealed under a master subkey. */
  readonly device: Sealed;
}

/**
 * A sealed record that the manifest names. `generation` is in the clear so
 * that a mismatch can be told apart (an older copy put back, or a damaged
 * one); it is also in the associated data, so changing it fails to open.
 */
export interface BoundRecord {
  readonly generation: number;
  readonly sealed: Sealed;
}

/** One space this device belongs to: its name, sealed under a master subkey. */
export interface SpaceKeysRecord extends BoundRecord {
  readonly v: 2;
  readonly space: SpaceId;
}

/**
 * Merged Yjs state of a space plus the heads it covers, sealed under the snapshot subkey: `sealed`
 * holds the heads and the number of pieces, `pieces` the state as updates, each sealed on its own
 * (binding.ts pieceAd) so that unlock decrypts and applies one at a time (shared/vault/snapshot.ts).
 */
export interface SnapshotRecord extends BoundRecord {
  readonly v: 3;
  readonly space: SpaceId;
  readonly pieces: readonly Sealed[];
}

/**
 * What a space's compacted entries held: the merged state and the heads it covers, sealed under the
 * snapshot subkey (shared/vault/checkpoint.ts): `sealed` holds its header (when it was made, the
 * heads, and which parts it has), `pieces` the state and `signed` the signed checkpoint to pass on,
 * each sealed on its own, so that unlock can check the header alone. Unlike a snapshot it is not a
 * cache: the entries it covers are gone, so it is mirrored (META) and a damaged one is a finding,
 * not a rebuild.
 */
export interface CheckpointRecord extends BoundRecord {
  readonly v: 2;
  readonly space: SpaceId;
  readonly pieces: readonly Sealed[];
  readonly signed?: Sealed;
}

/**
 * A space's read index (shared/vault/read-index.ts): what the roster shows, as opaque pieces its
 * writer made, sealed under the snapshot subkey at the generation of the snapshot written with it.
 * `sealed` holds the heads and the number of pieces (as a snapshot's), `pieces` each piece sealed on
 * its own (binding.ts pieceAd). A cache like the snapshot: unmirrored, never a finding.
 */
export interface ReadIndexRecord extends BoundRecord {
  readonly v: 1;
  readonly space: SpaceId;
  readonly pieces: readonly Sealed[];
}

/** A small private record of another module (vault.putPrivate), sealed under a master subkey. */
export interface PrivateRecord extends BoundRecord {
  readonly v: 1;
}

/** The manifest, sealed under a master subkey (./manifest.ts). */
export interface ManifestRecord {
  readonly v: 1;
  readonly sealed: Sealed;
}

// ------------------------------------------------------------------ readers

function corrupt(what: string): AppError {
  return new AppError('vault-corrupt', `${what} record is malformed`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

function readSealed(v: unknown, what: string): Sealed {
  if (!isObject(v) || !isBytes(v.nonce) || v.nonce.length !== 24 || !isBytes(v.ciphertext)) throw corrupt(what);
  return { nonce: v.nonce, ciphertext: v.ciphertext };
}

export function readEntryRecord(v: unknown): EntryRecord {
  if (!isObject(v) || v.v !== 2 || !isBytes(v.bytes) || !isBytes(v.mac) || v.mac.length !== 32) throw corrupt('entry');
  return { v: 2, bytes: v.bytes, mac: v.mac };
}

function readGeneration(v: Record<string, unknown>, what: string): number {
  const g = v.generation;
  if (typeof g !== 'number' || !Number.isSafeInteger(g) || g < 1) throw corrupt(what);
  return g;
}

export function readVaultRecord(v: unknown): VaultRecord {
  if (!isObject(v) || v.v !== 1 || !isObject(v.kdf)) throw corrupt('vault');
  const k = v.kdf;
  if (
    k.algorithm !== 'argon2id13' ||
    !isBytes(k.salt) ||
    typeof k.opsLimit !== 'number' ||
    typeof k.memLimit !== 'number'
  ) {
    throw corrupt('vault');
  }
  return {
    v: 1,
    kdf: { algorithm: 'argon2id13', salt: k.salt, opsLimit: k.opsLimit, memLimit: k.memLimit },
    master: readSealed(v.master, 'vault'),
    recovery: readSealed(v.recovery, 'vault'),
    device: readSealed(v.device, 'vault'),
  };
}

export function readSpaceKeysRecord(v: unknown): SpaceKeysRecord {
  if (!isObject(v) || v.v !== 2 || typeof v.space !== 'string') throw corrupt('space keys');
  const generation = readGeneration(v, 'space keys');
  return { v: 2, space: v.space as SpaceId, generation, sealed: readSealed(v.sealed, 'space keys') };
}

export function readSnapshotRecord(v: unknown): SnapshotRecord {
  if (!isObject(v) || v.v !== 3 || typeof v.space !== 'string' || !Array.isArray(v.pieces)) throw corrupt('snapshot');
  const generation = readGeneration(v, 'snapshot');
  const pieces = (v.pieces as unknown[]).map((p) => readSealed(p, 'snapshot'));
  return { v: 3, space: v.space as SpaceId, generation, sealed: readSealed(v.sealed, 'snapshot'), pieces };
}

export function readReadIndexRecord(v: unknown): ReadIndexRecord {
  if (!isObject(v) || v.v !== 1 || typeof v.space !== 'string' || !Array.isArray(v.pieces)) throw corrupt('read index');
  const generation = readGeneration(v, 'read index');
  const pieces = (v.pieces as unknown[]).map((p) => readSealed(p, 'read index'));
  return { v: 1, space: v.space as SpaceId, generation, sealed: readSealed(v.sealed, 'read index'), pieces };
}

export function readCheckpointRecord(v: unknown): CheckpointRecord {
  if (!isObject(v) || v.v !== 2 || typeof v.space !== 'string' || !Array.isArray(v.pieces)) throw corrupt('checkpoint');
  const generation = readGeneration(v, 'checkpoint');
  const pieces = (v.pieces as unknown[]).map((p) => readSealed(p, 'checkpoint'));
  const signed = v.signed === undefined ? {} : { signed: readSealed(v.signed, 'checkpoint') };
  return { v: 2, space: v.space as SpaceId, generation, sealed: readSealed(v.sealed, 'checkpoint'), pieces, ...signed };
}

export function readPrivateRecord(v: unknown): PrivateRecord {
  if (!isObject(v) || v.v !== 1) throw corrupt('private');
  return { v: 1, generation: readGeneration(v, 'private'), sealed: readSealed(v.sealed, 'private') };
}

export function readManifestRecord(v: unknown): ManifestRecord {
  if (!isObject(v) || v.v !== 1) throw corrupt('manifest');
  return { v: 1, sealed: readSealed(v.sealed, 'manifest') };
}

export function spaceKeysKey(space: SpaceId): string {
  return SPACE_KEY_PREFIX + space;
}

export function privateKey(name: string): string {
  return PRIVATE_KEY_PREFIX + name;
}
