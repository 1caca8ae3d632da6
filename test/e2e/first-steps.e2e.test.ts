/**
 * What a new organizer meets in the first minutes, in real Chromium, in English and Spanish:
 * counts in the right plural and grouped by language, the first space named in the reader's
 * language, same-named spaces told apart, and the space used last reopened after unlock.
 */
import type { Page } from 'playwright-core';
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { addMember, createVault, go, unlock } from './flows';
import { shot } from './screenshots';

const app = useApp();

const switcher = (page: Page) => page.locator('#space-switcher');
const switcherLabels = (page: Page) => switcher(page).locator('option').allInnerTexts();
const selectedLabel = (page: Page) => switcher(page).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);

async function createSpace(page: Page, name: string) {
  await go(page, 'Spaces');
  const before = await switcher(page).locator('option').count();
  await page.getByLabel('Name of the new space').fill(name);
  await page.getByRole('button', { name: 'Create space' }).click();
  await page.waitForFunction(
    (n) => (document.querySelector('#space-switcher') as HTMLSelectElement | null)?.options.length === n,
    before + 1,
  );
}

test('first steps: plurals, grouped numbers, the first space in the reader language, same names told apart, the last space reopened', async () => {
  const { page, problems } = await app.open();
  await createVault(page);

  // A thousand sample members: the count grouped by the language (en 1,000; es 1000, as Spanish groups from 10.000).
  await go(page, 'Settings');
  await page.getByLabel('Members', { exact: true }).selectOption('1000');
  await page.getByRole('button', { name: 'Create sample members' }).click();
  await page.getByText('1,000 sample members created.').waitFor({ timeout: 90_000 });
  await go(page, 'Roster');
  await page.getByText('Showing 1,000 of 1,000 members', { exact: true }).waitFor({ timeout: 60_000 });
  await expectNoViolations(page, 'roster (1,000 members)');
  await shot(page, 'en-first-steps-roster');

  // The first space has no stored name: it reads "My chapter" here.
  expect(await switcherLabels(page)).toEqual(['My chapter']);
  // Two spaces with the same name are told apart by a tag from their ids.
  await createSpace(page, 'Housing');
  await createSpace(page, 'Housing');
  const labels = await switcherLabels(page);
  expect(labels[0]).toBe('My chapter');
  expect(labels.slice(1)).toEqual([
    expect.stringMatching(/^Housing \(no\. \d{5}\)$/),
    expect.stringMatching(/^Housing \(no\. \d{5}\)$/),
  ]);
  expect(labels[1]).not.toBe(labels[2]);
  // The new space is still opening for a moment after it is made: check the screen once it shows.
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await expectNoViolations(page, 'spaces (two named alike)');
  await shot(page, 'en-first-steps-spaces');

  // One member: singular, in the count and in the export button.
  await switcher(page).selectOption({ label: labels[1]! });
  await addMember(page, { first: 'Rosa', last: 'Parks', phone: '313-555-0100' });
  await go(page, 'Roster');
  await page.getByText('Showing 1 of 1 member', { exact: true }).waitFor();
  await go(page, 'Import and export');
  await page.getByRole('button', { name: 'Export CSV (1 member)' }).waitFor();

  // The space used last (that "Housing") opens again after unlock, not the first space.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  await page.reload();
  await unlock(page);
  await go(page, 'Roster'); // the app opens on Today; the roster is one step away
  await page.getByRole('heading', { name: 'Roster', level: 1 }).waitFor();
  expect(await selectedLabel(page)).toBe(labels[1]);
  await page.getByText('Showing 1 of 1 member', { exact: true }).waitFor();

  // In Spanish: the first space reads "Mi sección"; counts in Spanish plurals and grouping.
  await page.getByRole('banner').getByLabel('Language', { exact: true }).selectOption('es');
  await page.getByText('Mostrando 1 de 1 miembro', { exact: true }).waitFor();
  expect((await switcherLabels(page))[0]).toBe('Mi sección');
  expect(await selectedLabel(page)).toMatch(/^Housing \(n\.º \d{5}\)$/);
  await page.getByRole('navigation').getByRole('button', { name: 'Importar y exportar', exact: true }).click();
  await page.getByRole('button', { name: 'Exportar CSV (1 miembro)' }).waitFor();
  await switcher(page).selectOption({ index: 0 });
  await page.getByRole('navigation').getByRole('button', { name: 'Lista de miembros', exact: true }).click();
  await page.getByText('Mostrando 1000 de 1000 miembros', { exact: true }).waitFor({ timeout: 30_000 });
  await expectNoViolations(page, 'roster in Spanish');
  await shot(page, 'es-first-steps-roster');
  await page.getByRole('navigation').getByRole('button', { name: 'Espacios', exact: true }).click();
  await page.getByRole('heading', { name: 'Espacios', level: 1 }).waitFor();
  await shot(page, 'es-first-steps-spaces');
  expect(problems.errors).toEqual([]);
}, 240_000);
