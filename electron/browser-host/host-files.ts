/**
 * The browser host's stand-in for the OS file dialogs (a browser page cannot show Electron's).
 * "Open" takes the next file queued with `willOpen` (none queued = the user cancelled); "save"
 * writes into one directory. Reading and writing reuse os/files.ts: the same size limits, base
 * names only, atomic writes.
 */
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { FILE_KINDS, readLimitedFile, writeFileAtomically, type FileAccess, type FileKind } from '../os/files';

export interface HostFiles extends FileAccess {
  /** The next open dialog of this kind "chooses" `file`. */
  willOpen(kind: FileKind, file: string): void;
  /** Where saved CSV, PDF and bundle files go. */
  readonly saveDir: string;
  /** The next folder dialog (backups) "chooses" `folder`. */
  willChooseFolder(folder: string): void;
  /** The folder queued with willChooseFolder, or null (the user cancelled). */
  chooseFolder(): Promise<string | null>;
}

export function createHostFiles(saveDir: string): HostFiles {
  const queued: Record<FileKind, string[]> = { csv: [], bundle: [], backup: [], pdf: [] };
  const folders: string[] = [];
  return {
    saveDir,
    willOpen(kind, file) {
      queued[kind].push(file);
    },
    willChooseFolder(folder) {
      folders.push(folder);
    },
    async chooseFolder() {
      return folders.shift() ?? null;
    },
    async open(kind) {
      const file = queued[kind].shift();
      return file === undefined ? null : readLimitedFile(file, FILE_KINDS[kind].maxBytes);
    },
    async save(kind, suggestedName, bytes) {
      if (bytes.byteLength > FILE_KINDS[kind].maxBytes) throw new AppError('file-too-large', 'the file is too large');
      // The contract already refuses directory parts; a base name that still differs is not written.
      if (path.basename(suggestedName) !== suggestedName) throw new AppError('file-failed', 'not a plain file name');
      await writeFileAtomically(path.join(saveDir, suggestedName), bytes);
      return true;
    },
  };
}
