/**
 * Open/save dialogs for CSV, PDF and bundle files. Only base names and bytes reach the renderer, never
 * full paths; sizes are bounded before a file is read; saves are written atomically.
 */
import type { BaseWindow, Dialog } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { BUNDLE_EXTENSION, LIMITS, type OpenedFile } from '../../shared/ipc/contract';
import { BACKUP_EXTENSION } from '../backup/external';

export type FileKind = 'csv' | 'bundle' | 'backup' | 'pdf';

export const FILE_KINDS: Readonly<Record<FileKind, { name: string; extensions: string[]; maxBytes: number }>> = {
  csv: { name: 'CSV', extensions: ['csv'], maxBytes: LIMITS.csvBytes },
  bundle: { name: 'Sealed Roster bundle', extensions: [BUNDLE_EXTENSION], maxBytes: LIMITS.bundleBytes },
  backup: { name: 'Sealed Roster backup', extensions: [BACKUP_EXTENSION], maxBytes: LIMITS.backupFileBytes },
  pdf: { name: 'PDF', extensions: ['pdf'], maxBytes: LIMITS.pdfBytes },
};

/** Reads a whole file if it is a regular file no larger than `maxBytes`. */
export async function readLimitedFile(file: string, maxBytes: number): Promise<OpenedFile> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    throw new AppError('file-failed', 'the file could not be opened');
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppError('file-failed', 'not a regular file');
    if (stat.size > maxBytes) throw new AppError('file-too-large', `the file is larger than ${maxBytes} bytes`);
    const bytes = new Uint8Array(await handle.readFile());
    if (bytes.byteLength > maxBytes) throw new AppError('file-too-large', `the file is larger than ${maxBytes} bytes`);
    return { name: path.basename(file), bytes };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('file-failed', 'the file could not be read');
  } finally {
    await handle.close();
  }
}

/** Writes beside the target and renames, so a crash never leaves a half-written file under the chosen name. */
export async function writeFileAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
    await fs.rename(temp, file);
  } catch {
    await fs.rm(temp, { force: true });
    throw new AppError('file-failed', 'the file could not be written');
  }
}

export interface FileAccess {
  /** null when the user cancels. */
  open(kind: FileKind): Promise<OpenedFile | null>;
  /** false when the user cancels. */
  save(kind: FileKind, suggestedName: string, bytes: Uint8Array): Promise<boolean>;
}

export type FileDialogs = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;

export function createFileAccess(dialog: FileDialogs, parent: () => BaseWindow | null): FileAccess {
  return {
    async open(kind) {
      const { name, extensions, maxBytes } = FILE_KINDS[kind];
      const options = { properties: ['openFile' as const], filters: [{ name, extensions }] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const chosen = result.filePaths[0];
      if (result.canceled || chosen === undefined) return null;
      return readLimitedFile(chosen, maxBytes);
    },
    async save(kind, suggestedName, bytes) {
      const { name, extensions, maxBytes } = FILE_KINDS[kind];
      if (bytes.byteLength > maxBytes)
        throw new AppError('file-too-large', `the file is larger than ${maxBytes} bytes`);
      const options = { defaultPath: suggestedName, filters: [{ name, extensions }] };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return false;
      await writeFileAtomically(result.filePath, bytes);
      return true;
    },
  };
}
