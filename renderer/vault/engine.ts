/**
 * The UI's vault on the real engine (shared/vault): IndexedDB holds only the
 * wrapped keys, signed + encrypted change-log entries and sealed snapshots.
 * With a platform (Electron, or the browser host) every write also goes to
 * the second copy in main's backup folder (backups.ts).
 */
import { AppError, isAppError } from '../../shared/errors';
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
  type SpaceHandle,
  type Vault,
} from '../../shared/vault';
import { SpaceRetention } from './retention';
import { eraseStore } from '../../shared/store/mirror-copy';
import { VaultBackups, type BackupApi } from './backups';
import { deriveOffThread, warmKdfWorker } from './kdf';
import type { BackupSettings, ChangeRecord, UnlockedVault, VaultGateway } from './gateway';
import { touchedRecords } from '../../shared/model/touched';
import { OPENED_LATER } from '../../shared/model/layout';
import { nextTaskFirst } from '../components/nextPaint';
import { checkpointIndexWriter, rosterIndexWriter } from './roster-index';
import { RosterIndexReader, type RosterIndex } from '../../shared/model/roster-index';

export const DATABASE_NAME = 'sealed-roster';

/** A roster index's pieces, a piece parsed per task (as the vault decrypts one per task at unlock). */
async function readPieces(pieces: readonly Uint8Array[]): Promise<RosterIndex> {
  const reader = new RosterIndexReader();
  for (const piece of pieces) {
    await nextTaskFirst();
    reader.add(piece);
  }
  return reader.result();
}

export function browserEnvironment(): IdbEnvironment {
  return {
    indexedDB: globalThis.indexedDB as unknown as IdbFactory,
    IDBKeyRange: globalThis.IDBKeyRange as unknown as IdbKeyRangeFactory,
    name: DATABASE_NAME,
  };
}

/**
 * Spaces whose roster is shown from their read index while their document loads: the load then
 * gives the event loop back at background priority (scheduler.postTask), so the roster's search
 * index and renders go first (ARCHITECTURE.md "The roster's read index").
 */
const previewShown = new Set<SpaceId>();

interface PostingScheduler {
  postTask(task: () => void, options: { priority: 'background' }): Promise<void>;
}

/** The vault's yield between pieces of long work: behind a shown preview, background; else first. */
function yieldTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<PostingScheduler> }).scheduler;
  if (previewShown.size > 0 && typeof scheduler?.postTask === 'function')
    return scheduler.postTask(() => undefined, { priority: 'background' });
  return nextTaskFirst();
}

function adapt(vault: Vault): UnlockedVault {
  // Retention runs on every space opened here, until lock (retention.ts).
  const retention = new Map<SpaceId, SpaceRetention>();
  const follow = (handle: SpaceHandle) => {
    if (retention.has(handle.id)) return;
    const r = new SpaceRetention(handle, vault.device.id, (e) => handle.reportRetentionFailure(e));
    retention.set(handle.id, r);
    r.start();
  };
  return {
    engine: vault,
    deviceId: vault.device.id,
    listSpaces: async () => (await vault.listSpaces()).sort((a, b) => a.name.localeCompare(b.name)),
    async createSpace(name) {
      const id = await vault.createSpace(name);
      return { id, name };
    },
    renameSpace: (id, name) => vault.renameSpace(id as SpaceId, name),
    async previewSpace(id) {
      try {
        const pieces = await vault.previewSpace(id as SpaceId);
        if (!pieces) return undefined;
        const roster = await readPieces(pieces);
        previewShown.add(id as SpaceId);
        return roster;
      } catch {
        return undefined; // a preview that cannot be read: the space opens as before (the vault told why)
      }
    },
    async onCheckpointPreview(id, listener) {
      const handle = await vault.openSpace(id as SpaceId);
      let stopped = false;
      const show = (pieces: readonly Uint8Array[] | undefined) => {
        // Undefined: the checkpoint was taken, the document holds what the index showed.
        if (!pieces) return listener(undefined);
        readPieces(pieces).then(
          (roster) => {
            if (!stopped && handle.checkpointPreview() === pieces) listener(roster); // else taken meanwhile
          },
          () => undefined, // pieces this version does not read: the roster waits for the state, as before
        );
      };
      const off = handle.onCheckpointPreview(show);
      const now = handle.checkpointPreview();
      if (now) show(now);
      return () => {
        stopped = true;
        off();
      };
    },
    async openSpace(id, options) {
      try {
        const handle = await vault.openSpace(id as SpaceId, options);
        follow(handle);
        return handle.doc;
      } finally {
        previewShown.delete(id as SpaceId);
      }
    },
    async onDocReplaced(id, listener) {
      const handle = await vault.openSpace(id as SpaceId);
      return handle.onDocReplaced(listener);
    },
    async onStored(id, listener) {
      const handle = await vault.openSpace(id as SpaceId);
      return handle.onChange(listener);
    },
    async history(id, known) {
      const handle = await vault.openSpace(id as SpaceId);
      const items = await handle.history(known);
      return items.map((item): ChangeRecord => ({
        id: item.id,
        author: item.author,
        seq: item.seq,
        at: item.at,
        records: touchedRecords(handle.doc, item.update),
      }));
    },
    async compactedAt(id) {
      return (await (await vault.openSpace(id as SpaceId)).compactedAt()) ?? null;
    },
    flush: () => vault.flush(),
    async preparePassphraseChange(current, next) {
      const kdf = await vault.passphraseKdf();
      const currentKek = await deriveOffThread(current, kdf.current);
      await vault.checkPassphraseKey(currentKek);
      const nextKek = await deriveOffThread(next, kdf.next);
      return { apply: (options = {}) => vault.changeKeys(currentKek, { kdf: kdf.next, kek: nextKek }, options) };
    },
    async lock() {
      await Promise.all([...retention.values()].map((r) => r.stop()));
      retention.clear();
      await vault.lock();
    },
  };
}

