/** Files the app hands the browser as downloads (no platform: a plain tab), read back for checks. */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { FileChooser, Locator, Page } from 'playwright-core';

/** Clicks `button` and returns the name and bytes of the file it saved. */
export async function savedFile(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/**
 * Chooses a file as an organizer does (renderer/components/FileChooser.tsx): presses the app's button
 * named `label`, which opens the system's file dialog, and picks `files` there.
 */
export async function chooseFile(
  page: Page,
  label: string,
  files: Parameters<FileChooser['setFiles']>[0],
): Promise<void> {
  const [dialog] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: label }).click(),
  ]);
  await dialog.setFiles(files);
}

/** The text a PDF shows: every string drawn by its (deflated) content streams, in order. */
export function pdfText(bytes: Buffer): string {
  const text: string[] = [];
  const raw = bytes.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const body = Buffer.from(m[1]!, 'latin1');
    let content: string;
    try {
      content = inflateSync(body).toString('latin1');
    } catch {
      content = m[1]!;
    }
    for (const s of content.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) text.push(s[1]!.replace(/\\(.)/g, '$1'));
  }
  return text.join('\n');
}
