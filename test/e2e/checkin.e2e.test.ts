/**
 * Two organizers checking people in at one meeting, each on their own laptop: two browser hosts
 * (production renderer + preload API + the real network bridge), two Chromium profiles, synced over
 * the LAN transport through a link the test cuts halfway. They check people in at the same time
 * (some the same people), the network drops, both go on offline (one laptop even restarts), the
 * same walk-in is typed on both; when the link is back both screens show one attendance list:
 * nobody counted twice, nobody lost, and the walk-in typed twice is offered for merging.
 */
import type { Page } from 'playwright-core';
import { displayName } from '../../shared/model/member';
import { expectNoViolations } from './axe';
import type { CuttableLink } from './host/cuttable-link';
import { joinThroughLink } from './join-flows';
import { openOn } from './host/pages';
import { useTwoHosts } from './host/two-hosts';
import { createVault, go, unlock } from './flows';
import { checkIn, listeningPort, openCheckIn, uniquelyNamed, until } from './checkin-flows';
import { fillSample, sampleChapter } from './sample';
import { shot } from './screenshots';

const setup = useTwoHosts({ apart: true });
const SIZE = 1000;
let link: CuttableLink | undefined;
afterAll(async () => link?.close());

const presentCount = async (page: Page) => Number(await page.getByTestId('checkin-count').getAttribute('data-count'));

