/**
 * A new passphrase, and optionally a new recovery key and a new master key, written in ONE
 * transaction (SECURITY.md "Key hygiene and the seized laptop"): IndexedDB commits it whole or not
 * at all, and the second copy takes it as one frame, so after a crash at any moment either the
 * old passphrase or the new one opens the vault, never neither.
 *
 * With a new master key, everything bound under the old one moves to the new one inside that
 * transaction (SECURITY.md "At rest"): the device identity, every sealed record the manifest names
 * (space names, private records, snapshots and checkpoints; same generation), every entry's MAC, and the manifest.
 * Each is checked under the old keys first: a record changed outside the app is not carried over
 * (that would make it look like the vault's own), and a record this code does not know would be
 * left unreadable; either refuses the change, and nothing is written.
 */
import type { KdfParams, SymmetricKey } from '../crypto';
import { AppError } from '../errors';
import {
  entryRecord,
  openBound,
  privateRef,
  checkpointRef,
  readBoundEntry,
  sealBound,
  snapshotRef,
  spaceKeysRef,
} from '../store/binding';
import type { RecordRef } from '../store/binding';
import type { Database } from '../store/database';
import { requestResult } from '../store/database';
import { openManifest, sealManifest, type Manifest } from '../store/manifest';
import {
  ENTRIES,
  MANIFEST_KEY,
  META,
  CHECKPOINT_KEY_PREFIX,
  PRIVATE_KEY_PREFIX,
  readCheckpointRecord,
  SNAPSHOTS,
  READ_INDEX_KEY_PREFIX,
  readReadIndexRecord,
  SPACE_KEY_PREFIX,
  VAULT_KEY,
  readManifestRecord,
  readPrivateRecord,
  readSnapshotRecord,
  type CheckpointRecord,
  type SnapshotRecord,
  readSpaceKeysRecord,
  readVaultRecord,
  type BoundRecord,
  type EntryKey,
  type VaultRecord,
} from '../store/records';
import { resealDevice, wrapMaster, type MasterKeys } from './keys';
import { recoveryWrappingKey } from './recovery-key';
import { openSnapshot, sealSnapshot } from './snapshot';
import { openCheckpoint, sealCheckpoint } from './checkpoint';
import { resealReadIndex } from './read-index';

export interface KeyChange {
  /** The new passphrase's Argon2id parameters (a fresh salt) and the key derived with them. */
  readonly kdf: KdfParams;
  readonly kek: SymmetricKey;
  /** A new recovery key (already shown to the organizer), or null to keep the current one. */
  readonly recoveryKey: string | null;
  /** New master keys, or null to keep them. A new master key needs a new recovery key. */
  readonly master: MasterKeys | null;
}

/** `record` opened under `from` as the manifest names it, and sealed under `to` with the same generation. */
function resealBound<R extends BoundRecord>(
  from: SymmetricKey,
  to: SymmetricKey,
  ref: RecordRef,
  record: R,
  manifest: Manifest,
): R {
  const plain = openBound(from, ref, record, manifest.records.get(ref.name));
  return { ...record, ...sealBound(to, ref, record.generation, plain) };
}

/** A snapshot and each of its pieces under `to` instead of `from`, at the same generation. */
function resealSnapshot(from: MasterKeys, to: MasterKeys, record: SnapshotRecord, manifest: Manifest): SnapshotRecord {
  const ref = snapshotRef(record.space);
  const opened = openSnapshot(from, record.space, record, manifest.records.get(ref.name));
  const pieces = Array.from({ length: opened.count }, (_, i) => opened.piece(i));
  return sealSnapshot(to, record.space, { heads: opened.heads, pieces }, record.generation);
}

/** A checkpoint and each of its parts under `to` instead of `from`, at the same generation. */
function resealCheckpoint(
  from: MasterKeys,
  to: MasterKeys,
  record: CheckpointRecord,
  manifest: Manifest,
): CheckpointRecord {
  const named = manifest.records.get(checkpointRef(record.space).name);
  return sealCheckpoint(to, record.space, openCheckpoint(from, record.space, record, named), record.generation);
}

