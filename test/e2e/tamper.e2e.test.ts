/**
 * The evil maid in the real Chromium (SECURITY.md "At rest"): with the app
 * locked, an access-log record is copied to a place the vault never wrote
 * (an inserted change to who organizes the space). At unlock the organizer
 * sees, in English and in Spanish, what was found and that none of it was
 * used, and opens the space with what checks out. axe finds no violation.
 * Screenshots with SCREENSHOT_DIR (./screenshots.ts).
 */
import type { Page } from 'playwright-core';
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { addMember, createVault, go, unlock } from './flows';
import { shot } from './screenshots';

const app = useApp();

/** In the page: copies the first access entry's record to seq 2 of the same author (its MAC names seq 1). */
async function insertAccessRecord(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('sealed-roster');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('entries', 'readwrite');
      const store = tx.objectStore('entries');
      const keys = store.getAllKeys();
      keys.onsuccess = () => {
        const first = (keys.result as unknown[][]).find((k) => k[1] === 'access' && k[3] === 1)!;
        const value = store.get(first as IDBValidKey);
        value.onsuccess = () => store.put(value.result, [first[0], first[1], first[2], 2] as IDBValidKey);
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

test('a change inserted into the access log while locked is told at unlock, and the space opens with what checks out', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await addMember(page, { first: 'José', last: 'Muñoz' });
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();

  await insertAccessRecord(page);
  await unlock(page);
  await page.getByRole('heading', { name: 'This space was changed while the app was locked', level: 1 }).waitFor();
  await page
    .getByRole('listitem')
    .filter({ hasText: '1 change to who organizes this space was added that this app did not write.' })
    .waitFor();
  await shot(page, 'tamper-en');
  await expectNoViolations(page, 'tamper notice (en)');

  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page.getByRole('heading', { name: 'Este espacio se cambió mientras la aplicación estaba bloqueada' }).waitFor();
  await shot(page, 'tamper-es');
  await expectNoViolations(page, 'tamper notice (es)');

  // Keyboard only: Tab reaches the button, Enter goes on.
  const open = page.getByRole('button', { name: 'Abrir con lo que es válido' });
  await open.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Hoy', level: 1 }).waitFor({ timeout: 15_000 }); // the screen after unlock
  await go(page, 'Lista de miembros');
  await page.getByRole('button', { name: 'José Muñoz', exact: true }).waitFor();

  // The next unlock finds nothing.
  await page.getByRole('button', { name: 'Bloquear', exact: true }).click();
  await page.reload();
  await page.getByLabel('Frase de contraseña', { exact: true }).waitFor();
  await page.getByLabel('Frase de contraseña', { exact: true }).fill('violet tractor harbor 42 lantern');
  await page.getByRole('button', { name: 'Desbloquear', exact: true }).click();
  await page.getByRole('heading', { name: 'Hoy', level: 1 }).waitFor({ timeout: 15_000 });
  expect(await page.getByText('Este espacio se cambió').count()).toBe(0);
  expect(problems.errors).toEqual([]);
}, 120_000);
