/**
 * The roster at unlock from the space's read index, in the production renderer (Chromium, its real
 * IndexedDB; ARCHITECTURE.md "The roster's read index"): a 10,000-member sample chapter is locked (the
 * snapshot and the index are written), then unlocked; the roster shows every member and searches while
 * the document still loads behind it, the actions that write and the members' own buttons wait with a
 * reason, then the roster reads the live space with the search text kept. In English and Spanish, axe
 * finds 0 violations in the opening state; screenshots (SCREENSHOT_DIR).
 */
import type { Page } from 'playwright-core';
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { createVault, PASSPHRASE, unlock } from './flows';
import { fillSample, SAMPLE_SIZE } from './sample';
import { shot } from './screenshots';

const app = useApp();

/** Unlocks and goes to the roster as soon as the navigation is there (the app opens on Today). */
async function unlockToRoster(page: Page, roster: string): Promise<void> {
  await unlock(page);
  await page.getByRole('navigation').getByRole('button', { name: roster, exact: true }).click();
}

test('the roster shows and searches from the read index while the space opens, then goes live', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await (
    await fillSample(page)
  )();
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();

  await unlockToRoster(page, 'Roster');
  const why = page.getByText(
    'The space is still opening: adding, changing and opening members wait until it is ready.',
  );
  await why.waitFor({ timeout: 60_000 });
  // Every member, from the preview, and the search works on it.
  await page.locator(`[data-testid="roster-count"][data-count="${SAMPLE_SIZE}"]`).waitFor();
  expect(await page.getByRole('button', { name: 'Add member' }).isDisabled()).toBe(true);
  expect(await page.locator('[data-member-id] button.name').first().isDisabled()).toBe(true);
  await shot(page, 'en-roster-opening');
  await expectNoViolations(page, 'roster (opening)');
  await page.getByLabel('Search').fill('mar');
  // Live: the actions are there, the search text is kept and still applies.
  await why.waitFor({ state: 'detached', timeout: 120_000 });
  expect(await page.getByRole('button', { name: 'Add member' }).isDisabled()).toBe(false);
  expect(await page.getByLabel('Search').inputValue()).toBe('mar');
  const shown = Number(await page.getByTestId('roster-count').getAttribute('data-count'));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(SAMPLE_SIZE);
  expect(await page.locator('[data-member-id] button.name').first().isDisabled()).toBe(false);

  // The same in Spanish.
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page.getByRole('button', { name: 'Bloquear' }).click();
  await page.getByRole('heading', { name: 'Desbloquear' }).waitFor();
  await page.getByLabel('Frase de contraseña', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Desbloquear', exact: true }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Lista de miembros', exact: true }).click();
  const porQue = page.getByText(
    'El espacio todavía se está abriendo: añadir, cambiar y abrir miembros esperan a que esté listo.',
  );
  await porQue.waitFor({ timeout: 60_000 });
  await shot(page, 'es-roster-opening');
  await expectNoViolations(page, 'roster (opening, es)');
  await porQue.waitFor({ state: 'detached', timeout: 120_000 });
  expect(problems.errors).toEqual([]);
}, 400_000);
