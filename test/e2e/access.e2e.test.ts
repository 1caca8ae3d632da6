/** axe-core finds no violation on any view, in English and in Spanish; the Spanish UI is complete. */
import { useApp } from './fixture';
import { expectNoViolations } from './axe';
import { addMember, go, PASSPHRASE } from './flows';

const app = useApp();

test('axe reports 0 violations on every view', async () => {
  const { page, problems } = await app.open();
  await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
  await expectNoViolations(page, 'first run');

  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByTestId('recovery-key').waitFor({ timeout: 30_000 });
  await expectNoViolations(page, 'recovery key');
  await page.getByLabel('I have stored the recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Set up your chapter', level: 1 }).waitFor();
  await expectNoViolations(page, 'guided first run');
  await page.getByRole('button', { name: 'Not now: go to Today' }).click();
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await expectNoViolations(page, 'today (new chapter)');
  await go(page, 'Roster');
  await expectNoViolations(page, 'empty roster');

  for (const view of ['Member profile', 'Notes and follow-ups', 'Skills', 'History', 'Spaces', 'Settings']) {
    await go(page, view);
    await expectNoViolations(page, `${view} (empty)`);
  }

  await page.getByLabel('Members', { exact: true }).selectOption('100');
  await page.getByRole('button', { name: 'Create sample members' }).click();
  await page.getByText('100 sample members created.').waitFor();
  await addMember(page, { first: 'Lucía', last: 'Hernández', phone: '213 555 0199' });
  await expectNoViolations(page, 'member profile');
  for (const view of ['Roster', 'Notes and follow-ups', 'Skills', 'History']) {
    await go(page, view);
    await expectNoViolations(page, view);
  }
  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Add member' }).click();
  await expectNoViolations(page, 'add member dialog');
  await page.keyboard.press('Escape');
  await page
    .getByRole('button', { name: /^Delete / })
    .first()
    .click();
  await expectNoViolations(page, 'delete dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  await expectNoViolations(page, 'locked');
  // The locked screen shows no member data.
  expect(await page.locator('body').innerText()).not.toContain('Lucía');
  expect(problems.errors).toEqual([]);
}, 120_000);

test('the Spanish interface is complete and accessible, and keyboard navigation works', async () => {
  const { page, problems } = await app.open({ locale: 'es-MX' });
  await page.getByRole('heading', { name: 'Cree su bóveda' }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('es');
  await page.getByLabel('Frase de contraseña', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Escriba la frase de contraseña otra vez').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Crear la bóveda' }).click();
  await page.getByLabel('Guardé la clave de recuperación en un lugar seguro').check({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('heading', { name: 'Prepare su sección', level: 1 }).waitFor();
  await expectNoViolations(page, 'guided first run (es)');
  await page.getByRole('button', { name: 'Ahora no: ir a Hoy' }).click();
  await page.getByRole('heading', { name: 'Hoy', level: 1 }).waitFor();
  await expectNoViolations(page, 'today (es, new chapter)');
  await go(page, 'Lista de miembros');
  await expectNoViolations(page, 'roster (es)');

  // Keyboard only: Tab to the navigation, Enter opens Settings.
  const settings = page.getByRole('navigation').getByRole('button', { name: 'Ajustes' });
  for (let i = 0; i < 80 && !(await settings.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Ajustes', level: 1 }).waitFor();
  await expectNoViolations(page, 'settings (es)');

  // No English left in the visible text of the main views.
  for (const view of ['Hoy', 'Perfil del miembro', 'Notas y seguimientos', 'Habilidades', 'Historial', 'Espacios']) {
    await page.getByRole('navigation').getByRole('button', { name: view, exact: true }).click();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\b(the|and|member|skill|notes?|history|settings)\b/i);
    await expectNoViolations(page, `${view} (es)`);
  }

  // Switching back to English works from the header.
  await page.getByLabel('Idioma').first().selectOption('en');
  await page.getByRole('navigation').getByRole('button', { name: 'Roster', exact: true }).waitFor();
  expect(problems.errors).toEqual([]);
}, 120_000);
