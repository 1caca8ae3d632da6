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
import { expectNoViolations } from './axe';
import { launchChromium } from './browser';
import { openOn } from './host/pages';
import { ensureRendererBuild } from './build';
import { addMember, createVault, go, unlock } from './flows';

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
  const { page, problems } = await openOn(browser, hosts[0]!);
  await createVault(page);
  await addMember(page, { first: 'Fannie', last: 'Hamer' });
  expect(hosts[0]!.sendEvent('app:lock', { reason: 'lock-screen' })).toBe(true);
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  await page.getByText("The vault was locked because this computer's screen locked or it went to sleep.").waitFor();
  expect(await page.locator('body').innerText()).not.toContain('Fannie');
  await unlock(page);
  await go(page, 'Roster');
  await page.getByText('Fannie').first().waitFor();
  expect(problems.errors).toEqual([]);
  await page.context().close();
}, 90_000);

test('file-based invite: B saves its card, A opens it and compares the safety number, adds B, saves a bundle; B opens it and has the space', async () => {
  const a = await openOn(browser, hosts[0]!);
  const b = await openOn(browser, hosts[1]!);
  await createVault(a.page);
  await createVault(b.page);
  await addMember(a.page, { first: 'Rosa', last: 'Parks' });
  await addMember(a.page, { first: 'Ella', last: 'Baker' });

  // A switches to Spanish and checks the sharing screen before anything happens.
  await a.page.getByLabel('Language').selectOption('es');
  await go(a.page, 'Compartir');
  await a.page.getByRole('heading', { name: 'Compartir', level: 1 }).waitFor();
  const port = /puerto (\d+)/.exec((await a.page.getByTestId('listening').textContent()) ?? '')?.[1];
  expect(await a.page.getByTestId('dial-addresses').textContent()).toBe(
    `Otros dispositivos pueden conectarse a 192.168.1.20:${port}.`,
  );
  await expectNoViolations(a.page, 'sharing in Spanish (admin, alone)');

  // A: an invite code, so the open-invites list shows too (axe in Spanish on it).
  await a.page.getByLabel('Función', { exact: true }).first().selectOption('viewer');
  await a.page.getByRole('button', { name: 'Crear código de invitación' }).click();
  await a.page.getByTestId('invite-code').waitFor();
  await a.page.getByRole('heading', { name: 'Invitaciones abiertas' }).waitFor();
  await expectNoViolations(a.page, 'sharing in Spanish (invite created)');

  // B saves its device card; the host's save directory receives it.
  await go(b.page, 'Sharing');
  await b.page.getByRole('button', { name: 'Save my device card…' }).click();
  await b.page.getByText('Device card saved.', { exact: false }).waitFor();
  const card = path.join(hosts[1]!.files.saveDir, 'device-card.sroster');
  expect(existsSync(card)).toBe(true);

  // A opens the card and sees the safety number to compare with B.
  hosts[0]!.files.willOpen('bundle', card);
  const aFiles = filesPanel(a.page, 'Archivos');
  await aFiles.getByRole('button', { name: 'Abrir una tarjeta de dispositivo o un paquete…' }).click();
  const cardNumber = (await aFiles.getByTestId('card-safety-number').textContent()) ?? '';
  expect(cardNumber).toMatch(/^\d{5}( \d{5}){5}$/);
  await expectNoViolations(a.page, 'sharing in Spanish (device card opened)');

  // A adds B as an editor, then saves a bundle for it.
  await aFiles.getByLabel('Función').selectOption('editor');
  await aFiles.getByRole('button', { name: 'Agregar este dispositivo al espacio' }).click();
  await aFiles.getByText('Dispositivo agregado.', { exact: false }).waitFor();
  await aFiles.getByRole('button', { name: 'Guardar un paquete para este dispositivo…' }).click();
  await aFiles.getByText('Paquete guardado.').waitFor();
  await expectNoViolations(a.page, 'sharing in Spanish (bundle saved)');
  const bundle = path.join(hosts[0]!.files.saveDir, 'space-bundle.sroster');
  expect(existsSync(bundle)).toBe(true);
  const organizers = (page: Page) => page.locator('table.organizers tbody tr');
  expect(await organizers(a.page).count()).toBe(2);

  // B opens the bundle: the same safety number, A's space and its members.
  hosts[1]!.files.willOpen('bundle', bundle);
  const bFiles = filesPanel(b.page, 'Files');
  await bFiles.getByRole('button', { name: 'Open a device card or bundle…' }).click();
  await bFiles.getByText(/^Bundle opened into My chapter: \d+ new changes\.$/).waitFor({ timeout: 30_000 });
  expect(await bFiles.getByTestId('bundle-safety-number').textContent()).toBe(cardNumber);
  await expectNoViolations(b.page, 'sharing (bundle opened)');
  await bFiles.getByRole('button', { name: 'Open the space' }).click();
  await go(b.page, 'Roster');
  await b.page.getByText('Rosa').first().waitFor({ timeout: 30_000 });
  expect(await b.page.locator('main').innerText()).toContain('Baker');
  await go(b.page, 'Sharing');
  expect(await organizers(b.page).count()).toBe(2);
  expect(await b.page.locator('table.organizers').innerText()).toContain('Editor');
  // No network path existed: no session was ever made.
  expect(await b.page.locator('ul.sessions li').count()).toBe(0);

  expect([...a.problems.errors, ...b.problems.errors]).toEqual([]);
}, 240_000);
