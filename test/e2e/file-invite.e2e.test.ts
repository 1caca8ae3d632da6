/**
 * Sharing without a network, and the OS lock, in Chromium on browser hosts (production renderer,
 * the real main-side handlers; the hosts' save directories stand in for the file dialogs).
 * The two hosts use different private mDNS ports, so the devices cannot meet on the LAN: whatever
 * B receives came in the bundle file. A works in Spanish, so the sharing screens are checked with
 * axe in Spanish too.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/host';
import { expectNoViolations, useColorScheme } from './axe';
import { launchChromium } from './browser';
import { openOn } from './host/pages';
import { ensureRendererBuild } from './build';
import { addMember, createVault, go, unlock } from './flows';
import { shot } from './screenshots';

let browser: Browser;
const hosts: BrowserHost[] = [];
const lan = {
  address: '192.168.1.20',
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '02:00:00:00:00:01',
  internal: false,
  cidr: '192.168.1.20/24',
} as const;
const privatePort = () => ({ port: 40000 + Math.floor(Math.random() * 20000) });

beforeAll(async () => {
  const root = await ensureRendererBuild();
  for (let i = 0; i < 2; i++) {
    // A fixed interface table, so the screen's "Others can connect to ..." sentence is exact.
    const network = { mdns: privatePort(), networkInterfaces: () => ({ eth0: [lan] }) };
    hosts.push(await startBrowserHost({ rendererRoot: root, network }));
  }
  hosts.push(await startBrowserHost({ rendererRoot: root, network: { mdns: privatePort() } }));
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.close();
});

const filesPanel = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('the OS lock signal locks the app: the locked screen says why and shows no member data', async () => {
  // Its own host: a host is one computer with one backup folder, and a second vault on it would meet
  // this one's marker ("your vault needs to be restored": SECURITY.md "Crash safety and backups").
  const { page, problems } = await openOn(browser, hosts[2]!);
  await createVault(page);
  await addMember(page, { first: 'Fannie', last: 'Hamer' });
  expect(hosts[2]!.sendEvent('app:lock', { reason: 'lock-screen' })).toBe(true);
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  await page.getByText("The vault was locked because this computer's screen locked or it went to sleep.").waitFor();
  expect(await page.locator('body').innerText()).not.toContain('Fannie');
  await unlock(page);
  await go(page, 'Roster');
  await page.getByText('Fannie').first().waitFor();
  expect(problems.errors).toEqual([]);
  await page.context().close();
}, 90_000);

test('file-based invite: B saves its card; the OS opens it on A, which asks first; A opens it from Sharing, compares the safety number, adds B, saves a bundle; B opens it, says yes, and has the space', async () => {
  const a = await openOn(browser, hosts[0]!);
  const b = await openOn(browser, hosts[1]!);
  await createVault(a.page);
  await createVault(b.page);
  await addMember(a.page, { first: 'Rosa', last: 'Parks' });
  await addMember(a.page, { first: 'Ella', last: 'Baker' });

  // A switches to Spanish and checks the sharing screen before anything happens.
  await a.page.getByLabel('Language', { exact: true }).selectOption('es');
  await go(a.page, 'Compartir');
  await a.page.getByRole('heading', { name: 'Compartir', level: 1 }).waitFor();
  // Alone, A shares nothing: no listener, and the screen says why.
  await a.page.getByTestId('listening').getByText('todavía no comparte ningún espacio con nadie').waitFor();
  await expectNoViolations(a.page, 'sharing in Spanish (admin, alone)');

  // A: an invite code, so the open-invites list shows too (axe in Spanish on it), and A listens.
  await a.page.getByLabel('Función', { exact: true }).first().selectOption('viewer');
  await a.page.getByRole('button', { name: 'Crear código de invitación' }).click();
  await a.page.getByTestId('invite-code').waitFor();
  await a.page.getByRole('heading', { name: 'Invitaciones abiertas' }).waitFor();
  await a.page
    .getByTestId('listening')
    .getByText(/puerto \d+/)
    .waitFor();
  const port = /puerto (\d+)/.exec((await a.page.getByTestId('listening').textContent()) ?? '')?.[1];
  expect(await a.page.getByTestId('dial-addresses').textContent()).toBe(
    `Otros dispositivos pueden conectarse a 192.168.1.20:${port}.`,
  );
  await expectNoViolations(a.page, 'sharing in Spanish (invite created)');

  // B saves its device card; the host's save directory receives it.
  await go(b.page, 'Sharing');
  await b.page.getByRole('button', { name: 'Save my device card…' }).click();
  await b.page.getByText('Device card saved.', { exact: false }).waitFor();
  const card = path.join(hosts[1]!.files.saveDir, 'device-card.sroster');
  expect(existsSync(card)).toBe(true);

  // The OS opens B's card while A is on the roster: A is asked first, wherever A is; Escape adds nothing.
  await go(a.page, 'Lista de miembros');
  await hosts[0]!.openBundle(card);
  const cardTitle = '¿Agregar un dispositivo con su tarjeta?';
  const fromOs = a.page.getByRole('dialog', { name: cardTitle });
  await fromOs.waitFor({ timeout: 30_000 });
  const cardNumber = (await fromOs.getByTestId('card-safety-number').textContent()) ?? '';
  expect(cardNumber).toMatch(/^\d{5}( \d{5}){5}$/);
  expect(await fromOs.getByLabel('Espacio').locator('option:checked').textContent()).toBe('Mi sección');
  expect(await a.page.evaluate(() => document.activeElement?.textContent)).toBe('Cancelar');
  await expectNoViolations(a.page, 'card dialog in Spanish (opened by the OS)');
  await shot(a.page, 'es-card-from-os');
  await a.page.keyboard.press('Escape');
  await fromOs.waitFor({ state: 'hidden' });
  await go(a.page, 'Compartir');
  expect(await a.page.locator('table.organizers tbody tr').count()).toBe(1); // nothing added, nothing sealed

  // A opens the card from Sharing: the same question, the same number.
  hosts[0]!.files.willOpen('bundle', card);
  const aFiles = filesPanel(a.page, 'Archivos');
  await aFiles.getByRole('button', { name: 'Abrir una tarjeta de dispositivo o un paquete…' }).click();
  const fromSharing = a.page.getByRole('dialog', { name: cardTitle });
  await fromSharing.waitFor({ timeout: 30_000 });
  expect(await fromSharing.getByTestId('card-safety-number').textContent()).toBe(cardNumber);
  await shot(a.page, 'es-files-card');

  // A adds B as an editor, then saves a bundle for it.
  await fromSharing.getByLabel('Función').selectOption('editor');
  await fromSharing
    .getByRole('button', { name: 'Los números coinciden: agregarlo a Mi sección con la función Edición' })
    .click();
  const added = a.page.getByRole('dialog', { name: 'Dispositivo agregado' });
  await added.getByText('El dispositivo se agregó a Mi sección.', { exact: false }).waitFor();
  await added.getByRole('button', { name: 'Guardar un paquete para este dispositivo…' }).click();
  await added.getByText('Paquete guardado.').waitFor();
  await expectNoViolations(a.page, 'card dialog in Spanish (bundle saved)');
  await added.getByRole('button', { name: 'Cerrar' }).click();
  await added.waitFor({ state: 'hidden' });
  const bundle = path.join(hosts[0]!.files.saveDir, 'space-bundle.sroster');
  expect(existsSync(bundle)).toBe(true);
  const organizers = (page: Page) => page.locator('table.organizers tbody tr');
  expect(await organizers(a.page).count()).toBe(2);

  // A's top bar counts its changes B has not received: B never synced with A (a bundle is not a sync).
  await a.page.getByTestId('sync-status').focus();
  const unsent = a.page.getByTestId('sync-unsent');
  await unsent.getByText(/^Dispositivo \d{5} \d{5}: \d+ cambios esperan su primera sincronización$/).waitFor();
  expect(await unsent.locator('p').innerText()).toMatch(/^\d+ cambios sin enviar$/);
  await expectNoViolations(a.page, 'sync status with unsent changes (es)');
  await shot(a.page, 'es-sync-unsent');
  await useColorScheme(a.page, 'dark');
  await shot(a.page, 'es-sync-unsent-dark');
  await useColorScheme(a.page, 'light');

  // The OS opens the bundle while B is on the roster: the app asks first, wherever B is.
  await go(b.page, 'Roster');
  await hosts[1]!.openBundle(bundle);
  const asked = b.page.getByRole('dialog', { name: 'Join a space from this bundle?' });
  await asked.waitFor({ timeout: 30_000 });
  expect(await asked.innerText()).toContain('brings the space My chapter');
  expect(await asked.getByTestId('bundle-safety-number').textContent()).toBe(cardNumber);
  await expectNoViolations(b.page, 'bundle dialog (join)');
  await shot(b.page, 'en-bundle-join');
  expect(await b.page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
  await b.page.keyboard.press('Escape');
  await asked.waitFor({ state: 'hidden' });
  expect(await b.page.getByLabel('Space').locator('option').count()).toBe(1); // nothing joined

  // B opens it from Sharing, in Spanish this time, and says yes: the same number, A's space and its members.
  await b.page.getByLabel('Language', { exact: true }).first().selectOption('es');
  await go(b.page, 'Compartir');
  hosts[1]!.files.willOpen('bundle', bundle);
  const bFiles = filesPanel(b.page, 'Archivos');
  await bFiles.getByRole('button', { name: 'Abrir una tarjeta de dispositivo o un paquete…' }).click();
  const askedEs = b.page.getByRole('dialog', { name: '¿Unirse a un espacio con este paquete?' });
  await askedEs.waitFor({ timeout: 30_000 });
  expect(await askedEs.getByTestId('bundle-safety-number').textContent()).toBe(cardNumber);
  await expectNoViolations(b.page, 'bundle dialog in Spanish (join)');
  await shot(b.page, 'es-bundle-join');
  await askedEs.getByRole('button', { name: 'Los números coinciden: unirme a Mi sección' }).click();
  const done = b.page.getByRole('dialog', { name: 'Paquete abierto' });
  await done.getByText(/^Paquete abierto en Mi sección\. Cambios nuevos: [\d.]+\.$/).waitFor({ timeout: 30_000 });
  await expectNoViolations(b.page, 'bundle dialog in Spanish (imported)');
  await shot(b.page, 'es-bundle-done');
  await done.getByRole('button', { name: 'Abrir el espacio' }).click();
  await b.page.getByRole('heading', { name: 'Lista de miembros', level: 1 }).waitFor();
  await b.page.getByText('Rosa').first().waitFor({ timeout: 30_000 });
  expect(await b.page.locator('main').innerText()).toContain('Baker');
  await b.page.getByLabel('Idioma').first().selectOption('en');
  await go(b.page, 'Sharing');
  expect(await organizers(b.page).count()).toBe(2);
  expect(await b.page.locator('table.organizers').innerText()).toContain('Editor');
  // No network path existed: no session was ever made.
  expect(await b.page.locator('ul.sessions li').count()).toBe(0);

  // A, in English now: still waiting for B's first sync (opening the bundle told A nothing).
  await a.page.getByLabel('Idioma').first().selectOption('en');
  await a.page.getByTestId('sync-status').focus();
  await unsent.getByText(/^Device \d{5} \d{5}: \d+ changes waiting for its first sync$/).waitFor();
  expect(await unsent.locator('p').innerText()).toMatch(/^\d+ changes not yet sent$/);
  await expectNoViolations(a.page, 'sync status with unsent changes');
  await shot(a.page, 'en-sync-unsent');
  await useColorScheme(a.page, 'dark');
  await shot(a.page, 'en-sync-unsent-dark');
  await useColorScheme(a.page, 'light');
  // After lock and unlock the panel says the same, not 0 (the unit test test/renderer/sync/unsent.test.ts
  // checks a count after a sync, read back from the vault).
  const before = await unsent.innerText();
  await a.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(a.page);
  // The panel counts once it is shown (not at unlock).
  await a.page.getByTestId('sync-status').focus();
  await unsent.getByText(/waiting for its first sync$/).waitFor({ state: 'attached', timeout: 30_000 });
  expect(await unsent.innerText()).toBe(before);

  // A is handed B's card again: B is in every space A administers, so nothing is offered.
  await hosts[0]!.openBundle(card);
  const again = a.page.getByRole('dialog', { name: 'Add a device from its card?' });
  await again
    .getByText('There is no space to add it to: it is already in every space this device administers', { exact: false })
    .waitFor();
  expect(await again.getByTestId('card-safety-number').count()).toBe(0);
  await expectNoViolations(a.page, 'card dialog (nothing to add)');
  await shot(a.page, 'en-card-nothing-to-add');
  await a.page.keyboard.press('Escape');
  await again.waitFor({ state: 'hidden' });

  expect([...a.problems.errors, ...b.problems.errors]).toEqual([]);
}, 240_000);