async function walkIn(page: Page, name: string, email: string): Promise<void> {
  const box = page.getByLabel('Find a person');
  await box.fill(name);
  await page.getByText('Nobody on the roster matches.').waitFor();
  await box.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New person at the door' });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Yes, we may text them').check();
  await dialog.getByRole('button', { name: 'Add and check in' }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function openEventPage(page: Page): Promise<void> {
  await go(page, 'Meetings');
  await page.getByRole('button', { name: 'December general meeting', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'December general meeting' }).waitFor();
}

/** Once the event page counts `n` people: the member ids of its attendee table. */
async function attendeesWhen(page: Page, n: number): Promise<string[]> {
  await page.locator(`[data-testid="event-count"][data-count="${n}"]`).waitFor({ timeout: 90_000 });
  return page
    .getByTestId('attendees')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-member-id') ?? ''));
}

/** B dials A through the link (Sharing, "Connect by address") and waits until both sessions sync. */
async function connect(b: Page, a: Page): Promise<void> {
  await go(b, 'Sharing');
  await b.getByLabel('Connect by address (host:port)').fill(`127.0.0.1:${link!.port}`);
  await b.getByRole('button', { name: 'Connect', exact: true }).click();
  for (const page of [a, b]) {
    await go(page, 'Sharing');
    await page.locator('.sessions li[data-status="syncing"]').first().waitFor({ timeout: 60_000 });
  }
}

test('two laptops at one door, a cut connection, a restart: one attendance list, nobody twice, nobody lost', async () => {
  const a = await openOn(setup.browser, setup.hosts[0]!);
  const b = await openOn(setup.browser, setup.hosts[1]!);
  await createVault(a.page);
  await createVault(b.page);
  await (
    await fillSample(a.page, SIZE)
  )();
  // The browser generated the very chapter Node generates from the same seed: same members, same ids.
  const { space } = sampleChapter(SIZE);
  const people = uniquelyNamed(space.members.all()).slice(0, 11);
  const p = (i: number) => people[i]!;

  // A invites B (an editor) through the link; both compare the safety number and say yes.
  link = await joinThroughLink(a.page, b.page);
  await b.page.locator(`[data-testid="roster-count"][data-count="${SIZE}"]`).waitFor({ timeout: 90_000 });

  // A schedules tonight's meeting; it reaches B.
  await go(a.page, 'Meetings');
  await a.page.getByRole('button', { name: 'New meeting or event' }).click();
  await a.page.getByLabel('Name', { exact: true }).fill('December general meeting');
  await a.page.getByRole('button', { name: 'Create' }).click();
  await a.page.getByRole('heading', { level: 1, name: 'December general meeting' }).waitFor();
  await go(b.page, 'Meetings');
  await b.page.getByRole('button', { name: 'Check in at December general meeting' }).waitFor({ timeout: 60_000 });
  await openCheckIn(a.page);
  await openCheckIn(b.page);

  // Both doors at once; p(3) and p(4) come to both doors.
  await Promise.all([
    (async () => {
      for (const i of [0, 1, 2, 3, 4]) await checkIn(a.page, p(i));
    })(),
    (async () => {
      for (const i of [3, 4, 5, 6, 7]) await checkIn(b.page, p(i));
    })(),
  ]);
  for (const page of [a.page, b.page]) await until(async () => (await presentCount(page)) === 8, 'both doors see 8');
  // Each door sees the other's check-ins arrive.
  expect(await b.page.getByTestId('checkin-recent').innerText()).toContain(displayName(p(0)));
  await expectNoViolations(b.page, 'check-in, two doors');
  await shot(b.page, 'en-checkin-two-doors');

  // The network drops. Both doors go on; the same walk-in is typed at both.
  await link.cut();
  await Promise.all([
    (async () => {
      await checkIn(a.page, p(8));
      await checkIn(a.page, p(9));
      await walkIn(a.page, 'Dana Whitfield', 'dana.w@example.org');
    })(),
    (async () => {
      await checkIn(b.page, p(9));
      await checkIn(b.page, p(10));
      await walkIn(b.page, 'Dana Whitfield', 'Dana.W@example.org');
    })(),
  ]);
  expect(await presentCount(a.page)).toBe(11);
  expect(await presentCount(b.page)).toBe(11);

  // B's organizer locks the laptop, which then restarts, still offline: after unlock, all of it is there.
  const switcher = b.page.getByLabel('Space', { exact: true });
  const joinedSpace = await switcher.inputValue();
  await b.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await b.page.getByLabel('Passphrase', { exact: true }).waitFor(); // shown once pending changes are written
  await b.page.reload();
  await b.page.waitForSelector('[data-app-ready]');
  await unlock(b.page);
  await b.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await switcher.selectOption(joinedSpace); // the app opens its first space after a restart
  await go(b.page, 'Roster');
  await b.page.locator(`[data-testid="roster-count"][data-count="${SIZE + 1}"]`).waitFor({ timeout: 60_000 });
  await openCheckIn(b.page);
  expect(await presentCount(b.page)).toBe(11);

  // The link is back; B connects again. Both lists become one: 11 people and the walk-in typed twice.
  await go(a.page, 'Sharing');
  await link.restore(await listeningPort(a.page));
  await connect(b.page, a.page);
  const expected = [...people.map((m) => m.id)];
  await openEventPage(a.page);
  await openEventPage(b.page);
  const idsA = await attendeesWhen(a.page, 13);
  const idsB = await attendeesWhen(b.page, 13);
  expect(idsB).toEqual(idsA);
  expect(new Set(idsA).size).toBe(13);
  expect(idsA.filter((id) => expected.includes(id)).sort()).toEqual([...expected].sort());

  // The walk-in typed at both doors is one likely duplicate; merging it leaves 12, on both laptops.
  const duplicates = b.page.getByTestId('duplicates');
  await duplicates.waitFor();
  expect(await duplicates.locator('li.duplicate').count()).toBe(1);
  expect(await duplicates.innerText()).toContain('same email');
  await expectNoViolations(b.page, 'event page with a likely duplicate');
  await shot(b.page, 'en-event-duplicate');
  await duplicates.getByRole('button', { name: 'Merge them' }).click();
  await b.page.getByRole('dialog', { name: 'Merge these two records?' }).getByRole('button', { name: 'Merge' }).click();
  await b.page.getByText('Merged into Dana Whitfield.').waitFor();
  const mergedB = await attendeesWhen(b.page, 12);
  expect(await attendeesWhen(a.page, 12)).toEqual(mergedB);
  await openCheckIn(a.page);
  expect(await presentCount(a.page)).toBe(12);

  expect([...a.problems.errors, ...b.problems.errors]).toEqual([]);
}, 600_000);
