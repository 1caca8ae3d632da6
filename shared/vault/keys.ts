/**
 * The vault's key hierarchy:
 *
 *   Argon2id(passphrase, params beside the salt) ─┐
 *   hash(recovery key) ───────────────────────────┴─ each wraps ─► master key (random)
 *   master key ─ subkey 'vault/meta'     ─► device identity, each space's name
 *   (epoch keys are sealed to the device in each space's access log)
 *              ─ subkey 'vault/snapshot' ─► local snapshots
 *
 * Changing the passphrase re-wraps the master key only; nothing below it moves.
 * Replacing the master key seals every record below it again (rotation.ts).
 * Every sealed value carries associated data naming what it is (and which
 * space), so a record cannot be swapped for another one.
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

// Built on use: libsodium is not ready when modules load.
const MASTER_AD = (): Uint8Array => utf8Encode('sealed-roster/vault/master/v1');
const DEVICE_AD = (): Uint8Array => utf8Encode('sealed-roster/vault/device/v1');

export interface MasterKeys {
  readonly master: SymmetricKey;
  readonly meta: SymmetricKey;
  readonly snapshot: SymmetricKey;
}

export function newMasterKeys(): MasterKeys {
  return masterKeysOf(newSymmetricKey());
}

export function masterKeysOf(master: SymmetricKey): MasterKeys {
  return {
    master,
    meta: deriveSubkey(master, 'vault/meta'),
    snapshot: deriveSubkey(master, 'vault/snapshot'),
  };
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

function spaceAd(space: SpaceId): Uint8Array {
  return utf8Encode(`sealed-roster/vault/space/v1/${space}`);
}

export function sealSpaceSecrets(keys: MasterKeys, space: SpaceId, secrets: SpaceSecrets): Sealed {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, secrets.name);
  return seal(keys.meta, encoding.toUint8Array(e), spaceAd(space));
}

export function openSpaceSecrets(keys: MasterKeys, space: SpaceId, sealed: Sealed): SpaceSecrets {
  const d = decoding.createDecoder(open(keys.meta, sealed, spaceAd(space)));
  try {
    return { name: decoding.readVarString(d) };
  } catch {
    throw new AppError('vault-corrupt', 'space record is malformed');
  }
}

// ------------------------------------------------------------------ private records

/** META keys of private records (vault.putPrivate) start with this. */
export const PRIVATE_KEY_PREFIX = 'private:';

function privateAd(name: string): Uint8Array {
  return utf8Encode(`sealed-roster/vault/private/v1/${name}`);
}

export function sealPrivate(keys: MasterKeys, name: string, value: Uint8Array): Sealed {
  return seal(keys.meta, value, privateAd(name));
}

/** Throws AppError('vault-corrupt') for a record that is not a sealed value of this name. */
export function openPrivate(keys: MasterKeys, name: string, stored: unknown): Uint8Array {
  const sealed = stored as Partial<Sealed> | null;
  if (!(sealed?.nonce instanceof Uint8Array) || !(sealed.ciphertext instanceof Uint8Array)) {
    throw new AppError('vault-corrupt', 'private record is malformed');
  }
  try {
    return open(keys.meta, { nonce: sealed.nonce, ciphertext: sealed.ciphertext }, privateAd(name));
  } catch {
    throw new AppError('vault-corrupt', 'private record cannot be opened');
  }
}

// ------------------------------------------------------------------ a new master key

/** The device identity sealed under `to` instead of `from`. Throws AppError('decrypt-failed'). */
export function resealDevice(from: MasterKeys, to: MasterKeys, sealed: Sealed): Sealed {
  return seal(to.meta, open(from.meta, sealed, DEVICE_AD()), DEVICE_AD());
}

/** A space's secrets record sealed under `to` instead of `from`. Throws AppError('decrypt-failed'). */
export function resealSpaceSecrets(from: MasterKeys, to: MasterKeys, space: SpaceId, sealed: Sealed): Sealed {
  return seal(to.meta, open(from.meta, sealed, spaceAd(space)), spaceAd(space));
}

/** A private record sealed under `to` instead of `from`. Throws AppError('vault-corrupt'). */
export function resealPrivate(from: MasterKeys, to: MasterKeys, name: string, stored: unknown): Sealed {
  return sealPrivate(to, name, openPrivate(from, name, stored));
}
