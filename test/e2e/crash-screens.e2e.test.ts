/**
 * The screens of crash safety, in English and Spanish, with axe: the save state in the top bar,
 * the recovery screen (the browser's store vanished), the unlock screen after a restore, and
 * Settings (passphrase, backups, erasing). Set SCREENSHOT_DIR to keep a picture of each.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectNoViolations } from './axe';
import { shot } from './screenshots';
import { addMember, createVault, go, unlock } from './flows';
import { useCrashRig } from './crash-rig';

const rig = useCrashRig('whole file');

async function look(page: Page, name: string): Promise<void> {
  await expectNoViolations(page, name);
  await shot(page, name);
}

async function language(page: Page, lng: 'en' | 'es'): Promise<void> {
  await page
    .getByLabel(/^(Language|Idioma)$/)
    .first()
    .selectOption(lng);
}

test('save state, recovery, restore and Settings read plainly in both languages and pass axe', async () => {
  let page = await rig.launch();
  await createVault(page);
  await addMember(page, { first: 'Ana', last: 'Screens' });
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  await go(page, 'Roster');
  await look(page, 'roster-saved-en');

  await go(page, 'Settings');
  await page.getByRole('heading', { name: 'Passphrase', level: 2 }).waitFor();
  await look(page, 'settings-en');
  await language(page, 'es');
  await go(page, 'Ajustes');
  await page.getByRole('heading', { name: 'Frase de contraseña', level: 2 }).waitFor();
  await look(page, 'settings-es');
  await page.getByRole('button', { name: 'Borrar esta bóveda ahora…' }).click();
  await page.getByRole('dialog', { name: '¿Borrar la bóveda de esta computadora?' }).waitFor();
  await look(page, 'erase-dialog-es');
  await page.getByRole('button', { name: 'Cancelar' }).click();
  await page.getByLabel('Frase de contraseña actual').fill('violet tractor harbor 42 lantern');
  await page.getByLabel('Nueva frase de contraseña').fill('otra frase de contraseña bastante larga 7');
  await page.getByLabel('Escriba la frase de contraseña otra vez').fill('otra frase de contraseña bastante larga 7');
  await page.getByLabel('La frase de contraseña, la clave de recuperación y la clave maestra').check();
  await page.getByRole('button', { name: 'Cambiar la frase de contraseña' }).click();
  await page.getByTestId('recovery-key').waitFor({ timeout: 60_000 });
  await look(page, 'settings-new-key-es');
  await page.getByRole('button', { name: 'Cancelar' }).click(); // nothing was written
  await language(page, 'en');
  await rig.kill();

  // The browser's store vanishes (a profile cleaned up, a disk tool, Chromium's own recovery).
  rmSync(rig.indexedDb()!, { recursive: true, force: true });
  page = await rig.launch();
  // The language is a preference in localStorage, which Chromium writes a few seconds late: the kill may lose it.
  await page
    .getByRole('heading', { name: /^(Your vault needs to be restored|Debe restaurar su bóveda)$/ })
    .waitFor({ timeout: 60_000 });
  await language(page, 'en');
  await page.getByRole('heading', { name: 'Your vault needs to be restored' }).waitFor();
  await look(page, 'lost-en');
  await language(page, 'es');
  await page.getByRole('heading', { name: 'Debe restaurar su bóveda' }).waitFor();
  await look(page, 'lost-es');
  await page.getByRole('button', { name: 'Restaurar mi bóveda' }).click();
  await page.getByTestId('restored').waitFor();
  await look(page, 'restored-es');
  await language(page, 'en');
  await look(page, 'restored-en');
  await unlock(page);
  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Ana Screens', exact: true }).waitFor();
}, 180_000);
