/**
 * Today, the sync status and the Ctrl+K switcher in the production renderer (Chromium), on the
 * 1,000-member sample chapter: a follow-up, a one-on-one and a meeting written through the screens
 * appear on Today and open their place; the switcher jumps to a member and a screen by keyboard
 * alone; axe finds 0 violations in English and Spanish; screenshots (SCREENSHOT_DIR).
 */
import type { Page } from 'playwright-core';
import { today } from '../../renderer/app/today';
import { expectNoViolations } from './axe';
import { useApp } from './fixture';
import { addMember, createVault, go, typeDay, typeTime } from './flows';
import { fillSample } from './sample';
import { shot } from './screenshots';

const app = useApp();

async function openSwitcher(page: Page, name: string) {
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  return dialog;
}

test('Today lists what needs me and opens it; Ctrl+K jumps by keyboard; both languages pass axe', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  await expectNoViolations(page, 'today (new chapter)');
  await shot(page, 'en-today-empty');
  await (
    await fillSample(page, 1000)
  )();

  // A one-on-one with a next step due today, and a meeting tonight, written the way an organizer does.
  await addMember(page, { first: 'Xiomara', last: 'Quetzalli' });
  await page.getByLabel('Kind', { exact: true }).selectOption('one_on_one');
  await page.getByLabel('What was said').fill('Wants to help with childcare at meetings.');
  await page.getByLabel('Next step').fill('Ask about childcare');
  await typeDay(page, 'Due', today());
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByText('Note saved.').waitFor();
  await go(page, 'Meetings');
  await page.getByRole('button', { name: 'New meeting or event' }).click();
  const form = page.getByRole('form', { name: 'New meeting or event' });
  await form.getByLabel('Name', { exact: true }).fill('Tenant union meeting');
  await typeTime(page, 'Start time', '19:00');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tenant union meeting' }).waitFor();

  await go(page, 'Today');
  const followUp = page.getByRole('button', { name: 'Ask about childcare (Xiomara Quetzalli)' });
  await followUp.waitFor();
  await page.getByTestId('today-oneOnOnes').getByRole('button', { name: 'Xiomara Quetzalli' }).waitFor();
  await page.getByTestId('today-meetings').getByRole('button', { name: 'Tenant union meeting' }).waitFor();
  await expectNoViolations(page, 'today (sample chapter)');
  await shot(page, 'en-today');
  // By keyboard: the follow-up opens the member's page.
  await followUp.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /Xiomara Quetzalli/ }).waitFor();

  // Ctrl+K: a member by name, then a screen, without the mouse.
  const dialog = await openSwitcher(page, 'Jump to a member or a screen');
  await page.keyboard.type('quetz');
  await dialog.getByRole('option', { name: /Xiomara Quetzalli/ }).waitFor();
  await expectNoViolations(page, 'quick switcher');
  await shot(page, 'en-switcher');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await go(page, 'Roster');
  await openSwitcher(page, 'Jump to a member or a screen');
  await page.keyboard.type('quetz');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /Xiomara Quetzalli/ }).waitFor();
  await openSwitcher(page, 'Jump to a member or a screen');
  await page.keyboard.type('leadership');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Leadership' }).waitFor();
  await openSwitcher(page, 'Jump to a member or a screen');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  // In Spanish.
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await go(page, 'Hoy');
  await page.getByRole('button', { name: 'Ask about childcare (Xiomara Quetzalli)' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Mi seguimiento pendiente (1)' }).waitFor();
  await expectNoViolations(page, 'today (es)');
  await shot(page, 'es-today');
  await openSwitcher(page, 'Ir a un miembro o a una pantalla');
  await page.keyboard.type('lista');
  await expectNoViolations(page, 'quick switcher (es)');
  await shot(page, 'es-switcher');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Lista de miembros' }).waitFor();
  await page.getByTestId('sync-status').focus();
  await shot(page, 'es-sync-status');
  expect(problems.errors).toEqual([]);
}, 240_000);
