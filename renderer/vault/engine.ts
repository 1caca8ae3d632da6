/**
 * The UI's vault on the real engine (shared/vault): IndexedDB holds only the
 * wrapped keys, signed + encrypted change-log entries and sealed snapshots.
 */
import type * as Y from 'yjs';
import { AppError } from '../../shared/errors';
import type { SpaceId } from '../../shared/crypto';
import type { IdbEnvironment, IdbFactory, IdbKeyRangeFactory } from '../../shared/store/indexeddb-types';
import { newKdfParams, wipe } from '../../shared/crypto';
import {
  createVaultWithKey,
  readKdfParams,
  unlockWithPassphraseKey,
  unlockWithRecoveryKey,
  vaultExists,
  type CreateVaultOptions,
  type Vault,
} from '../../shared/vault';
import { deriveOffThread, warmKdfWorker } from './kdf';
import type { ChangeRecord, UnlockedVault, VaultGateway } from './gateway';
import { touchedRecords } from './touched';

export const DATABASE_NAME = 'sealed-roster';

function browserEnvironment(): IdbEnvironment {
  return {
    indexedDB: globalThis.indexedDB as unknown as IdbFactory,
    IDBKeyRange: globalThis.IDBKeyRange as unknown as IdbKeyRangeFactory,
    name: DATABASE_NAME,
  };
}

function adapt(vault: Vault): UnlockedVault {
  const docs = new Map<string, Y.Doc>();
  return {
    engine: vault,
    deviceId: vault.device.id,
    listSpaces: async () => (await vault.listSpaces()).sort((a, b) => a.name.localeCompare(b.name)),
    async createSpace(name) {
      const id = await vault.createSpace(name);
      return { id, name };
    },
    async openSpace(id, options) {
      const handle = await vault.openSpace(id as SpaceId, options);
      docs.set(id, handle.doc);
      return handle.doc;
    },
    async onDocReplaced(id, listener) {
      const handle = await vault.openSpace(id as SpaceId);
      return handle.onDocReplaced((doc) => {
        docs.set(id, doc);
        listener(doc);
      });
    },
    async history(id) {
      const handle = await vault.openSpace(id as SpaceId);
      const items = await handle.history();
      return items.map((item): ChangeRecord => ({
        id: item.id,
        author: item.author,
        at: item.at,
        records: touchedRecords(handle.doc, item.update),
      }));
    },
    lock: () => vault.lock(),
  };
}

/** `options` are for tests (a cheap Argon2id cost, short batch delays); the app uses the defaults. */
export function engineGateway(
  env: IdbEnvironment = browserEnvironment(),
  options: CreateVaultOptions = {},
): VaultGateway {
  return {
    exists() {
      // The next step is a passphrase (create or unlock): get the Argon2id worker ready meanwhile.
      warmKdfWorker();
      return vaultExists(env);
    },
    // Argon2id runs in a worker (kdf.ts); the rest is quick and stays here.
    async create(passphrase) {
      if (await vaultExists(env)) throw new AppError('vault-exists', 'a vault already exists');
      const kdf = newKdfParams(options.kdfCost ?? 'standard');
      const kek = await deriveOffThread(passphrase, kdf);
      try {
        const { vault, recoveryKey } = await createVaultWithKey(env, kdf, kek, options);
        return { vault: adapt(vault), recoveryKey };
      } finally {
        wipe(kek); // SECURITY.md "Key hygiene and the seized laptop": the passphrase's key is used once
      }
    },
    async unlock(passphrase) {
      const kdf = await readKdfParams(env);
      const kek = await deriveOffThread(passphrase, kdf);
      try {
        return adapt(await unlockWithPassphraseKey(env, kek, options));
      } finally {
        wipe(kek);
      }
    },
    unlockWithRecoveryKey: async (key) => adapt(await unlockWithRecoveryKey(env, key, options)),
  };
}
