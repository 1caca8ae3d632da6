/**
 * The sharing screens end to end, as two people use them: two Chromium profiles, each on its own
 * browser host (production renderer + preload API over WebSocket + the real network bridge).
 * A creates a vault and an invite; B (a newcomer) finds "join a space" from Sharing, on the Spaces
 * page, and accepts it by address; both screens show the same safety number; B says yes to the
 * space, A confirms; B receives the space and "Open the space" shows its roster; an edit on A
 * reaches B live; A removes B.
 */
import type { Page } from 'playwright-core';
import { expectNoViolations } from './axe';
import { useTwoHosts } from './host/two-hosts';
import { openOn } from './host/pages';
import { addMember, createVault, go } from './flows';
import { shot } from './screenshots';

const setup = useTwoHosts();

/** Polls until `check` holds (30 s at most). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > 30_000) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function rosterNames(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

test('invite by address, compare safety numbers, confirm, live edits, removal', async () => {
  const a = await openOn(setup.browser, setup.hosts[0]!);
  const b = await openOn(setup.browser, setup.hosts[1]!);
  await createVault(a.page);
  await createVault(b.page);
  await addMember(a.page, { first: 'Rosa', last: 'Parks' });
  expect(await a.page.getByTestId('sync-status').innerText()).toContain('No one connected');
  // The panel counts the first time it is shown (counting opens every space, so not at unlock).
  await a.page.getByTestId('sync-status').focus();
  await a.page
    .getByTestId('sync-unsent')
    .getByText('No other organizer shares your spaces yet: your changes stay on this laptop.', { exact: true })
    .waitFor();

  // A shares nothing yet: it does not listen on the network, and says why.
  await go(a.page, 'Sharing');
  await a.page.getByTestId('listening').getByText('it shares no space with anyone yet').waitFor();
  await expectNoViolations(a.page, 'sharing (admin, alone)');
  // An invite for an editor opens the listener; the code and this device's port are shown once.
  await a.page.getByLabel('Role', { exact: true }).selectOption('editor');
  await a.page.getByLabel('Valid for').selectOption('1');
  await a.page.getByRole('button', { name: 'Create invite code' }).click();
  await a.page
    .getByTestId('listening')
    .getByText(/port \d+/)
    .waitFor();
  const code = (await a.page.getByTestId('invite-code').textContent()) ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
  const port = Number(/port (\d+)/.exec((await a.page.getByTestId('listening-port').textContent()) ?? '')?.[1]);
  await expectNoViolations(a.page, 'sharing (invite created)');

  // B: Sharing points a newcomer to the Spaces page, where joining lives (not among A's admin tasks).
  await go(b.page, 'Sharing');
  await expectNoViolations(b.page, 'sharing (newcomer)');
  await shot(b.page, 'en-sharing-newcomer');
  expect(await b.page.getByRole('heading', { name: 'Join a space with an invite code' }).count()).toBe(0);
  await b.page.getByRole('button', { name: 'Join it on the Spaces page' }).click();
  await b.page.getByRole('heading', { name: 'Spaces', level: 1 }).waitFor();
  await b.page.getByRole('heading', { name: 'Join a space with an invite code' }).waitFor();
  await expectNoViolations(b.page, 'spaces (join with a code)');
  await shot(b.page, 'en-spaces-join');
  // A mistyped address is refused in words; then the code and A's address.
  await b.page.getByLabel('Invite code', { exact: true }).fill(code.toLowerCase().replace(/-/g, ' '));
  await b.page.getByLabel("Admin's address (host:port)").fill('not an address');
  await b.page.getByRole('button', { name: 'Connect to this address' }).click();
  await b.page.getByText('Type an address as host:port').waitFor();
  await b.page.getByLabel("Admin's address (host:port)").fill(`127.0.0.1:${port}`);
  await b.page.getByRole('button', { name: 'Connect to this address' }).click();

  // Once A's device proved the code, both screens ask, with the same safety number.
  const offer = b.page.getByRole('heading', { name: "The admin's device proved your code" });
  await offer.waitFor({ timeout: 30_000 });
  expect(await b.page.getByRole('status').filter({ has: offer }).innerText()).toContain(
    'You are invited to join My chapter as Editor.',
  );
  const inviteeNumber = (await b.page.getByTestId('invitee-safety-number').textContent()) ?? '';
  const dialog = a.page.getByRole('dialog', { name: 'A device asks to join' });
  await dialog.waitFor({ timeout: 30_000 });
  const adminNumber = (await dialog.getByTestId('admin-safety-number').textContent()) ?? '';
  expect(inviteeNumber).toMatch(/^\d{5}( \d{5}){5}$/);
  expect(adminNumber).toBe(inviteeNumber);
  await expectNoViolations(a.page, 'confirm invitee dialog');
  await expectNoViolations(b.page, 'invitee: join this space?');
  await shot(a.page, 'en-admin-confirm');
  await shot(b.page, 'en-invitee-confirm');
  // Keyboard: B's focus is on the question; A's dialog has "Refuse" first, then the confirmation.
  expect(await b.page.evaluate(() => document.activeElement?.textContent)).toBe("The admin's device proved your code");
  expect(await a.page.evaluate(() => document.activeElement?.textContent)).toBe('Refuse');
  await a.page.keyboard.press('Tab');
  expect(await a.page.evaluate(() => document.activeElement?.textContent)).toBe('The numbers match: let them in');
  await a.page.keyboard.press('Enter');
  // A said yes; B's device joins nothing until B does.
  await new Promise((r) => setTimeout(r, 500));
  expect(await b.page.getByRole('button', { name: 'Open the space' }).count()).toBe(0);
  await b.page.keyboard.press('Tab');
  expect(await b.page.evaluate(() => document.activeElement?.textContent)).toBe('Do not join');
  await b.page.keyboard.press('Tab');
  expect(await b.page.evaluate(() => document.activeElement?.textContent)).toBe('The numbers match: join My chapter');
  await b.page.keyboard.press('Enter');

  // B receives the space; "Open the space" shows its roster, with A's members.
  await b.page.getByRole('button', { name: 'Open the space' }).waitFor({ timeout: 30_000 });
  await expectNoViolations(b.page, 'invitee: joined');
  await shot(b.page, 'en-invitee-joined');
  await b.page.getByRole('button', { name: 'Open the space' }).click();
  await b.page.getByRole('heading', { name: 'Roster', level: 1 }).waitFor();
  await b.page.getByText('Rosa').first().waitFor({ timeout: 30_000 });

  // The top bar's sync status follows the sync service: B is connected to A, and the last sync shows on focus.
  const syncStatus = (page: Page) => page.getByTestId('sync-status');
  await a.page.locator('[data-testid="sync-status"][data-peers="1"]').waitFor({ timeout: 30_000 });
  expect(await syncStatus(a.page).innerText()).toContain('1 connected');
  await syncStatus(b.page).focus();
  const details = b.page.getByRole('tooltip');
  await details.waitFor();
  expect(await details.innerText()).toMatch(/Device \d{5} \d{5}: (now|\d+ seconds? ago)/);
  await expectNoViolations(b.page, 'sync status details');
  await shot(b.page, 'en-sync-status');

  // Both see two organizers, B as an editor.
  await go(a.page, 'Sharing');
  await go(b.page, 'Sharing');
  const organizers = (page: Page) => page.locator('table.organizers tbody tr');
  await until(async () => (await organizers(a.page).count()) === 2, 'A lists two organizers');
  await until(async () => (await organizers(b.page).count()) === 2, 'B lists two organizers');
  expect(await b.page.locator('table.organizers').innerText()).toContain('Editor');
  await expectNoViolations(a.page, 'sharing (two organizers, admin)');
  await expectNoViolations(b.page, 'sharing (joined)');
  await shot(b.page, 'en-sharing-joined');

  // An edit on A reaches B live.
  await addMember(a.page, { first: 'Ella', last: 'Baker' });
  await go(b.page, 'Roster');
  await b.page.getByText('Ella').first().waitFor({ timeout: 30_000 });
  expect(await rosterNames(b.page)).toContain('Baker');
  // B acknowledged it: A's top bar says every change of A's has reached the others.
  await a.page
    .getByTestId('sync-unsent')
    .getByText('All your changes have reached the others.')
    .waitFor({ state: 'attached', timeout: 30_000 }); // the panel shows on focus or hover
  await syncStatus(a.page).focus();
  await shot(a.page, 'en-sync-all-sent');

  // A removes B, after a confirmation that says plainly what removal does.
  await syncStatus(a.page).click(); // one click from the top bar to Sharing
  await a.page.getByRole('heading', { name: 'Sharing', level: 1 }).waitFor();
  await a.page
    .getByRole('button', { name: /^Remove Device / })
    .first()
    .click();
  const removal = a.page.getByRole('dialog', { name: 'Remove this organizer?' });
  await removal.waitFor();
  expect(await removal.innerText()).toContain(
    'They keep what their device already had; they will not receive anything written from now on',
  );
  await expectNoViolations(a.page, 'remove organizer dialog');
  await removal.getByRole('button', { name: 'Remove organizer' }).click();
  await a.page.getByText('Organizer removed.').waitFor();
  await a.page.locator('[data-testid="sync-status"][data-peers="0"]').waitFor({ timeout: 30_000 });
  await until(async () => (await organizers(a.page).count()) === 1, 'A lists one organizer');

  // B's session ends, in words.
  await go(b.page, 'Sharing');
  await b.page
    .getByText('The other device is not a member of any space you share.')
    .first()
    .waitFor({ timeout: 30_000 });

  expect([...a.problems.errors, ...b.problems.errors]).toEqual([]);
}, 240_000);
