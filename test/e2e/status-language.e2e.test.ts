/**
 * What a screen said back after an action follows the language the organizer switches to, in the real
 * app (renderer/components/StatusLine.tsx): a profile section's "Saved.", a note's "Note saved.", a field's
 * retention choice; and why a form refuses a field. Pictured in Spanish for people to look at (SCREENSHOT_DIR).
 */
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { createVault, go, setLanguage } from './flows';
import { fillSample } from './sample';
import { shot } from './screenshots';

const app = useApp();

test('a status said in English reads in Spanish once the language is switched, and back', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await (
    await fillSample(page, 100)
  )();

  // A profile section saved, and a note, in English.
  await go(page, 'Roster');
  await page.locator('[data-member-id]').first().getByRole('button').first().click();
  await page.getByRole('button', { name: 'Edit Name' }).click();
  const name = page.locator('section[data-section="name"]');
  await name.getByRole('button', { name: 'Save' }).click();
  await name.getByRole('status').getByText('Saved.', { exact: true }).waitFor();
  const note = page.getByRole('form', { name: 'New note' });
  await note.getByLabel('What was said').fill('Talked about the rent strike.');
  await note.getByRole('button', { name: 'Save note' }).click();
  await note.getByRole('status').getByText('Note saved.', { exact: true }).waitFor();

  await setLanguage(page, 'es');
  await name.getByRole('status').getByText('Guardado.', { exact: true }).waitFor();
  await page
    .getByRole('form', { name: 'Nueva nota' })
    .getByRole('status')
    .getByText('Nota guardada.', { exact: true })
    .waitFor();
  await expectNoViolations(page, 'profile after saving (es)');
  await shot(page, 'status-profile.es');

  // A retention choice said in Spanish, values too, then read back in English.
  await go(page, 'Ajustes');
  const tiers = page.getByRole('region', { name: 'Campos delicados de los miembros' });
  await tiers.getByLabel('Domicilio').selectOption('sensitive');
  await tiers.getByRole('status').getByText('Domicilio: Sensible.', { exact: true }).waitFor();
  await shot(page, 'status-settings.es');
  await setLanguage(page, 'en');
  await page
    .getByRole('region', { name: 'Sensitive member fields' })
    .getByRole('status')
    .getByText('Home address: Sensitive.', { exact: true })
    .waitFor();

  // A required field left empty is refused in the app's language, not the system's (Chromium's own words are English here).
  await setLanguage(page, 'es');
  await go(page, 'Lista de miembros');
  await page.getByRole('button', { name: 'Añadir miembro' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuevo miembro' });
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  const first = dialog.getByLabel(/^Nombre/);
  expect(await first.evaluate((el) => (el as HTMLInputElement).validationMessage)).toBe('Rellene este campo.');
  await shot(page, 'status-required.es');
  await first.fill('Ana');
  expect(await first.evaluate((el) => (el as HTMLInputElement).validationMessage)).toBe('');
  expect(problems.errors).toEqual([]);
}, 240_000);
