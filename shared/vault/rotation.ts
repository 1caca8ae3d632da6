/**
 * A new passphrase, and optionally a new recovery key and a new master key, written in ONE
 * transaction (SECURITY.md "Key hygiene and the seized laptop"): IndexedDB commits it whole or not
 * at all, and the second copy takes it as one frame, so after a crash at any moment either the
 * old passphrase or the new one opens the vault, never neither.
 *
 * With a new master key, every record sealed under the old one (the device identity, each space's
 * name, private records, snapshots) is opened and sealed again inside that transaction. A META
 * record this code does not know would be left unreadable, so the change is refused instead.
 */
import type { KdfParams, SymmetricKey } from '../crypto';
import { AppError } from '../errors';
import type { Database } from '../store/database';
import { requestResult } from '../store/database';
import {
  META,
  SNAPSHOTS,
  SPACE_KEY_PREFIX,
  VAULT_KEY,
  readSnapshotRecord,
  readSpaceKeysRecord,
  readVaultRecord,
  type SpaceKeysRecord,
  type VaultRecord,
} from '../store/records';
import {
  PRIVATE_KEY_PREFIX,
  resealDevice,
  resealPrivate,
  resealSpaceSecrets,
  wrapMaster,
  type MasterKeys,
} from './keys';
import { recoveryWrappingKey } from './recovery-key';
import { resealSnapshot } from './snapshot';

export interface KeyChange {
  /** The new passphrase's Argon2id parameters (a fresh salt) and the key derived with them. */
  readonly kdf: KdfParams;
  readonly kek: SymmetricKey;
  /** A new recovery key (already shown to the organizer), or null to keep the current one. */
  readonly recoveryKey: string | null;
  /** New master keys, or null to keep them. A new master key needs a new recovery key. */
  readonly master: MasterKeys | null;
}

/** Seals one META record again under `to`; refuses a record it does not know. */
function resealMetaRecord(from: MasterKeys, to: MasterKeys, key: string, value: unknown): unknown {
  if (key.startsWith(SPACE_KEY_PREFIX)) {
    const record = readSpaceKeysRecord(value);
    const sealed = resealSpaceSecrets(from, to, record.space, record.sealed);
    return { ...record, sealed } satisfies SpaceKeysRecord;
  }
  if (key.startsWith(PRIVATE_KEY_PREFIX)) return resealPrivate(from, to, key.slice(PRIVATE_KEY_PREFIX.length), value);
  throw new AppError('vault-corrupt', 'the vault holds a record a new master key cannot carry over');
}

/** Writes the change in one readwrite transaction; `current` must be the keys the stored record wraps. */
export async function changeKeys(db: Database, current: MasterKeys, change: KeyChange): Promise<void> {
  if (change.master && change.recoveryKey === null) {
    throw new AppError('invalid-data', 'a new master key needs a new recovery key');
  }
  const stores = change.master ? [META, SNAPSHOTS] : [META];
  await db.transact(stores, 'readwrite', async (s) => {
    const meta = s(META);
    const reads: Promise<unknown[]>[] = change.master
      ? [
          requestResult(meta.getAllKeys()),
          requestResult(meta.getAll()),
          requestResult(s(SNAPSHOTS).getAllKeys()),
          requestResult(s(SNAPSHOTS).getAll()),
        ]
      : [];
    const [stored, ...rows] = await Promise.all([requestResult(meta.get(VAULT_KEY)), ...reads]);
    const vault = readVaultRecord(stored);
    const keys = change.master ?? current;
    // Everything is computed before the first put: a failure aborts the transaction with nothing written.
    const puts: [store: string, key: string, value: unknown][] = [];
    const dropped: string[] = [];
    const updated: VaultRecord = {
      ...vault,
      kdf: change.kdf,
      master: wrapMaster(change.kek, keys),
      recovery: change.recoveryKey ? wrapMaster(recoveryWrappingKey(change.recoveryKey), keys) : vault.recovery,
      device: change.master ? resealDevice(current, keys, vault.device) : vault.device,
    };
    puts.push([META, VAULT_KEY, updated]);
    if (change.master) {
      const [metaKeys, metaValues, snapKeys, snapValues] = rows as [string[], unknown[], string[], unknown[]];
      metaKeys.forEach((key, i) => {
        if (key !== VAULT_KEY) puts.push([META, key, resealMetaRecord(current, keys, key, metaValues[i])]);
      });
      snapKeys.forEach((key, i) => {
        try {
          puts.push([SNAPSHOTS, key, resealSnapshot(current, keys, readSnapshotRecord(snapValues[i]))]);
        } catch {
          dropped.push(key); // a damaged snapshot is a cache: the next lock writes a new one from the entries
        }
      });
    }
    for (const [store, key, value] of puts) s(store).put(value, key);
    for (const key of dropped) s(SNAPSHOTS).delete(key);
  });
}