/** One META record (not the vault's own nor the manifest) under `to` instead of `from`; refuses one it does not know. */
function resealMetaRecord(from: MasterKeys, to: MasterKeys, key: string, value: unknown, manifest: Manifest): unknown {
  if (key.startsWith(SPACE_KEY_PREFIX)) {
    const record = readSpaceKeysRecord(value);
    return resealBound(from.meta, to.meta, spaceKeysRef(record.space), record, manifest);
  }
  if (key.startsWith(CHECKPOINT_KEY_PREFIX)) return resealCheckpoint(from, to, readCheckpointRecord(value), manifest);
  if (key.startsWith(PRIVATE_KEY_PREFIX)) {
    const name = key.slice(PRIVATE_KEY_PREFIX.length);
    return resealBound(from.meta, to.meta, privateRef(name), readPrivateRecord(value), manifest);
  }
  throw new AppError('vault-corrupt', 'the vault holds a record a new master key cannot carry over');
}

/** Writes the change in one readwrite transaction; `current` must be the keys the stored record wraps. */
export async function changeKeys(db: Database, current: MasterKeys, change: KeyChange): Promise<void> {
  if (change.master && change.recoveryKey === null) {
    throw new AppError('invalid-data', 'a new master key needs a new recovery key');
  }
  const stores = change.master ? [ENTRIES, META, SNAPSHOTS] : [META];
  await db.transact(stores, 'readwrite', async (s) => {
    const meta = s(META);
    const reads: Promise<unknown[]>[] = change.master
      ? [
          requestResult(meta.getAllKeys()),
          requestResult(meta.getAll()),
          requestResult(s(SNAPSHOTS).getAllKeys()),
          requestResult(s(SNAPSHOTS).getAll()),
          requestResult(s(ENTRIES).getAllKeys()),
          requestResult(s(ENTRIES).getAll()),
        ]
      : [];
    const [stored, ...rows] = await Promise.all([requestResult(meta.get(VAULT_KEY)), ...reads]);
    const vault = readVaultRecord(stored);
    const keys = change.master ?? current;
    // Everything is computed before the first put: a failure aborts the transaction with nothing written.
    const puts: [store: string, key: string | EntryKey, value: unknown][] = [];
    const deletes: [store: string, key: string][] = [];
    const updated: VaultRecord = {
      ...vault,
      kdf: change.kdf,
      master: wrapMaster(change.kek, keys),
      recovery: change.recoveryKey ? wrapMaster(recoveryWrappingKey(change.recoveryKey), keys) : vault.recovery,
      device: change.master ? resealDevice(current, keys, vault.device) : vault.device,
    };
    puts.push([META, VAULT_KEY, updated]);
    if (change.master) {
      const [metaKeys, metaValues, snapKeys, snapValues, entryKeys, entryValues] = rows as [
        string[],
        unknown[],
        string[],
        unknown[],
        EntryKey[],
        unknown[],
      ];
      const manifest = openStoredManifest(current, metaValues[metaKeys.indexOf(MANIFEST_KEY)]);
      puts.push([META, MANIFEST_KEY, sealManifest(keys.meta, manifest)]);
      metaKeys.forEach((key, i) => {
        if (key === VAULT_KEY || key === MANIFEST_KEY) return;
        puts.push([META, key, resealMetaRecord(current, keys, key, metaValues[i], manifest)]);
      });
      snapKeys.forEach((key, i) => {
        if (key.startsWith(READ_INDEX_KEY_PREFIX)) {
          // A cache of what the snapshot holds (read-index.ts): carried over if it opens, else dropped.
          try {
            puts.push([SNAPSHOTS, key, resealReadIndex(current, keys, readReadIndexRecord(snapValues[i]), manifest)]);
          } catch {
            deletes.push([SNAPSHOTS, key]);
          }
          return;
        }
        puts.push([SNAPSHOTS, key, resealSnapshot(current, keys, readSnapshotRecord(snapValues[i]), manifest)]);
      });
      entryKeys.forEach((key, i) => {
        puts.push([ENTRIES, key, entryRecord(keys.entryMac, readBoundEntry(current.entryMac, key, entryValues[i]))]);
      });
    }
    for (const [store, key, value] of puts) s(store).put(value, key);
    for (const [store, key] of deletes) s(store).delete(key);
  });
}

/** The manifest as stored; a vault whose manifest is missing or changed cannot move to a new master key. */
function openStoredManifest(keys: MasterKeys, value: unknown): Manifest {
  if (value === undefined) throw new AppError('vault-tampered', 'the vault manifest is missing: no new master key');
  try {
    return openManifest(keys.meta, readManifestRecord(value));
  } catch {
    throw new AppError('vault-tampered', 'the vault manifest cannot be opened: no new master key');
  }
}
