/**
 * "Seen, not assumed": screenshots of screens compared with their stored reference images.
 *
 * References live in test/e2e/screens/ (committed PNGs); each run writes what it saw to
 * test-results/screens/ (ignored by git), and for a changed screen also `<name>.diff.png` with the
 * changed pixels in red. `npm run screenshots:update` (UPDATE_SCREENSHOTS=1) accepts the new pictures.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const REFERENCE_DIR = path.join(__dirname, 'screens');
export const OUTPUT_DIR = path.join(__dirname, '..', '..', 'test-results', 'screens');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';

/**
 * Pixels that may differ before a screen counts as changed. Chromium draws these screens the same way on
 * every run (system fonts, animations off, a fixed clock), so the allowance is small: blanking the Lock
 * button's label changes about sixty (test/e2e/visual.test.ts).
 */
export const CHANGED_PIXELS = 10;

export interface Comparison {
  readonly name: string;
  /** 'missing': no reference yet; 'updated': the reference was replaced (UPDATE_SCREENSHOTS=1). */
  readonly outcome: 'same' | 'changed' | 'missing' | 'updated';
  readonly changedPixels: number;
}

/**
 * Takes the screenshot (the viewport: a fixed size, animations stopped, the caret hidden) with `mask`
 * painted over what differs on every run (keys, ports) and writes it to test-results/screens.
 */
export async function seeScreen(page: Page, name: string, mask: Locator[] = []): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const actual = await page.screenshot({ animations: 'disabled', caret: 'hide', mask, maskColor: '#ff00ff' });
  writeFileSync(path.join(OUTPUT_DIR, `${name}.png`), actual);
  return name;
}

export interface PictureJob {
  readonly name: string;
  readonly reference: string;
  readonly actual: string;
  /** Where the picture of the changed pixels goes, when some changed. */
  readonly diff: string;
}

/** Changed pixels per picture (null: no reference, or another size), counted in plain Node (compare-png.mjs). */
export function comparePictures(jobs: readonly PictureJob[]): { name: string; changedPixels: number | null }[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'compare-png.mjs')], {
    input: JSON.stringify(jobs),
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.toString()) as { name: string; changedPixels: number | null }[];
}

/** Compares the named screenshots with their references (or replaces the references when updating). */
export function compareScreens(names: readonly string[]): Comparison[] {
  const reference = (name: string) => path.join(REFERENCE_DIR, `${name}.png`);
  const actual = (name: string) => path.join(OUTPUT_DIR, `${name}.png`);
  if (UPDATE) {
    mkdirSync(REFERENCE_DIR, { recursive: true });
    for (const name of names) copyFileSync(actual(name), reference(name));
    return names.map((name) => ({ name, outcome: 'updated', changedPixels: 0 }));
  }
  const jobs = names.map((name) => ({
    name,
    reference: reference(name),
    actual: actual(name),
    diff: path.join(OUTPUT_DIR, `${name}.diff.png`),
  }));
  return comparePictures(jobs).map(({ name, changedPixels }) => ({
    name,
    outcome:
      changedPixels === null || !existsSync(reference(name))
        ? 'missing'
        : changedPixels > CHANGED_PIXELS
          ? 'changed'
          : 'same',
    changedPixels: changedPixels ?? 0,
  }));
}
