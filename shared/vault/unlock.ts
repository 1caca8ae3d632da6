/**
 * Creating and opening a vault. The passphrase becomes a key-encryption key
 * with Argon2id; that key (or the recovery key) unwraps the master key. A
 * failed unlock writes nothing.
 *
 * `readKdfParams` + `unlockWithPassphraseKey` split the slow Argon2id step
 * from the rest, so the renderer can run the KDF in a worker and the
 * benchmark can time the two apart.
 */
import {
  deriveKey,
  generateDeviceIdentity,
  newKdfParams,
  wipe,
  type KdfCost,
  type KdfParams,
  type SymmetricKey,
} from '../crypto';
import { AppError, isAppError } from '../errors';
import { Database } from '../store/database';
import type { IdbEnvironment } from '../store/indexeddb-types';
import { EMPTY_MANIFEST, sealManifest } from '../store/manifest';
import { MANIFEST_KEY, META, VAULT_KEY, readVaultRecord, type VaultRecord } from '../store/records';
import { newMasterKeys, sealDevice, unwrapMaster, wrapMaster, type MasterKeys } from './keys';
import { newRecoveryKey, recoveryWrappingKey } from './recovery-key';
import { Vault, type VaultOptions } from './vault';

export interface CreateVaultOptions extends VaultOptions {
  /** Argon2id cost; 'test' in tests only. Default 'standard'. */
  readonly kdfCost?: KdfCost;
}

export interface CreatedVault {
  readonly vault: Vault;
  /** Shown to the user once; never stored anywhere in clear. */
  readonly recoveryKey: string;
}

async function readRecord(db: Database): Promise<VaultRecord | undefined> {
  const value = await db.get(META, VAULT_KEY);
  return value === undefined ? undefined : readVaultRecord(value);
}

async function withDatabase<T>(env: IdbEnvironment, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(env);
  try {
    return await work(db);
  } catch (e) {
    db.close();
    throw e;
  }
}

export async function vaultExists(env: IdbEnvironment): Promise<boolean> {
  const db = await Database.open(env);
  try {
    return (await db.get(META, VAULT_KEY)) !== undefined;
  } finally {
    db.close();
  }
}

export function createVault(
  env: IdbEnvironment,
  passphrase: string,
  options: CreateVaultOptions = {},
): Promise<CreatedVault> {
  const kdf = newKdfParams(options.kdfCost ?? 'standard');
  return createVaultWithKey(env, kdf, passphraseKey(passphrase, kdf), options);
}

/**
 * createVault with the key-encryption key already derived (`passphraseKey(passphrase, kdf)`,
 * e.g. in a worker, with `kdf` from newKdfParams). Throws AppError('vault-exists').
 */
export function createVaultWithKey(
  env: IdbEnvironment,
  kdf: KdfParams,
  kek: SymmetricKey,
  options: VaultOptions = {},
): Promise<CreatedVault> {
  return withDatabase(env, async (db) => {
    if ((await db.get(META, VAULT_KEY)) !== undefined) throw new AppError('vault-exists', 'a vault already exists');
    const keys = newMasterKeys();
    const identity = generateDeviceIdentity();
    const recoveryKey = newRecoveryKey();
    const record: VaultRecord = {
      v: 1,
      kdf,
      master: wrapMaster(kek, keys),
      recovery: wrapMaster(recoveryWrappingKey(recoveryKey), keys),
      device: sealDevice(keys, identity),
    };
    // The manifest from the start: a vault without one was tampered with (SECURITY.md "At rest").
    const manifest = sealManifest(keys.meta, EMPTY_MANIFEST);
    await db.transact([META], 'readwrite', (s) => {
      s(META).put(record, VAULT_KEY);
      s(META).put(manifest, MANIFEST_KEY);
    });
    return { vault: new Vault(db, keys, identity, EMPTY_MANIFEST, options), recoveryKey };
  });
}

/** The Argon2id parameters of the stored vault. Throws AppError('vault-missing'). */
export async function readKdfParams(env: IdbEnvironment): Promise<KdfParams> {
  const db = await Database.open(env);
  try {
    const record = await readRecord(db);
    if (!record) throw new AppError('vault-missing', 'no vault in this profile');
    return record.kdf;
  } finally {
    db.close();
  }
}

/** The key-encryption key for a passphrase (the slow Argon2id step). */
export function passphraseKey(passphrase: string, kdf: KdfParams): SymmetricKey {
  return deriveKey(passphrase, kdf);
}

function unwrapOr(
  wrappingKey: SymmetricKey,
  wrapped: VaultRecord['master'],
  code: 'wrong-passphrase' | 'wrong-recovery-key',
): MasterKeys {
  try {
    return unwrapMaster(wrappingKey, wrapped);
  } catch (e) {
    if (isAppError(e, 'decrypt-failed')) throw new AppError(code, 'the key does not open this vault');
    throw e;
  }
}

/** Opens the vault with a key from `passphraseKey`. Throws AppError('wrong-passphrase' | 'vault-missing'). */
export function unlockWithPassphraseKey(
  env: IdbEnvironment,
  kek: SymmetricKey,
  options: VaultOptions = {},
): Promise<Vault> {
  return withDatabase(env, async (db) => {
    const record = await readRecord(db);
    if (!record) throw new AppError('vault-missing', 'no vault in this profile');
    const keys = unwrapOr(kek, record.master, 'wrong-passphrase');
    return Vault.open(db, keys, record, options);
  });
}

/** Throws AppError('wrong-passphrase' | 'vault-missing'); a failed attempt changes nothing. */
export async function unlockVault(env: IdbEnvironment, passphrase: string, options: VaultOptions = {}): Promise<Vault> {
  const kdf = await readKdfParams(env);
  const kek = passphraseKey(passphrase, kdf);
  try {
    return await unlockWithPassphraseKey(env, kek, options);
  } finally {
    wipe(kek);
  }
}

/** Throws AppError('wrong-recovery-key' | 'vault-missing'); a failed attempt changes nothing. */
export function unlockWithRecoveryKey(
  env: IdbEnvironment,
  recoveryKey: string,
  options: VaultOptions = {},
): Promise<Vault> {
  return withDatabase(env, async (db) => {
    const record = await readRecord(db);
    if (!record) throw new AppError('vault-missing', 'no vault in this profile');
    const wrapping = recoveryWrappingKey(recoveryKey);
    try {
      return Vault.open(db, unwrapOr(wrapping, record.recovery, 'wrong-recovery-key'), record, options);
    } finally {
      wipe(wrapping);
    }
  });
}
