/**
 * Bytes on disk, as the file system holds them: what a seized laptop's profile and backup folder
 * give away, whatever the files' format (rows/chromium-storage.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { indexedDbRoot, originFolderStem } from '../crash/chromium';

/** Bytes of every file under `dir`, sub-folders included; 0 when it does not exist. */
export function folderBytes(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  return names.reduce((total, name) => {
    const file = path.join(dir, name);
    const stat = statSync(file);
    return total + (stat.isDirectory() ? folderBytes(file) : stat.size);
  }, 0);
}

export interface OriginIndexedDbBytes {
  /** The LevelDB folder: keys, values, the log and its tables. */
  readonly leveldb: number;
  /** Values Chromium keeps as files beside LevelDB (large ones). */
  readonly blobs: number;
}

/** What Chromium's `profile` holds for the IndexedDB of `origin` (every database of that origin). */
export function originIndexedDbBytes(profile: string, origin: string): OriginIndexedDbBytes {
  const stem = path.join(indexedDbRoot(profile), originFolderStem(origin));
  return { leveldb: folderBytes(`${stem}.indexeddb.leveldb`), blobs: folderBytes(`${stem}.indexeddb.blob`) };
}
