/**
 * Settings in Chromium on the browser host: a backup saved to a folder the organizer chose, the
 * passphrase changed with a new recovery key (shown before anything is written), and a computer
 * that lost both the browser's store and the backup copy restored from that backup file, which
 * opens with the passphrase the vault had when the file was saved. English and Spanish, axe.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expectNoViolations } from './axe';
import { shot } from './screenshots';
import { addMember, createVault, go, PASSPHRASE, unlock } from './flows';
import { useCrashRig } from './crash-rig';

const rig = useCrashRig('whole file');

const NEW_PASSPHRASE = 'a brand new passphrase for the chapter, 2025';

async function look(page: Page, name: string): Promise<void> {
  await expectNoViolations(page, name);
  await shot(page, name);
}

test('a folder backup, a passphrase change with a new recovery key, and a restore from the backup file', async () => {
  const usb = path.join(rig.backupDir, '..', 'usb-stick');
  mkdirSync(usb);
  let page = await rig.launch();
  await createVault(page);
  await addMember(page, { first: 'Amara', last: 'InTheBackup' });

  await go(page, 'Settings');
  rig.host.files.willChooseFolder(usb);
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  await page.getByText('Backups go to: usb-stick').waitFor();
  await page.getByRole('button', { name: 'Save a backup now' }).click();
  await page.getByTestId('backup-last').filter({ hasText: 'Last backup:' }).waitFor();
  expect(await page.getByLabel('Save a backup there').inputValue()).toBe('weekly');
  await look(page, 'settings-backup-en');
  const files = readdirSync(usb);
  expect(files).toHaveLength(1);

  await addMember(page, { first: 'Bilal', last: 'AfterTheBackup' });
  await go(page, 'Settings');
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByLabel('New passphrase').fill(NEW_PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill('a brand new passphrase for the chapter');
  await page.getByLabel('The passphrase and the recovery key').check();
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByText('The two passphrases are not the same.').waitFor();
  await page.getByLabel('Type the passphrase again').fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByTestId('recovery-key').waitFor({ timeout: 60_000 });
  await page.getByText('Nothing has changed yet').waitFor();
  await look(page, 'settings-new-key-en');
  await page.getByLabel('I have stored the recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'I stored it: change now' }).click();
  await page.getByText('Your passphrase and recovery key were changed.').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, NEW_PASSPHRASE);
  await page.getByRole('navigation').waitFor();
  await rig.kill();

  // A new computer, in effect: the browser's store and the backup copy are both gone; the marker stays.
  rmSync(rig.indexedDb()!, { recursive: true, force: true });
  for (const name of readdirSync(rig.backupDir).filter((n) => n.endsWith('.srm')))
    rmSync(path.join(rig.backupDir, name));
  page = await rig.launch();
  await page.getByText('No backup copy was found on this computer.').waitFor();
  await look(page, 'lost-no-backup-en');
  await page.getByLabel(/^Language$/).selectOption('es');
  await page.getByText('No se encontró ninguna copia de seguridad en esta computadora.').waitFor();
  await look(page, 'lost-no-backup-es');
  rig.host.files.willOpen('backup', path.join(usb, files[0]!));
  await page.getByRole('button', { name: 'Restaurar desde un archivo de copia de seguridad…' }).click();
  await page.getByTestId('restored').filter({ hasText: 'archivo de copia de seguridad que eligió' }).waitFor();
  await look(page, 'restored-file-es');
  await page.getByLabel(/^Idioma$/).selectOption('en');
  // The file was saved before the change: it opens with the passphrase the vault had then.
  await unlock(page, NEW_PASSPHRASE);
  await page.getByText('That passphrase is not right').waitFor();
  await unlock(page, PASSPHRASE);
  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Amara InTheBackup', exact: true }).waitFor({ timeout: 60_000 }); // two Argon2id unlocks on a loaded machine
  expect(await page.getByRole('button', { name: 'Bilal AfterTheBackup' }).count()).toBe(0);

  // The restored vault writes its own backup copy again: it survives another lost store.
  await addMember(page, { first: 'Chidi', last: 'AfterRestore' });
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  await rig.kill();
  rmSync(rig.indexedDb()!, { recursive: true, force: true });
  page = await rig.launch();
  await page.getByRole('button', { name: 'Restore my vault' }).click();
  await unlock(page, PASSPHRASE);
  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Chidi AfterRestore', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Amara InTheBackup', exact: true }).waitFor({ timeout: 60_000 }); // two Argon2id unlocks on a loaded machine
}, 240_000);
