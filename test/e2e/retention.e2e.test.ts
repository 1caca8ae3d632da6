/**
 * Retention that really deletes, in the production renderer (Chromium, its real IndexedDB): a
 * restricted note dated long ago is written through the note form; at the next unlock the app
 * expires it and compacts the space (ARCHITECTURE.md "Checkpoints and compaction"), the note is
 * gone from the profile, and History says plainly where compacted history begins, in English and
 * Spanish; axe finds 0 violations; screenshots (SCREENSHOT_DIR). The store itself is scanned: a
 * copy of Chromium's IndexedDB opened with the vault's keys (every entry, snapshot, roster read index
 * and checkpoint decrypted) holds the note's text (or the tiered field) before, and nowhere after. (The raw profile files hold only
 * ciphertext either way: SECURITY.md "Checkpoints, compaction and retention" says what else keeps it.)
 */
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { addMember, createVault, go, PASSPHRASE, typeDay, unlock } from './flows';
import { profileCopy } from './profile-copy';
import { scanAtRest } from '../shared/vault/at-rest-scan';
import { initCrypto } from '../../shared/crypto';

beforeAll(() => initCrypto());
import { shot } from './screenshots';

const app = useApp();
const SECRET = 'Her cousin is undocumented and works at the plant';

test('an expired note is gone after unlock, and History says where compacted history begins', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await addMember(page, { first: 'Ximena', last: 'Oduya' });
  await typeDay(page, 'Date', '2020-01-15');
  await page.getByLabel('Sensitivity').selectOption('restricted');
  await page.getByLabel('What was said').fill(SECRET);
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByText('Note saved.').waitFor();
  await page.getByText(SECRET).waitFor();
  await go(page, 'History');
  await page.getByTestId('history-count').waitFor();
  expect(await page.getByTestId('history-compacted').count()).toBe(0); // nothing compacted yet

  // Retention runs when the space opens (and each midnight): lock, then unlock.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  // Locked: the entries (and the snapshot written at lock) still hold the text.
  expect((await scanAtRest(await profileCopy(page), PASSPHRASE, SECRET)).length).toBeGreaterThan(0);
  await unlock(page);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await go(page, 'History');
  await page.getByText(/^Earlier changes were compacted on .+ to remove expired notes/).waitFor();
  await expectNoViolations(page, 'history (compacted)');
  await shot(page, 'en-history-compacted');

  await go(page, 'Roster');
  await page
    .getByRole('button', { name: /Ximena/ })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: /Ximena/ }).waitFor();
  expect(await page.getByText(SECRET).count()).toBe(0);
  // Off the disk: nothing Chromium stores holds it, opened with the vault's own keys.
  expect(await scanAtRest(await profileCopy(page), PASSPHRASE, SECRET)).toEqual([]);

  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await go(page, 'Historial');
  await page.getByText(/^Los cambios anteriores se compactaron el .+ para eliminar las notas vencidas/).waitFor();
  await expectNoViolations(page, 'history (compacted, es)');
  await shot(page, 'es-history-compacted');
  expect(problems.errors).toEqual([]);
}, 240_000);

test('a member field the chapter tiered: the profile says when it is cleared; past its days it is gone from the disk', async () => {
  const { page, context, problems } = await app.open();
  const STREET = '4417 Calle Esperanza, apt 9';
  // Written on 2 January 2026 (the page's clock; timers keep running): restricted keeps it 180 days.
  await context.clock.setFixedTime(new Date('2026-01-02T15:00:00Z'));
  await createVault(page);
  await go(page, 'Settings');
  await page.getByLabel('Home address').selectOption('restricted');
  await page.getByText('Home address: Restricted.').waitFor();
  await page.getByText('cleared 180 days after it was last written.').waitFor();
  await expectNoViolations(page, 'settings (field tiers)');
  await shot(page, 'en-settings-field-tiers');
  await addMember(page, { first: 'Marisol', last: 'Quispe' });
  await page.getByRole('button', { name: 'Edit Where' }).click();
  const form = page.getByRole('form', { name: 'Where' });
  await form.getByLabel('Street address').fill(STREET);
  await form.getByRole('button', { name: 'Save' }).click();
  const panel = page.getByTestId('field-retention');
  await panel.getByText('Home address: Cleared on July 1, 2026 (Restricted)').waitFor();
  await expectNoViolations(page, 'profile (field retention)');
  await shot(page, 'en-profile-field-retention');
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await panel.getByText('Domicilio: Se borra el 1 de julio de 2026 (Restringida)').waitFor();
  await expectNoViolations(page, 'profile (field retention, es)');
  await shot(page, 'es-profile-field-retention');
  await go(page, 'Ajustes');
  await page.getByText('se borra 180 días después de su última modificación.').waitFor();
  await expectNoViolations(page, 'settings (field tiers, es)');
  await shot(page, 'es-settings-field-tiers');
  await page.getByLabel('Idioma', { exact: true }).first().selectOption('en');

  // Today (in the page's clock too): lock, then unlock; retention clears the field and compacts.
  await context.clock.setFixedTime(new Date());
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  // The entries, the snapshot written at lock, and the roster's read index beside it all hold it.
  const held = await scanAtRest(await profileCopy(page), PASSPHRASE, STREET);
  expect(held.filter((h) => String(h.key).startsWith('readindex:'))).toHaveLength(1);
  await unlock(page);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await go(page, 'History');
  await page.getByText(/^Earlier changes were compacted on /).waitFor();
  await go(page, 'Roster');
  await page
    .getByRole('button', { name: /Marisol/ })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: /Marisol/ }).waitFor();
  expect(await page.getByText(STREET).count()).toBe(0);
  expect(await page.getByTestId('field-retention').count()).toBe(0);
  expect(await scanAtRest(await profileCopy(page), PASSPHRASE, STREET)).toEqual([]);
  expect(problems.errors).toEqual([]);
}, 240_000);
