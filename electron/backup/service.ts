/**
 * Main's side of crash safety and backups (SECURITY.md "Crash safety and backups"): the second
 * copy of the store (mirror-store.ts), the marker and the erase-after-N setting (marker.ts), the
 * scheduled backups to a chosen folder (external.ts), and erasing all of it. One object, used by
 * the IPC handlers under Electron and under the browser host alike.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../shared/errors';
import type {
  BackupStatus,
  ExternalBackupStatus,
  MirrorCopySummary,
  MirrorFrameWire,
  Schedule,
  VaultGuard,
} from '../../shared/ipc/contract';
import { nodeDisk, type Disk } from './disk';
import { isDue, readSettings, writeBackupFile, writeSettings, type ExternalSettings } from './external';
import { parseFile, readCopy } from './frames';
import { NEW_MARKER, readMarker, writeMarker, type Marker } from './marker';
import { MirrorStore, type MirrorCopy, type MirrorStatus } from './mirror-store';

/** Bytes of transactions handed to the renderer per `mirror:readCopy` call. */
export const READ_CHUNK_BYTES = 8 * 1024 * 1024;
/** How often the schedule is checked while the app runs. */
export const SCHEDULE_CHECK_MS = 60 * 60 * 1000;

export interface BackupServiceDeps {
  /** The app's own backup folder (Electron: userData/backups). */
  readonly dir: string;
  readonly disk?: Disk;
  /** A folder dialog: the chosen folder's path, or null when cancelled. */
  readonly chooseFolder: () => Promise<string | null>;
  /** An open dialog for a backup file: its bytes, or null when cancelled. */
  readonly openBackupFile: () => Promise<Uint8Array | null>;
  /** Deletes everything the browser keeps for the app's origin (IndexedDB, local storage…); false when it cannot. */
  readonly clearBrowserStorage: () => Promise<boolean>;
  readonly now?: () => number;
  readonly logError?: (what: string, error: unknown) => void;
}

export interface BackupService {
  status(): Promise<BackupStatus>;
  append(frames: readonly MirrorFrameWire[]): Promise<MirrorStatus>;
  beginBase(covers: number): Promise<string>;
  addToBase(uploadId: string, bytes: Uint8Array): Promise<void>;
  commitBase(uploadId: string): Promise<MirrorStatus>;
  openCopy(source: 'mirror' | 'file'): Promise<MirrorCopySummary | null>;
  readCopy(copyId: string, from: number): Promise<{ frames: MirrorFrameWire[]; next: number | null }>;
  closeCopy(copyId: string): Promise<void>;
  markVault(): Promise<VaultGuard>;
  unlockFailed(): Promise<VaultGuard>;
  unlocked(): Promise<VaultGuard>;
  setWipeAfter(wipeAfter: number | null): Promise<VaultGuard>;
  erase(): Promise<{ browserStorageCleared: boolean }>;
  chooseFolder(): Promise<ExternalBackupStatus>;
  setSchedule(every: Schedule): Promise<ExternalBackupStatus>;
  saveNow(): Promise<ExternalBackupStatus>;
  /** Starts the schedule (checked now and every SCHEDULE_CHECK_MS). */
  start(): void;
  close(): Promise<void>;
}

function guardOf(marker: Marker | null): VaultGuard {
  return { wipeAfter: marker?.wipeAfter ?? null, failures: marker?.failures ?? 0 };
}

function externalOf(settings: ExternalSettings): ExternalBackupStatus {
  return {
    folderName: settings.folder === null ? null : path.basename(settings.folder) || settings.folder,
    every: settings.every,
    lastAt: settings.lastAt,
    lastError: settings.lastError,
  };
}

