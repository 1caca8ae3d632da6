/**
 * The guided first run in the production renderer (Chromium): shown once after the vault is made,
 * three steps with "Step n of 3", each skippable, by keyboard alone; axe finds 0 violations in English
 * and Spanish; screenshots (SCREENSHOT_DIR). Two paths a new organizer takes to a populated roster:
 * the sample chapter, and the national list (with the suggested lists taken on the way).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { createVault, go, unlock } from './flows';
import { shot } from './screenshots';
import { chooseFile } from './files';

const app = useApp();
const FIXTURE = join(__dirname, '..', 'shared', 'csv', 'fixtures', 'national-2023.csv');

/** Presses a button from the keyboard: focus, then Enter (what Tab would reach). */
async function press(page: Page, name: string | RegExp) {
  const button = page.getByRole('button', { name, exact: typeof name === 'string' });
  await button.focus();
  await page.keyboard.press('Enter');
}

const stepCount = (page: Page) => page.getByTestId('step-count');

test('create vault → name the chapter → start from the sample → the roster shows members; by keyboard, en and es', async () => {
  const { page, problems } = await app.open();
  await createVault(page, undefined, { guide: true });
  await stepCount(page).getByText('Step 1 of 3').waitFor();
  await expectNoViolations(page, 'first run: name');
  await shot(page, 'en-start-name');

  await page.getByLabel('Chapter name').focus();
  await page.keyboard.type('Eastside Chapter');
  await page.keyboard.press('Enter'); // submits "Save and continue"
  await stepCount(page).getByText('Step 2 of 3').waitFor();
  // The switcher shows the new name, and the keyboard is on the new step's heading.
  await page.locator('#space-switcher option', { hasText: 'Eastside Chapter' }).waitFor({ state: 'attached' });
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Regions, working groups and skills');
  await expectNoViolations(page, 'first run: lists');
  await shot(page, 'en-start-lists');

  // In Spanish: the same step, with plurals, formal address, axe at 0.
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await stepCount(page).getByText('Paso 2 de 3').waitFor();
  await page.getByRole('button', { name: 'Añadir 25 elementos y continuar' }).waitFor();
  await expectNoViolations(page, 'first run: lists (es)');
  await shot(page, 'es-start-lists');
  await press(page, 'Saltar este paso');
  await stepCount(page).getByText('Paso 3 de 3').waitFor();
  await expectNoViolations(page, 'first run: members (es)');
  await shot(page, 'es-start-members');
  await page.getByLabel('Idioma').first().selectOption('en');

  await stepCount(page).getByText('Step 3 of 3').waitFor();
  await expectNoViolations(page, 'first run: members');
  await shot(page, 'en-start-members');
  await press(page, 'Create the sample chapter');
  await page.getByRole('heading', { name: 'Roster', level: 1 }).waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="roster-count"][data-count="100"]').waitFor({ timeout: 30_000 });
  await shot(page, 'en-start-roster');

  // A member's profile reads as a person; a section is edited on its own, and unsaved edits are guarded.
  await page.locator('[data-member-id]').first().getByRole('button').first().click();
  await page.getByRole('region', { name: 'Contact and consent' }).waitFor();
  await expectNoViolations(page, 'member profile (read)');
  await shot(page, 'en-profile');
  await press(page, 'Edit Contact and consent');
  const form = page.getByRole('form', { name: 'Contact and consent' });
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(
    await form.getByLabel('Emails (separate with commas)').getAttribute('id'),
  );
  await page.keyboard.press('End');
  await page.keyboard.type(', new@example.org');
  await expectNoViolations(page, 'member profile (editing)');
  await shot(page, 'en-profile-edit');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Discard your changes?' }).getByRole('button', { name: 'Cancel' }).click();
  await go(page, 'Roster'); // asks first: the roster does not open yet
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await leave.waitFor();
  await expectNoViolations(page, 'leave without saving');
  await leave.getByRole('button', { name: 'Cancel' }).click();
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page.getByRole('form', { name: 'Contacto y consentimiento' }).waitFor();
  await expectNoViolations(page, 'member profile (editing, es)');
  await shot(page, 'es-profile-edit');
  await page.getByRole('button', { name: 'Guardar', exact: true }).click();
  await page.getByRole('button', { name: 'Editar Contacto y consentimiento' }).waitFor();
  await expectNoViolations(page, 'member profile (read, es)');
  await shot(page, 'es-profile');
  await page.getByLabel('Idioma').first().selectOption('en');
  await page.getByRole('region', { name: 'Contact and consent' }).getByText('new@example.org').waitFor();

  // Shown once: after a lock and unlock, the app opens on Today.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  expect(await page.getByRole('heading', { name: 'Set up your chapter' }).count()).toBe(0);
  expect(problems.errors).toEqual([]);
}, 180_000);

test('skip the name, take the suggested lists, import the national list; reopened from Today’s empty roster', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  // Today's empty roster offers the guide again.
  await page.getByRole('heading', { name: 'Your roster is empty' }).waitFor();
  await expectNoViolations(page, 'today with an empty roster');
  await shot(page, 'en-today-start');
  await press(page, 'Set up your chapter');
  await stepCount(page).getByText('Step 1 of 3').waitFor();
  await press(page, 'Skip this step');
  await stepCount(page).getByText('Step 2 of 3').waitFor();
  // One suggestion unticked; the rest are added and continue.
  await page.getByRole('checkbox', { name: 'Driving' }).uncheck();
  await press(page, 'Add 24 items and continue');
  await stepCount(page).getByText('Step 3 of 3').waitFor();
  await press(page, 'Import the national list');
  await page.getByRole('heading', { name: 'Import and export', level: 1 }).waitFor();
  await chooseFile(page, 'CSV file from national', FIXTURE);
  await page.getByRole('button', { name: 'Apply import' }).press('Enter');
  await page.getByText('Imported: 2 new members, 0 records updated, 0 newly lapsed.').waitFor();
  await go(page, 'Roster');
  await page.locator('[data-testid="roster-count"][data-count="2"]').waitFor();
  await page.getByText('Priya').first().waitFor();

  // The suggestions are the chapter's own records now.
  await go(page, 'Groups and committees');
  await page.getByRole('button', { name: 'Political education' }).first().waitFor();
  await go(page, 'Skills');
  await page.getByRole('rowheader', { name: 'Legal observer' }).waitFor();
  expect(await page.getByRole('rowheader', { name: 'Driving' }).count()).toBe(0);
  expect(problems.errors).toEqual([]);
}, 180_000);
