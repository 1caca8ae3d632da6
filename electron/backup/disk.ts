/**
 * The few file operations the backup folder needs, with the durability each one promises. The
 * backup code uses only these, so a test can put a power-cut model under them
 * (test/electron/backup/power-cut-disk.ts) and check what survives when unsynced writes vanish.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

export interface DiskFile {
  write(bytes: Uint8Array): Promise<void>;
  /** The file's data is on the device (fdatasync). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface Disk {
  /**
   * 'append' opens (creating if missing) for appending; 'create' makes a new file and fails if one
   * exists; 'overwrite' writes an existing file from its first byte, in place.
   */
  open(file: string, mode: 'append' | 'create' | 'overwrite'): Promise<DiskFile>;
  /** The whole file, or null when it does not exist. */
  read(file: string): Promise<Uint8Array | null>;
  /** Names in a directory ([] when it does not exist). */
  list(dir: string): Promise<string[]>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
  truncate(file: string, length: number): Promise<void>;
  /** Creations, renames and removals in `dir` are on the device. */
  syncDir(dir: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  /** Last modification time in ms, or null. */
  modifiedAt(file: string): Promise<number | null>;
}

function isMissing(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ENOENT';
}

export const nodeDisk: Disk = {
  async open(file, mode) {
    const handle = await fs.open(file, { append: 'a', create: 'wx', overwrite: 'r+' }[mode], 0o600);
    return {
      async write(bytes) {
        let at = 0;
        while (at < bytes.byteLength) {
          const { bytesWritten } = await handle.write(bytes, at, bytes.byteLength - at);
          at += bytesWritten;
        }
      },
      sync: () => handle.datasync(),
      close: () => handle.close(),
    };
  },
  async read(file) {
    try {
      return new Uint8Array(await fs.readFile(file));
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  },
  async list(dir) {
    try {
      return await fs.readdir(dir);
    } catch (e) {
      if (isMissing(e)) return [];
      throw e;
    }
  },
  rename: (from, to) => fs.rename(from, to),
  async remove(file) {
    await fs.rm(file, { force: true });
  },
  truncate: (file, length) => fs.truncate(file, length),
  async syncDir(dir) {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(dir, constants.O_RDONLY);
    } catch {
      return; // Windows cannot open a directory: its renames are durable once the file's data is
    }
    try {
      await handle.sync();
    } catch {
      // some file systems refuse fsync on a directory; the rename itself is then as durable as it gets
    } finally {
      await handle.close();
    }
  },
  async mkdir(dir) {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  },
  async modifiedAt(file) {
    try {
      return (await fs.stat(file)).mtimeMs;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  },
};

/** Writes a new file under a temporary name, syncs it, renames it into place and syncs the directory. */
export async function writeDurably(disk: Disk, dir: string, name: string, parts: readonly Uint8Array[]): Promise<void> {
  const temp = path.join(dir, `.${name}.tmp`);
  await disk.remove(temp);
  const file = await disk.open(temp, 'create');
  try {
    for (const part of parts) await file.write(part);
    await file.sync();
  } finally {
    await file.close();
  }
  await disk.rename(temp, path.join(dir, name));
  await disk.syncDir(dir);
}
