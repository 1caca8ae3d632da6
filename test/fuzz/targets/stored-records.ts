/**
 * Stored records (shared/store/records.ts readers) and the unlock path that reads them: someone
 * who can edit the locked profile on disk replaces one record with anything IndexedDB can hold;
 * reading the vault and loading the space must give an AppError or a reported problem, never a
 * crash, and once the record is back the space opens as before.
 */
import fc from 'fast-check';
import type { SpaceId } from '../../../shared/crypto';
import { BoundStore } from '../../../shared/store/bound-store';
import { Database } from '../../../shared/store/database';
import {
  META,
  readCheckpointRecord,
  readEntryRecord,
  readManifestRecord,
  readPrivateRecord,
  readSnapshotRecord,
  readSpaceKeysRecord,
  readVaultRecord,
  VAULT_KEY,
} from '../../../shared/store/records';
import { passphraseKey, readKdfParams } from '../../../shared/vault';
import { boundKeysOf, openDevice, unwrapMaster } from '../../../shared/vault/keys';
import { readManifest } from '../../../shared/vault/meta-records';
import { loadSpace } from '../../../shared/vault/space-load';
import type { FuzzTarget } from '../harness';
import { mutatedValue } from '../mutate';
import { dumpDatabase, rewrite } from '../../shared/vault/helpers';
import { open } from '../../shared/sync/peers';
import { contentOf, passphraseOf, reopened, type World } from '../world';

const READERS = [
  readEntryRecord,
  readVaultRecord,
  readSpaceKeysRecord,
  readSnapshotRecord,
  readCheckpointRecord,
  readPrivateRecord,
  readManifestRecord,
];

export async function storedRecordsTarget(world: World): Promise<FuzzTarget<{ row: number; value: unknown }>> {
  const device = world.admin;
  await (await open(device, world.space)).snapshot();
  const rows = await dumpDatabase(device.env);
  const space = world.space as SpaceId;
  const record = readVaultRecord(rows.find((r) => r.store === META && r.key === VAULT_KEY)!.value);
  const keys = unwrapMaster(passphraseKey(passphraseOf(device), record.kdf), record.master);
  const identity = openDevice(keys, record.device);
  const db = await Database.open(device.env);
  // As at unlock: the manifest read again each time (the fuzzer may have replaced it too).
  const load = async () => {
    const store = new BoundStore(db, boundKeysOf(keys), (await readManifest(db, keys)).manifest);
    return contentOf((await loadSpace({ store, keys, space, identity, report: () => undefined })).doc);
  };
  const before = await load();

  return {
    name: 'stored records',
    input: fc.nat().chain((n) => {
      const row = n % rows.length;
      return mutatedValue([rows[row]!.value]).map((value) => ({ row, value }));
    }),
    async run({ row, value }, attempt) {
      for (const read of READERS) attempt(() => read(value));
      const { store, key, value: original } = rows[row]!;
      await rewrite(device.env, store, key as IDBValidKey, () => value);
      try {
        await attempt(() => readKdfParams(device.env));
        await attempt(() => load());
      } finally {
        await rewrite(device.env, store, key as IDBValidKey, () => original);
      }
    },
    async check() {
      if ((await load()) !== before) throw new Error('the space loads differently after the records were put back');
      db.close();
      if ((await reopened(device, world.space)) !== before) throw new Error('the vault opens differently');
    },
  };
}
