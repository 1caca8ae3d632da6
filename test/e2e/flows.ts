/** Steps the browser tests share, written the way a user acts: by visible labels and roles. */
import type { Page } from 'playwright-core';

export const PASSPHRASE = 'violet tractor harbor 42 lantern';

export async function createVault(
  page: Page,
  passphrase = PASSPHRASE,
  /** `guide`: stay on the guided first run shown after a new vault, instead of going on to Today. */
  options: { copyKey?: boolean; guide?: boolean } = {},
): Promise<string> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
  const key = (await page.getByTestId('recovery-key').textContent({ timeout: 30_000 })) ?? '';
  if (options.copyKey) {
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('The recovery key was copied.').waitFor();
  }
  await page.getByLabel('I have stored the recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Set up your chapter', level: 1 }).waitFor(); // shown once, after creating
  if (options.guide) return key;
  await page.getByRole('button', { name: 'Not now: go to Today' }).click();
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor(); // the screen after unlock
  return key;
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

export async function go(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: view, exact: true }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

export async function addMember(page: Page, fields: { first: string; last?: string; email?: string; phone?: string }) {
  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Add member' }).click();
  const dialog = page.getByRole('dialog', { name: 'New member' });
  await dialog.getByLabel('First name').fill(fields.first);
  if (fields.last) await dialog.getByLabel('Last name').fill(fields.last);
  if (fields.email) await dialog.getByLabel('Email').fill(fields.email);
  if (fields.phone) await dialog.getByLabel('Phone').fill(fields.phone);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(fields.first) }).waitFor();
}

/**
 * Types a day (YYYY-MM-DD) into the date field labelled `label` (renderer/components/DateField.tsx)
 * by keyboard, in the order the language writes a date: month, day, year in English; day, month,
 * year in Spanish.
 */
export async function typeDay(page: Page, label: string, day: string, lng: 'en' | 'es' = 'en'): Promise<void> {
  const [year, month, date] = day.split('-') as [string, string, string];
  await page.getByRole('group', { name: label, exact: true }).getByRole('spinbutton').first().click();
  await page.keyboard.type(lng === 'en' ? month + date + year : date + month + year);
}

/**
 * Types a time ("19:00") into one of the app's time fields (renderer/components/TimeField.tsx) by
 * keyboard: hour and minutes, then AM or PM in English (a 12-hour clock), nothing more in Spanish.
 */
export async function typeTime(page: Page, label: string, time: string, lng: 'en' | 'es' = 'en'): Promise<void> {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const h12 = String(hour % 12 === 0 ? 12 : hour % 12).padStart(2, '0');
  await page.getByRole('group', { name: label, exact: true }).getByRole('spinbutton').first().click();
  const mm = String(minute).padStart(2, '0');
  await page.keyboard.type(lng === 'en' ? h12 + mm + (hour < 12 ? 'A' : 'P') : String(hour).padStart(2, '0') + mm);
}

/** Switches the app's language with its own control, and waits until the page says it is in that language. */
export async function setLanguage(page: Page, language: 'en' | 'es'): Promise<void> {
  await page
    .getByLabel(/^(Language|Idioma)$/)
    .first()
    .selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor();
}
