/**
 * What each object store holds, one versioned record type per store. Keys are
 * ids and sequence numbers only; every value that could say something about
 * members is sealed before it gets here.
 *
 *   entries    key [space, log, author, seq]   value EntryRecord (entry bytes exactly as received)
 *   meta       key 'vault' | 'space:<id>'       value VaultRecord | SpaceKeysRecord
 *   snapshots  key <space id>                   value SnapshotRecord (sealed merged state + heads)
 *
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
  readonly v: 1;
  /** The entry's bytes as they arrived (signed, content sealed). */
  readonly bytes: Uint8Array;
}

export const VAULT_KEY = 'vault';
export const SPACE_KEY_PREFIX = 'space:';

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

/** One space this device belongs to: its name and epoch keys, sealed under a master subkey. */
export interface SpaceKeysRecord {
  readonly v: 1;
  readonly space: SpaceId;
  readonly sealed: Sealed;
}

/** Merged Yjs state of a space plus the heads it covers, sealed under the snapshot subkey. */
export interface SnapshotRecord {
  readonly v: 1;
  readonly space: SpaceId;
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
  if (!isObject(v) || v.v !== 1 || !isBytes(v.bytes)) throw corrupt('entry');
  return { v: 1, bytes: v.bytes };
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
  if (!isObject(v) || v.v !== 1 || typeof v.space !== 'string') throw corrupt('space keys');
  return { v: 1, space: v.space as SpaceId, sealed: readSealed(v.sealed, 'space keys') };
}

export function readSnapshotRecord(v: unknown): SnapshotRecord {
  if (!isObject(v) || v.v !== 1 || typeof v.space !== 'string') throw corrupt('snapshot');
  return { v: 1, space: v.space as SpaceId, sealed: readSealed(v.sealed, 'snapshot') };
}

export function spaceKeysKey(space: SpaceId): string {
  return SPACE_KEY_PREFIX + space;
}
