/**
 * The invitee's side of sharing (on the Spaces page), its "join this space?"
 * question, and the admin's join dialog with the safety number, in Spanish:
 * axe finds no violation on them (sharing.e2e.test.ts checks the same
 * screens in English). Two Chromium profiles on two browser hosts, as in
 * sharing.e2e.test.ts.
 */
import type { Page } from 'playwright-core';
import { expectNoViolations } from './axe';
import { useTwoHosts } from './host/two-hosts';
import { openOn } from './host/pages';
import { createVault, go } from './flows';
import { shot } from './screenshots';

const setup = useTwoHosts();

const checked: string[] = [];

afterAll(() => {
  process.stderr.write(`axe in Spanish: 0 violations on ${checked.length} screens (${checked.join('; ')})\n`);
});

async function checkScreen(page: Page, where: string): Promise<void> {
  await expectNoViolations(page, where);
  checked.push(where);
}

async function toSpanish(page: Page, view = 'Compartir'): Promise<void> {
  await page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await go(page, view);
  await page.getByRole('heading', { name: view, level: 1 }).waitFor();
}

test('in Spanish: accept an invite, find the admin, wait, the join dialog with the safety number, joined', async () => {
  const a = await openOn(setup.browser, setup.hosts[0]!);
  const b = await openOn(setup.browser, setup.hosts[1]!);
  await createVault(a.page);
  await createVault(b.page);
  await toSpanish(a.page);
  await toSpanish(b.page);
  await shot(b.page, 'es-sharing-newcomer');
  // B, a newcomer: Sharing points to the Spaces page, where joining lives.
  await b.page.getByRole('button', { name: 'Unirse en la página Espacios' }).click();
  await b.page.getByRole('heading', { name: 'Espacios', level: 1 }).waitFor();

  // A: an invite code and this device's port.
  await a.page.getByLabel('Función', { exact: true }).first().selectOption('editor');
  await a.page.getByRole('button', { name: 'Crear código de invitación' }).click();
  const code = (await a.page.getByTestId('invite-code').textContent()) ?? '';
  const port = Number(/puerto (\d+)/.exec((await a.page.getByTestId('listening-port').textContent()) ?? '')?.[1]);
  expect(port).toBeGreaterThan(0);

  // B: the invitee's screen, then a mistyped address refused in words.
  await b.page.getByRole('heading', { name: 'Unirse a un espacio con un código de invitación' }).waitFor();
  await checkScreen(b.page, 'invitee: accept an invite');
  await shot(b.page, 'es-spaces-join');
  await b.page.getByLabel('Código de invitación', { exact: true }).fill(code);
  const address = b.page.getByLabel('Dirección de quien administra (host:puerto)');
  await address.fill('no es una dirección');
  await b.page.getByRole('button', { name: 'Conectar a esta dirección' }).click();
  await b.page.getByText('Escriba una dirección como host:puerto').waitFor();
  await checkScreen(b.page, 'invitee: address refused');
  await b.page.getByRole('button', { name: 'Buscar cerca el dispositivo de quien administra' }).click();
  await b.page.getByText(/^Dispositivo de quien administra en /).waitFor({ timeout: 30_000 });
  await checkScreen(b.page, 'invitee: admin found nearby');

  // B connects; once A's device proved the code, both screens ask, with the same safety number.
  // (A's space kept the name it got in English, when A's vault was made.)
  await address.fill(`127.0.0.1:${port}`);
  await b.page.getByRole('button', { name: 'Conectar a esta dirección' }).click();
  await b.page
    .getByRole('heading', { name: 'El dispositivo de quien administra demostró su código' })
    .waitFor({ timeout: 30_000 });
  await b.page.getByText('Le invitan a unirse a Mi sección con la función Edición.').waitFor();
  const inviteeNumber = (await b.page.getByTestId('invitee-safety-number').textContent()) ?? '';
  const dialog = a.page.getByRole('dialog', { name: 'Un dispositivo pide unirse' });
  await dialog.waitFor({ timeout: 30_000 });
  expect(await dialog.getByTestId('admin-safety-number').textContent()).toBe(inviteeNumber);
  await checkScreen(b.page, 'invitee: join this space?');
  await checkScreen(a.page, 'admin: join dialog with the safety number');
  await shot(b.page, 'es-invitee-confirm');
  await shot(a.page, 'es-admin-confirm');

  // B says yes and waits for A; A lets B in by keyboard; B has joined.
  await b.page.getByRole('button', { name: 'Los números coinciden: unirme a Mi sección' }).click();
  await b.page.getByText('Esperando la confirmación de quien administra…').waitFor();
  await checkScreen(b.page, 'invitee: waiting for the admin');
  await shot(b.page, 'es-invitee-waiting');
  expect(await a.page.evaluate(() => document.activeElement?.textContent)).toBe('Rechazar');
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.press('Enter');
  await b.page.getByRole('button', { name: 'Abrir el espacio' }).waitFor({ timeout: 30_000 });
  await checkScreen(b.page, 'invitee: joined');
  await shot(b.page, 'es-invitee-joined');
  await b.page.getByRole('button', { name: 'Abrir el espacio' }).click();
  await b.page.getByRole('heading', { name: 'Lista de miembros', level: 1 }).waitFor();

  expect(checked).toHaveLength(7);
  expect([...a.problems.errors, ...b.problems.errors]).toEqual([]);
}, 240_000);
