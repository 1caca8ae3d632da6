/**
 * Screenshots of the screens a test walks through, for people to look at: written only when
 * E2E_SCREENSHOTS names a folder (`E2E_SCREENSHOTS=/tmp/shots npx jest test/e2e/sharing`).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
