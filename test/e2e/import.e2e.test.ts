/**
 * The import screen in Chromium, production build, no platform (a plain browser tab: the file
 * input is used): choose the national list, see the plan, apply it, find the members in the
 * roster; axe finds no violation on the screen, empty and with a plan shown, in English and Spanish.
 */
import { join } from 'node:path';
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { createVault, go } from './flows';

const app = useApp();
const FIXTURE = join(__dirname, '..', 'shared', 'csv', 'fixtures', 'national-2023.csv');

test('import the national list: plan first, then apply; accessible in both languages', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await go(page, 'Import and export');
  await page.getByRole('heading', { name: 'Import and export', level: 1 }).waitFor();
  await expectNoViolations(page, 'import (empty)');

  await page.getByLabel('CSV file from national').setInputFiles(FIXTURE);
  await page.getByRole('heading', { name: 'What national-2023.csv will change' }).waitFor();
  await page.getByText('New members: 2').waitFor();
  await page.getByText('New members (2)').click(); // opens the list
  await page.getByText('Joaquín Ruiz-Park').waitFor();
  await expectNoViolations(page, 'import plan');

  await page.getByRole('button', { name: 'Apply import' }).press('Enter');
  await page.getByText('Imported: 2 new members, 0 records updated, 0 newly lapsed.').waitFor();
  await go(page, 'Roster');
  await page.getByText('Priya').first().waitFor();

  await page.getByLabel('Language').first().selectOption('es');
  await go(page, 'Importar y exportar');
  await page.getByRole('heading', { name: 'Importar y exportar', level: 1 }).waitFor();
  await page.getByLabel('Archivo CSV de la organización nacional').setInputFiles(FIXTURE);
  await page.getByText('Sin cambios: 2').waitFor(); // the same file again changes nothing
  await expectNoViolations(page, 'import plan (es)');
  expect(problems.errors).toEqual([]);
}, 120_000);
