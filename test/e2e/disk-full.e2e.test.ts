/**
 * A full disk in the real Chromium: IndexedDB refuses writes (injected by
 * making readwrite transactions throw QuotaExceededError, as a full disk
 * does). The organizer's change stays on screen, a warning says what to do,
 * Lock asks first, and once the disk takes writes again the change is saved
 * and survives lock → reload → unlock.
 */
import { useApp } from './fixture';
import { addMember, createVault, go, unlock } from './flows';

const app = useApp();

test('changes made while the disk is full are kept, announced and saved once there is room', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await addMember(page, { first: 'José', last: 'Muñoz' });

  await page.evaluate(() => {
    const flag = window as unknown as { diskFull: boolean };
    flag.diskFull = true;
    const real = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof real>) {
      if (flag.diskFull && args[1] === 'readwrite') throw new DOMException('The disk is full', 'QuotaExceededError');
      return real.apply(this, args);
    } as typeof real;
  });
  await addMember(page, { first: 'Ana', last: 'Pérez' });
  const warning = page.getByRole('alert').filter({ hasText: 'not saved on this computer yet' });
  await warning.waitFor({ timeout: 10_000 });

  // Lock asks first; Cancel keeps the app open with the change.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Lock with unsaved changes?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await go(page, 'Roster');
  await page.locator('[data-testid="roster-count"][data-count="2"]').waitFor();

  // Room again: the retry writes it (every 5 s) and the warning gives way to a note.
  await page.evaluate(() => ((window as unknown as { diskFull: boolean }).diskFull = false));
  await page.getByRole('status').filter({ hasText: 'All your changes are saved again.' }).waitFor({ timeout: 15_000 });
  expect(await warning.count()).toBe(0);

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  await page.reload();
  await unlock(page);
  await go(page, 'Roster');
  await page.locator('[data-testid="roster-count"][data-count="2"]').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Ana Pérez', exact: true }).waitFor();
  expect(problems.errors).toEqual([]);
}, 120_000);
