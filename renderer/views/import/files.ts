/**
 * Getting a CSV in and out (and a PDF out): the platform's dialogs under Electron or the
 * browser host, a file input and a download link in a plain browser tab.
 */
import { getPlatform } from '../../platform';

/** Opens the platform's CSV dialog; null when the user cancels. Only when `hasCsvDialog()`. */
export async function openCsvWithDialog(): Promise<{ name: string; bytes: Uint8Array } | null> {
  const platform = getPlatform();
  if (!platform) return null;
  return platform.api.dialog.openCsv(); // a failure is an AppError already (renderer/platform)
}

export function hasCsvDialog(): boolean {
  return getPlatform() !== null;
}

/** The bytes of a file chosen with an `<input type=file>`. */
export function readChosenFile(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** Saves CSV text: the save dialog when there is a platform, else a download. False when cancelled. */
export function saveCsv(suggestedName: string, text: string): Promise<boolean> {
  return saveFile('csv', suggestedName, new TextEncoder().encode(text));
}

/** Saves a PDF the renderer made (a call sheet, a report), the same way. */
export function savePdf(suggestedName: string, bytes: Uint8Array<ArrayBuffer>): Promise<boolean> {
  return saveFile('pdf', suggestedName, bytes);
}

const TYPES = { csv: 'text/csv;charset=utf-8', pdf: 'application/pdf' } as const;

/**
 * The bytes stay in memory until the organizer chose where they go: nothing is
 * written to a temporary file first (SECURITY.md "Lists and reports that leave the app").
 */
async function saveFile(
  kind: keyof typeof TYPES,
  suggestedName: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const platform = getPlatform();
  if (platform) {
    const request = { suggestedName, bytes };
    const result =
      kind === 'csv' ? await platform.api.dialog.saveCsv(request) : await platform.api.dialog.savePdf(request);
    return result.saved;
  }
  const url = URL.createObjectURL(new Blob([bytes], { type: TYPES[kind] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return true;
}
