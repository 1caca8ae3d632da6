import { useApp } from './fixture';
import { createVault, go, PASSPHRASE, unlock } from './flows';

const app = useApp();

test('first run creates a vault under the CSP, shows the recovery key once, and wrong passphrases are refused', async () => {
  const { page, problems } = await app.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");

  await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
  // A weak passphrase is refused with a plain sentence.
  await page.getByLabel('Passphrase', { exact: true }).fill('password1');
  await page.getByLabel('Type the passphrase again').fill('password1');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('alert').filter({ hasText: 'too easy to guess' }).waitFor();

  const recoveryKey = await createVault(page);
  expect(recoveryKey.length).toBeGreaterThan(20);

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  // The recovery key is never shown again.
  expect(await page.getByText(recoveryKey).count()).toBe(0);

  await unlock(page, 'not the passphrase');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe(
    'That passphrase is not right. Check the keyboard language and Caps Lock, then try again.',
  );

  await unlock(page, PASSPHRASE);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

  // The recovery key opens the vault too.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('button', { name: 'I forgot my passphrase: use the recovery key' }).click();
  await page.getByLabel('Recovery key').fill(recoveryKey);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await go(page, 'Settings');
  expect(problems.errors).toEqual([]);
}, 90_000);
