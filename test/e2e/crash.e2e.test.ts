/**
 * Crashes of the real browser (SIGKILL of Chromium's browser process on a persistent profile,
 * test/crash/rig.ts), and the one that used to delete the whole vault: a torn record in
 * IndexedDB's log, which makes Chromium delete the database two sessions later. The app says so
 * plainly and restores every change that showed "Saved" from its second copy in main's backup folder.
 */
import type { Page } from 'playwright-core';
import { CrashRig } from '../crash/rig';
import { addMember, createVault, go, unlock } from './flows';

let rig: CrashRig;
beforeEach(async () => {
  rig = await CrashRig.start();
}, 120_000);
afterEach(async () => {
  await rig?.dispose();
});

/** Waits until the top bar says every change is on disk. */
async function saved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 20_000 });
}

async function rosterHas(page: Page, names: string[]): Promise<void> {
  await go(page, 'Roster');
  for (const name of names) await page.getByRole('button', { name, exact: true }).waitFor({ timeout: 20_000 });
}

test('the store deleted by Chromium after a torn write is never a first run: the app restores every saved change', async () => {
  let page = await rig.launch();
  await createVault(page);
  await addMember(page, { first: 'Ana', last: 'Before' });
  await saved(page);
  await rig.kill();

  // A kill between the two write() calls of a log record, as Chromium's IndexedDB makes them.
  rig.tearStoreLog();
  page = await rig.launch();
  await unlock(page);
  await addMember(page, { first: 'Bruno', last: 'Between' }); // the healthy-looking session in between
  await saved(page);
  await rig.close();

  page = await rig.launch();
  expect(rig.chromiumLog()).toContain('IndexedDB recovering from a corrupted (and deleted) database');
  await page.getByRole('heading', { name: 'Your vault needs to be restored', level: 1 }).waitFor();
  expect(await page.getByRole('heading', { name: 'Create your vault' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Restore my vault' }).click();
  await page.getByTestId('restored').waitFor();
  await unlock(page);
  await rosterHas(page, ['Ana Before', 'Bruno Between']);
}, 180_000);
