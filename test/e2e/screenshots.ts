/**
 * Screenshots of the screens a test walks through, for people to look at: written only when
 * SCREENSHOT_DIR names a folder (`SCREENSHOT_DIR=/tmp/shots npx jest test/e2e/sharing`).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