function backupSettings(api: BackupApi): BackupSettings {
  return {
    async status() {
      const status = await api.backup.status();
      return { external: status.external, guard: status.guard, lastCopyAt: status.mirror.lastWriteAt };
    },
    chooseFolder: () => api.backup.chooseFolder(),
    setSchedule: (every) => api.backup.setSchedule({ every }),
    saveNow: () => api.backup.saveNow(),
    setWipeAfter: (wipeAfter) => api.vault.setWipeAfter({ wipeAfter }),
  };
}

/**
 * `options` are for tests (a cheap Argon2id cost, short batch delays); the app uses the defaults.
 * `api` is the platform's (the backup folder lives in main); without one (a plain browser tab,
 * component tests) there is no second copy and nothing is counted.
 */
export function engineGateway(
  env: IdbEnvironment = browserEnvironment(),
  options: CreateVaultOptions = {},
  api: BackupApi | null = null,
): VaultGateway {
  const backups = api ? new VaultBackups(api, env) : null;
  const store = backups ? backups.mirrored : env;
  // A space opens a snapshot piece per task, roster first (ARCHITECTURE.md "Where unlock time goes").
  // Beside each snapshot, the roster's read index (roster-index.ts, shared/vault/read-index.ts).
  options = {
    snapshotLater: OPENED_LATER,
    yieldTask,
    readIndex: rosterIndexWriter,
    checkpointIndex: checkpointIndexWriter,
    ...options,
  };

  /** A wrong passphrase or recovery key is counted (and may erase the vault) before it is reported. */
  async function counted<T>(attempt: Promise<T>): Promise<T> {
    try {
      const vault = await attempt;
      await backups?.succeeded();
      return vault;
    } catch (e) {
      if (backups && (isAppError(e, 'wrong-passphrase') || isAppError(e, 'wrong-recovery-key'))) {
        await backups.failedAttempt();
      }
      throw e;
    }
  }

  return {
    async start() {
      // The next step is a passphrase (create or unlock): get the Argon2id worker ready meanwhile.
      warmKdfWorker();
      if (backups) return backups.start();
      return (await vaultExists(env)) ? { stage: 'locked' } : { stage: 'first-run' };
    },
    // Argon2id runs in a worker (kdf.ts); the rest is quick and stays here.
    async create(passphrase) {
      if (await vaultExists(env)) throw new AppError('vault-exists', 'a vault already exists');
      const kdf = newKdfParams(options.kdfCost ?? 'standard');
      const kek = await deriveOffThread(passphrase, kdf);
      try {
        const { vault, recoveryKey } = await createVaultWithKey(store, kdf, kek, options);
        // The marker and a first complete copy; if main cannot take them now, the next start does it.
        await backups?.created().catch(() => undefined);
        return { vault: adapt(vault), recoveryKey };
      } finally {
        wipe(kek); // SECURITY.md "Key hygiene and the seized laptop": the passphrase's key is used once
      }
    },
    async unlock(passphrase) {
      const kdf = await readKdfParams(store);
      const kek = await deriveOffThread(passphrase, kdf);
      try {
        return adapt(await counted(unlockWithPassphraseKey(store, kek, options)));
      } finally {
        wipe(kek);
      }
    },
    unlockWithRecoveryKey: async (key) => adapt(await counted(unlockWithRecoveryKey(store, key, options))),
    guard: async () => (backups ? backups.guard() : null),
    damaged: async () => (backups ? backups.damaged() : null),
    restore: async (source) => (backups ? backups.restore(source) : null),
    async erase() {
      if (backups) await backups.erase();
      else await eraseStore(env);
      globalThis.localStorage?.clear(); // the language and lock preferences go too: nothing says the app was used
    },
    backups: api ? backupSettings(api) : null,
  };
}
