/**
 * The seized laptop (SECURITY.md "Key hygiene and the seized laptop"): erasing the vault now, and
 * erasing it after N wrong passphrases, leave nothing of it on disk. Checked by scanning every file
 * of the real Chromium profile and of main's backup folder for the vault's own bytes (its salt,
 * its wrapped master key, slices of stored entries) and for a member's name: the scan finds them
 * before the erase, and nothing after it.
 */
import type { Page } from 'playwright-core';
import { landing } from '../crash/actions';
import { expectNoViolations } from './axe';
import { shot } from './screenshots';
import { addMember, createVault, go, PASSPHRASE } from './flows';
import { useCrashRig } from './crash-rig';

const rig = useCrashRig('each test');

const CANARY_FIRST = 'Zyxwanda';

/** Byte strings only this vault has: its KDF salt, wrapped keys, and 32-byte slices of its stored entries. */
async function vaultBytes(page: Page): Promise<Uint8Array[]> {
  const chunks: number[][] = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const r = indexedDB.open('sealed-roster');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const read = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const q = db.transaction(store).objectStore(store).getAll();
        q.onsuccess = () => resolve(q.result);
        q.onerror = () => reject(q.error);
      });
    const out: number[][] = [];
    for (const value of await read('meta')) {
      const v = value as {
        kdf?: { salt: Uint8Array };
        master?: { ciphertext: Uint8Array };
        device?: { ciphertext: Uint8Array };
      };
      if (v.kdf)
        out.push(
          Array.from(v.kdf.salt),
          Array.from(v.master!.ciphertext),
          Array.from(v.device!.ciphertext.slice(0, 32)),
        );
    }
    for (const value of (await read('entries')).slice(0, 4)) {
      const bytes = (value as { bytes: Uint8Array }).bytes;
      out.push(Array.from(bytes.slice(bytes.length - 48, bytes.length - 16))); // inside the signature: random-looking, unique
    }
    db.close();
    return out;
  });
  return [...chunks.map((c) => new Uint8Array(c)), new TextEncoder().encode(CANARY_FIRST)];
}

/**
 * Files still holding a needle after an erase. Autofill's own database ("Web Data") keeps what
 * was typed into forms, outside any origin's storage: keeping member data out of it is the form
 * controls' job (SECURITY.md "What the browser keeps on its own"), checked by its own test.
 */
function leftAfterErase(needles: readonly Uint8Array[]): string[] {
  const vault = rig.filesHolding(needles.slice(0, -1));
  const name = rig.filesHolding(needles.slice(-1)).filter((f) => !f.endsWith(`Default/Web Data`));
  return [...vault, ...name];
}

async function vaultWithCanary(): Promise<{ page: Page; needles: Uint8Array[] }> {
  const page = await rig.launch();
  await createVault(page);
  await addMember(page, { first: CANARY_FIRST, last: 'Canary' });
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  const needles = await vaultBytes(page);
  expect(needles.length).toBeGreaterThan(4);
  const before = rig.filesHolding(needles.slice(0, -1));
  // The scan sees the vault where it is: the browser's store and main's backup folder.
  expect(before.some((f) => f.includes('IndexedDB'))).toBe(true);
  expect(before.some((f) => f.startsWith('backups'))).toBe(true);
  return { page, needles };
}

test('"Erase this vault now" leaves nothing of the vault in the profile or the backup folder', async () => {
  const { page, needles } = await vaultWithCanary();
  await go(page, 'Settings');
  await page.getByRole('button', { name: 'Erase this vault now…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Erase the vault from this computer?' });
  await expectNoViolations(page, 'erase dialog');
  await shot(page, 'erase-dialog-en');
  await dialog.getByRole('button', { name: 'Erase now' }).click();
  await page.getByRole('heading', { name: 'Create your vault' }).waitFor({ timeout: 30_000 });
  await page.getByText('The vault was erased from this computer.').waitFor();
  expect(leftAfterErase(needles)).toEqual([]);

  // Started again, the computer looks new: a first run, not "your vault needs to be restored".
  await rig.kill();
  expect(await landing(await rig.launch())).toBe('first-run');
  expect(leftAfterErase(needles)).toEqual([]);
}, 180_000);

test('after the set number of wrong passphrases the vault is erased, and nothing of it remains', async () => {
  const { page, needles } = await vaultWithCanary();
  await go(page, 'Settings');
  await page.getByLabel('Erase the vault after').selectOption('5');
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.getByLabel('Passphrase', { exact: true }).fill(`not it ${attempt}`);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page
      .getByTestId('attempts-left')
      .filter({ hasText: String(5 - attempt) })
      .waitFor({ timeout: 30_000 });
  }
  await page.getByText('1 more wrong attempt and the vault on this computer will be erased.').waitFor();
  await expectNoViolations(page, 'unlock with attempts left');
  await shot(page, 'unlock-attempts-left-en');
  // A restart does not reset the count: it is kept by main, outside the browser.
  await rig.kill();
  const again = await rig.launch();
  await again.getByTestId('attempts-left').filter({ hasText: '1 more' }).waitFor({ timeout: 30_000 });
  await again.getByLabel('Language', { exact: true }).selectOption('es');
  await again.getByText('Con 1 intento incorrecto más, se borrará la bóveda de esta computadora.').waitFor();
  await expectNoViolations(again, 'unlock with attempts left, in Spanish');
  await shot(again, 'unlock-attempts-left-es');
  await again.getByLabel('Idioma').selectOption('en');
  await again.getByLabel('Passphrase', { exact: true }).fill('not it 5');
  await again.getByRole('button', { name: 'Unlock', exact: true }).click();
  await again.getByRole('heading', { name: 'Create your vault' }).waitFor({ timeout: 30_000 });
  expect(leftAfterErase(needles)).toEqual([]);
  expect(PASSPHRASE).not.toContain('not it');
}, 180_000);
