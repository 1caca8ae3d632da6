/**
 * Date fields in Chromium, whose own language here is English (Debian ships only en-US): after
 * switching the app to Spanish the new meeting's date reads and takes dd/mm/aaaa, its parts are named
 * in Spanish, and the form is axe clean in both languages and themes. Screenshots with SCREENSHOT_DIR.
 */
import type { Locator, Page } from 'playwright-core';
import en from '../../renderer/i18n/en.json';
import es from '../../renderer/i18n/es.json';
import { expectNoViolations, useColorScheme } from './axe';
import { useApp } from './fixture';
import { addMember, createVault, go, typeDay } from './flows';
import { shot } from './screenshots';

const app = useApp();

/** What the field shows, without the invisible direction marks around its parts. */
async function shown(field: Locator): Promise<string> {
  return (await field.locator('.date-segments').innerText()).replace(/[\u200e\u200f\u2066-\u2069\s]/g, '');
}

async function partNames(field: Locator): Promise<string[]> {
  return field.getByRole('spinbutton').evaluateAll((parts) => parts.map((p) => p.getAttribute('aria-label') ?? ''));
}

/** Empties the field by keyboard: Backspace in each part. */
async function empty(field: Locator): Promise<void> {
  for (const part of await field.getByRole('spinbutton').all()) {
    await part.click();
    for (let i = 0; i < 5; i++) await part.press('Backspace');
  }
}

async function look(page: Page, name: string): Promise<void> {
  await expectNoViolations(page, name);
  for (const scheme of ['light', 'dark'] as const) {
    await useColorScheme(page, scheme);
    await shot(page, `${name}.${scheme}`);
  }
  await useColorScheme(page, 'light');
}

test('in Spanish the date reads and is typed dd/mm/aaaa, though the browser speaks English', async () => {
  const { page, problems } = await app.open();
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await createVault(page);
  await go(page, 'Meetings');
  await page.getByRole('button', { name: en.meetings.newTitle }).click();

  const enField = page
    .getByRole('form', { name: en.meetings.newTitle })
    .locator('.date-field')
    .filter({ has: page.getByRole('group', { name: en.meetings.field.date }) });
  expect(await partNames(enField)).toEqual(['month, ', 'day, ', 'year, ']);
  await enField.getByRole('spinbutton').first().click();
  await page.keyboard.type('12102026');
  expect(await shown(enField)).toBe('12/10/2026');
  await look(page, 'date-field.en');

  await page
    .getByLabel(/^(Language|Idioma)$/)
    .first()
    .selectOption('es');
  const esField = page
    .getByRole('form', { name: es.meetings.newTitle })
    .locator('.date-field')
    .filter({ has: page.getByRole('group', { name: es.meetings.field.date }) });
  expect(await shown(esField)).toBe('10/12/2026'); // the same day, in the Spanish order
  expect(await partNames(esField)).toEqual(['día, ', 'mes, ', 'año, ']);

  // Emptied, it shows the order to type in; typed day first, it holds the day meant.
  await empty(esField);
  expect(await shown(esField)).toBe('dd/mm/aaaa');
  await esField.getByRole('spinbutton').first().click();
  await page.keyboard.type('03042025');
  expect(await shown(esField)).toBe('03/04/2025');
  await look(page, 'date-field.es');

  // Or on the calendar beside it, in Spanish, by keyboard: it opens on the field's day.
  await esField.getByRole('button', { name: es.dateField.openCalendar }).press('Enter');
  const calendar = page.getByRole('dialog', { name: es.dateField.calendar });
  expect(await calendar.getByRole('heading').innerText()).toBe('abril de 2025');
  await look(page, 'date-field.es.calendar');
  await page.keyboard.press('ArrowDown'); // a week later
  await page.keyboard.press('Enter');
  await calendar.waitFor({ state: 'detached' });
  expect(await shown(esField)).toBe('10/04/2025');

  // Sent only in part, it says what is missing, in Spanish.
  await empty(esField);
  await esField.getByRole('spinbutton').first().click();
  await page.keyboard.type('03');
  await page.getByRole('button', { name: es.meetings.create }).click();
  await esField.getByText(es.dateField.incomplete).waitFor();
  await look(page, 'date-field.es.incomplete');
  expect([...problems.errors]).toEqual([]);
}, 90_000);

test('in Spanish, a note with a next step due on a day typed dd/mm/aaaa keeps that day', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await addMember(page, { first: 'Xiomara', last: 'Quetzalli' });
  await page
    .getByLabel(/^(Language|Idioma)$/)
    .first()
    .selectOption('es');
  const form = page.getByRole('form', { name: es.notes.new });
  await form.getByLabel(es.notes.body).fill('Quiere ayudar con el cuidado de niños.');
  await form.getByLabel(es.notes.nextStep).fill('Preguntar por el cuidado de niños');
  await typeDay(page, es.notes.dueDate, '2031-02-03', 'es');
  const due = form.locator('.date-field').filter({ has: page.getByRole('group', { name: es.notes.dueDate }) });
  expect(await shown(due)).toBe('03/02/2031');
  await look(page, 'date-field.es.note');
  await form.getByRole('button', { name: es.notes.save }).click();
  await page.getByText(es.notes.saved).waitFor();
  // Kept as that day: the timeline shows it in Spanish (3 feb 2031), never the stored 2031-02-03.
  await page
    .getByText(/Fecha límite: 3 feb 2031/)
    .first()
    .waitFor();
  expect(await page.getByText(/2031-02-03/).count()).toBe(0);
  expect([...problems.errors]).toEqual([]);
}, 90_000);