/** Overwrites a file with zeros before deleting it, so that its blocks do not keep the bytes on a plain disk. */
async function shred(disk: Disk, file: string): Promise<void> {
  const bytes = await disk.read(file);
  if (bytes !== null && bytes.byteLength > 0) {
    const handle = await disk.open(file, 'overwrite');
    try {
      await handle.write(new Uint8Array(bytes.byteLength));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  await disk.remove(file);
}

export function createBackupService(deps: BackupServiceDeps): BackupService {
  const disk = deps.disk ?? nodeDisk;
  const now = deps.now ?? Date.now;
  const { dir } = deps;
  let store: Promise<MirrorStore> | null = null;
  const copies = new Map<string, MirrorCopy>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let settingsQueue: Promise<unknown> = Promise.resolve();

  const mirror = (): Promise<MirrorStore> => {
    store ??= MirrorStore.open(dir, disk);
    store.catch(() => (store = null));
    return store;
  };

  /** Read-modify-write of a settings file, one at a time. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = settingsQueue.then(work, work);
    settingsQueue = run.catch(() => undefined); // the caller gets `run` and its failure; the queue goes on
    return run;
  }

  const updateMarker = (change: (m: Marker) => Marker): Promise<VaultGuard> =>
    serial(async () => {
      const next = change((await readMarker(disk, dir)) ?? NEW_MARKER);
      await writeMarker(disk, dir, next);
      return guardOf(next);
    });

  const updateSettings = (change: (s: ExternalSettings) => ExternalSettings): Promise<ExternalSettings> =>
    serial(async () => {
      const next = change(await readSettings(disk, dir));
      await writeSettings(disk, dir, next);
      return next;
    });

  async function writeExternal(): Promise<ExternalSettings> {
    const settings = await readSettings(disk, dir);
    if (settings.folder === null) throw new AppError('file-failed', 'no backup folder was chosen');
    const folder = settings.folder;
    const parts = await (await mirror()).exportCopy();
    if (!parts) throw new AppError('backup-unavailable', 'there is nothing to back up yet');
    try {
      await writeBackupFile(disk, folder, parts, now());
    } catch (e) {
      deps.logError?.('a scheduled backup could not be written', e);
      return updateSettings((s) => ({ ...s, lastError: 'file-failed' }));
    }
    return updateSettings((s) => ({ ...s, lastAt: now(), lastError: null }));
  }

  async function runIfDue(): Promise<void> {
    try {
      if (isDue(await readSettings(disk, dir), now()) && (await readMarker(disk, dir)) !== null) await writeExternal();
    } catch (e) {
      if (!isAppError(e, 'backup-unavailable')) deps.logError?.('the backup schedule failed', e);
    }
  }

  function copySummary(copy: MirrorCopy): MirrorCopySummary {
    const copyId = randomUUID();
    copies.clear(); // one restore at a time
    copies.set(copyId, copy);
    return {
      copyId,
      seq: copy.seq,
      frames: copy.frames.length,
      bytes: copy.frames.reduce((n, f) => n + f.bytes.byteLength, 0),
      at: copy.at,
      skippedBases: copy.skippedBases,
      damaged: copy.damaged,
    };
  }

  return {
    async status() {
      const [marker, settings, m] = await Promise.all([readMarker(disk, dir), readSettings(disk, dir), mirror()]);
      return {
        vaultExisted: marker !== null,
        mirror: m.status(),
        guard: guardOf(marker),
        external: externalOf(settings),
      };
    },
    append: async (frames) => (await mirror()).append(frames),
    beginBase: async (covers) => (await mirror()).beginBase(covers),
    addToBase: async (uploadId, bytes) => (await mirror()).addToBase(uploadId, bytes),
    commitBase: async (uploadId) => (await mirror()).commitBase(uploadId),

    async openCopy(source) {
      if (source === 'mirror') {
        const copy = await (await mirror()).latestCopy();
        return copy ? copySummary(copy) : null;
      }
      const bytes = await deps.openBackupFile();
      if (bytes === null) return null;
      const parsed = parseFile(bytes);
      const copy = parsed.kind === 'backup' || parsed.kind === 'base' ? readCopy(parsed) : null;
      if (!copy) throw new AppError('bad-backup', 'the file is not a complete backup');
      return copySummary({
        seq: copy.covers,
        frames: copy.ops.map((f) => ({ seq: f.seq, bytes: f.payload.slice() })),
        at: null,
        skippedBases: 0,
        damaged: false,
      });
    },
    async readCopy(copyId, from) {
      const copy = copies.get(copyId);
      if (!copy) throw new AppError('ipc-bad-request', 'no such copy is open');
      const frames: MirrorFrameWire[] = [];
      let bytes = 0;
      let at = Math.max(0, from);
      for (; at < copy.frames.length && (frames.length === 0 || bytes < READ_CHUNK_BYTES); at++) {
        const frame = copy.frames[at]!;
        frames.push({ seq: frame.seq, bytes: frame.bytes });
        bytes += frame.bytes.byteLength;
      }
      return { frames, next: at < copy.frames.length ? at : null };
    },
    async closeCopy(copyId) {
      copies.delete(copyId);
    },

    markVault: () => updateMarker((m) => m),
    unlockFailed: () => updateMarker((m) => ({ ...m, failures: m.failures + 1 })),
    unlocked: () => updateMarker((m) => ({ ...m, failures: 0 })),
    setWipeAfter: (wipeAfter) => updateMarker((m) => ({ ...m, wipeAfter, failures: 0 })),

    async erase() {
      const open = store;
      store = null;
      copies.clear();
      await (await open?.catch(() => null))?.close(); // a copy that never opened has nothing to close
      await serial(async () => {
        for (const name of await disk.list(dir)) await shred(disk, path.join(dir, name));
        await disk.syncDir(dir);
      });
      let browserStorageCleared = false;
      try {
        browserStorageCleared = await deps.clearBrowserStorage();
      } catch (e) {
        deps.logError?.("the browser's storage could not be cleared", e);
      }
      return { browserStorageCleared };
    },

    async chooseFolder() {
      const folder = await deps.chooseFolder();
      if (folder === null) return externalOf(await readSettings(disk, dir));
      const settings = await updateSettings((s) => ({
        ...s,
        folder,
        every: s.every === 'off' ? 'weekly' : s.every,
        lastError: null,
      }));
      return externalOf(settings);
    },
    async setSchedule(every) {
      return externalOf(await updateSettings((s) => ({ ...s, every })));
    },
    async saveNow() {
      return externalOf(await writeExternal());
    },

    start() {
      if (timer !== null) return;
      void runIfDue();
      timer = setInterval(() => void runIfDue(), SCHEDULE_CHECK_MS);
      timer.unref?.();
    },
    async close() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      const open = store;
      store = null;
      await (await open?.catch(() => null))?.close(); // as in erase()
    },
  };
}
