/**
 * The import screen in Chromium, production build, no platform (a plain browser tab: the file
 * input is used): choose the national list, see the plan, apply it, find the members in the
 * roster; axe finds no violation on the screen, empty and with a plan shown, in English and Spanish.
 * Next week's file brings what a weekly file can: a member opted back in to calls through national
 * (offered, written only once ticked), a member dropped off the list, a row whose cells slid (left
 * out, the rest applied), a new column the chapter maps to a field; the profile then shows the
 * columns kept from the list. With SCREENSHOT_DIR set, the plan and the profile are saved there as
 * PNGs in both languages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoViolations } from './axe';
import { shot } from './screenshots';
import { useApp } from './fixture';
import { createVault, go } from './flows';
import { chooseFile } from './files';

const app = useApp();
const FIXTURE = join(__dirname, '..', 'shared', 'csv', 'fixtures', 'national-2023.csv');
// Even made up, a membership list does not stay in /tmp.
const dir = mkdtempSync(join(tmpdir(), 'national-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Next week's file from the fixture: Joaquín is no longer on it, Priya may be called again (and has a
 * mobile number), Rosa is new, a row slid (an unquoted comma), and national renamed `mobile_phone` to
 * `text_number`.
 */
function nextWeek(): string {
  const [header, , priyaLine] = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  const columns = header!.split(',');
  const at = (name: string) => columns.indexOf(name);
  const priya = priyaLine!.split(','); // the fixture's Priya row has no quoted cell
  priya[at('do_not_call')] = 'FALSE';
  priya[at('mobile_phone')] = '213-555-0140';
  const rosa = Array<string>(columns.length).fill('');
  [rosa[at('actionkit_id')], rosa[at('first_name')], rosa[at('email')]] = ['400003', 'Rosa', 'rosa.q@example.org'];
  const slid = Array<string>(columns.length).fill('');
  [slid[at('actionkit_id')], slid[at('first_name')]] = ['400004', 'Sam'];
  slid[at('last_name')] = 'Whitfield, Jr'; // not quoted: the row has one cell too many
  const lines = [header!.replace('mobile_phone', 'text_number'), priya.join(','), rosa.join(','), slid.join(',')];
  const path = join(dir, 'national-week-2.csv');
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

test('import the national list: plan first, then apply; accessible in both languages', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await go(page, 'Import and export');
  await page.getByRole('heading', { name: 'Import and export', level: 1 }).waitFor();
  await expectNoViolations(page, 'import (empty)');

  await chooseFile(page, 'CSV file from national', FIXTURE);
  await page.getByRole('heading', { name: 'What national-2023.csv will change' }).waitFor();
  await page.getByText('New members: 2').waitFor();
  await page.getByText('New members (2)').click(); // opens the list
  await page.getByText('Joaquín Ruiz-Park').waitFor();
  await expectNoViolations(page, 'import plan');

  await page.getByRole('button', { name: 'Apply import' }).press('Enter');
  await page.getByText('Imported: 2 new members, 0 records updated, 0 newly lapsed.').waitFor();
  await go(page, 'Roster');
  await page.getByText('Priya').first().waitFor();

  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await go(page, 'Importar y exportar');
  await page.getByRole('heading', { name: 'Importar y exportar', level: 1 }).waitFor();
  // The file chooser speaks the app's language, not Chromium's ("Choose File", "No file chosen").
  const chooser = page.getByRole('button', { name: 'Archivo CSV de la organización nacional' });
  expect(await chooser.textContent()).toBe('Elegir un archivo…');
  expect(await page.locator('.file-chooser').innerText()).not.toMatch(/Choose File|No file chosen/);
  await page.getByText('Ningún archivo elegido').waitFor();
  await chooseFile(page, 'Archivo CSV de la organización nacional', FIXTURE);
  await page.getByText('Sin cambios: 2').waitFor(); // the same file again changes nothing
  await page.locator('.file-chooser').getByText('national-2023.csv').waitFor(); // the chosen file, by name
  await expectNoViolations(page, 'import plan (es)');
  expect(problems.errors).toEqual([]);
}, 120_000);

test('next week: consent offered, not assumed; dropped off, rows left out, a new column mapped; the profile shows what was kept', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await go(page, 'Import and export');
  await chooseFile(page, 'CSV file from national', FIXTURE);
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByText(/^Imported: 2 new members/).waitFor();

  await chooseFile(page, 'CSV file from national', nextWeek());
  const plan = page.locator('section', { has: page.getByRole('heading', { name: /will change$/ }) });
  await plan.getByText('Consent changes to review: 1').waitFor();
  await plan.getByText('Dropped off the list: 1').waitFor();
  await plan.getByText(/^1 row could not be read/).waitFor();
  await plan.getByText('Dropped off the list (1)').click();
  await plan.getByText(/^Joaquín Ruiz-Park/).waitFor();
  await plan.getByText('Rows with problems (1)').click();
  await plan.getByText(/its cells do not line up with the header/).waitFor();
  const consent = plan.getByRole('checkbox', { name: 'Priya Natarajan may be called again' });
  expect(await consent.isChecked()).toBe(false);
  await expectNoViolations(page, 'import plan, next week');
  await shot(page, 'import-plan-en');

  // The chapter reads national's renamed column as the mobile phone from now on. A field another
  // column of the file fills is not offered (the home phone: the file has home_phone).
  const column = plan.getByLabel('Column “text_number”');
  expect(await column.locator('option', { hasText: 'Home phone' }).count()).toBe(0);
  await column.selectOption({ label: 'Mobile phone' });
  await page.getByText('Saved for this space. The file was read again.').waitFor();
  await consent.check();
  await plan.getByRole('button', { name: 'Apply the other rows' }).click();
  await page.getByText(/1 consent change you accepted was saved\./).waitFor();

  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Priya Natarajan', exact: true }).click();
  const extra = page.getByRole('region', { name: 'More from the national list' });
  await extra.getByText('CA-34').waitFor();
  await extra.getByText('ASL interpreter').waitFor();
  // The contact section reads the new number and the consent in words, both ways.
  const contact = page.getByRole('region', { name: 'Contact and consent' });
  await contact.getByText('213-555-0140').waitFor();
  await contact.getByText('May be called').waitFor();
  await contact.getByText('No text messages').waitFor();
  await expectNoViolations(page, 'profile with national fields');
  await extra.scrollIntoViewIfNeeded();
  await shot(page, 'profile-extra-en');

  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await page.getByRole('region', { name: 'Más datos de la lista nacional' }).getByText('CA-34').waitFor();
  await expectNoViolations(page, 'profile with national fields (es)');
  await shot(page, 'profile-extra-es');

  await go(page, 'Importar y exportar');
  await chooseFile(page, 'Archivo CSV de la organización nacional', nextWeek());
  await page.getByText('Ya no están en la lista: 1').waitFor();
  await expectNoViolations(page, 'import plan, next week (es)');
  await shot(page, 'import-plan-es');
  expect(problems.errors).toEqual([]);
}, 180_000);
