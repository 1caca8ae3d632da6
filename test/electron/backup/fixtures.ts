/** Backup services for the IPC tests: a real one over a temporary folder, and one for tests that never use it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackupService, type BackupService } from '../../../electron/backup/service';

/** For handler tests that never call a backup channel: any call fails the test loudly. */
export const unusedBackups = new Proxy(
  {},
  {
    get: (_target, name) => () => {
      throw new Error(`the backup service was not expected to be used (${String(name)})`);
    },
  },
) as BackupService;

/** The real service on real files in a new temporary folder; `dispose` closes it and deletes the folder. */
export function tempBackups(): { backups: BackupService; dir: string; dispose: () => Promise<void> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'backups-'));
  const backups = createBackupService({
    dir,
    chooseFolder: async () => null,
    openBackupFile: async () => null,
    clearBrowserStorage: async () => false,
  });
  return {
    backups,
    dir,
    dispose: async () => {
      await backups.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
