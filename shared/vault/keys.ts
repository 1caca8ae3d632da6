/**
 * The vault's key hierarchy:
 *
 *   Argon2id(passphrase, params beside the salt) ─┐
 *   hash(recovery key) ───────────────────────────┴─ each wraps ─► master key (random)
 *   master key ─ subkey 'vault/meta'      ─► device identity, the manifest, each space's name, private records
 *   (epoch keys are sealed to the device in each space's access log)
 *              ─ subkey 'vault/snapshot'  ─► local snapshots
 *              ─ subkey 'vault/entry-mac' ─► the MAC binding each stored entry to its place (store/binding.ts)
 *
 * Changing the passphrase re-wraps the master key only; nothing below it moves.
 * Replacing the master key seals every record below it again, MACs every entry again and
 * seals the manifest again, in one transaction (rotation.ts).
 * Every sealed value carries associated data naming what it is (which space,
 * which record) and, for records the manifest names, their generation: a
 * record cannot be swapped for another one, nor for an older copy of itself
 * (SECURITY.md "At rest").
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  deriveSubkey,
  newSymmetricKey,
  open,
  seal,
  utf8Encode,
  type BoxPublicKey,
  type BoxSecretKey,
  type DeviceIdentity,
  type Sealed,
  type SigningPublicKey,
  type SigningSecretKey,
  type SpaceId,
  type SymmetricKey,
} from '../crypto';
import { AppError } from '../errors';
import { openBound, privateRef, sealBound, spaceKeysRef } from '../store/binding';
import type { BoundKeys } from '../store/bound-store';
import { readPrivateRecord, type PrivateRecord, type SpaceKeysRecord } from '../store/records';

// Built on use: libsodium is not ready when modules load.
const MASTER_AD = (): Uint8Array => utf8Encode('sealed-roster/vault/master/v1');
const DEVICE_AD = (): Uint8Array => utf8Encode('sealed-roster/vault/device/v1');

export interface MasterKeys {
  readonly master: SymmetricKey;
  readonly meta: SymmetricKey;
  readonly snapshot: SymmetricKey;
  readonly entryMac: SymmetricKey;
}

export function newMasterKeys(): MasterKeys {
  return masterKeysOf(newSymmetricKey());
}

export function masterKeysOf(master: SymmetricKey): MasterKeys {
  return {
    master,
    meta: deriveSubkey(master, 'vault/meta'),
    snapshot: deriveSubkey(master, 'vault/snapshot'),
    entryMac: deriveSubkey(master, 'vault/entry-mac'),
  };
}

/** The keys the store binds records with. */
export function boundKeysOf(keys: MasterKeys): BoundKeys {
  return { entries: keys.entryMac, manifest: keys.meta };
}

export function wrapMaster(wrappingKey: SymmetricKey, keys: MasterKeys): Sealed {
  return seal(wrappingKey, keys.master, MASTER_AD());
}

/** Throws AppError('decrypt-failed') when the wrapping key is not the one used. */
export function unwrapMaster(wrappingKey: SymmetricKey, wrapped: Sealed): MasterKeys {
  const master = open(wrappingKey, wrapped, MASTER_AD());
  if (master.length !== 32) throw new AppError('vault-corrupt', 'master key has the wrong length');
  return masterKeysOf(master as SymmetricKey);
}

// ------------------------------------------------------------------ device identity

export function sealDevice(keys: MasterKeys, identity: DeviceIdentity): Sealed {
  const e = encoding.createEncoder();
  encoding.writeVarUint8Array(e, identity.signPublic);
  encoding.writeVarUint8Array(e, identity.signSecret);
  encoding.writeVarUint8Array(e, identity.boxPublic);
  encoding.writeVarUint8Array(e, identity.boxSecret);
  return seal(keys.meta, encoding.toUint8Array(e), DEVICE_AD());
}

export function openDevice(keys: MasterKeys, sealed: Sealed): DeviceIdentity {
  const d = decoding.createDecoder(open(keys.meta, sealed, DEVICE_AD()));
  try {
    return {
      signPublic: decoding.readVarUint8Array(d).slice() as SigningPublicKey,
      signSecret: decoding.readVarUint8Array(d).slice() as SigningSecretKey,
      boxPublic: decoding.readVarUint8Array(d).slice() as BoxPublicKey,
      boxSecret: decoding.readVarUint8Array(d).slice() as BoxSecretKey,
    };
  } catch {
    throw new AppError('vault-corrupt', 'device identity is malformed');
  }
}

// ------------------------------------------------------------------ space secrets

/** What this device keeps about a space it belongs to (keys come from the access log). */
export interface SpaceSecrets {
  readonly name: string;
}

export function sealSpaceSecrets(
  keys: MasterKeys,
  space: SpaceId,
  secrets: SpaceSecrets,
  generation: number,
): SpaceKeysRecord {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, secrets.name);
  return { v: 2, space, ...sealBound(keys.meta, spaceKeysRef(space), generation, encoding.toUint8Array(e)) };
}

/** `named`: the generation the manifest names. Throws TamperError, AppError('vault-corrupt'). */
export function openSpaceSecrets(
  keys: MasterKeys,
  space: SpaceId,
  record: SpaceKeysRecord,
  named: number | undefined,
): SpaceSecrets {
  if (record.space !== space) throw new AppError('vault-corrupt', 'space record names another space');
  const d = decoding.createDecoder(openBound(keys.meta, spaceKeysRef(space), record, named));
  try {
    return { name: decoding.readVarString(d) };
  } catch {
    throw new AppError('vault-corrupt', 'space record is malformed');
  }
}

// ------------------------------------------------------------------ private records

export function sealPrivate(keys: MasterKeys, name: string, value: Uint8Array, generation: number): PrivateRecord {
  return { v: 1, ...sealBound(keys.meta, privateRef(name), generation, value) };
}

/**
 * `named`: the generation the manifest names. Throws AppError('vault-corrupt')
 * for a value that is not a private record, TamperError for one that is not
 * the one the vault last wrote under this name.
 */
export function openPrivate(keys: MasterKeys, name: string, stored: unknown, named: number | undefined): Uint8Array {
  return openBound(keys.meta, privateRef(name), readPrivateRecord(stored), named);
}

// ------------------------------------------------------------------ a new master key

/** The device identity sealed under `to` instead of `from`. Throws AppError('decrypt-failed'). */
export function resealDevice(from: MasterKeys, to: MasterKeys, sealed: Sealed): Sealed {
  return seal(to.meta, open(from.meta, sealed, DEVICE_AD()), DEVICE_AD());
}
