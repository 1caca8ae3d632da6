/**
 * The roster first (ARCHITECTURE.md "Checkpoints and compaction"): a newcomer who joins a space whose
 * admin compacted sees the roster from the admin's checkpoint's roster index, read-only, with the
 * arriving progress beside it, before the checkpoint's state is applied. The production renderer twice
 * (two browser hosts), joined through a slow link that the test cuts once the roster shows, so the
 * state never arrives and the screen holds still: English and Spanish, axe 0, pictured (SCREENSHOT_DIR).
 */
import { expectNoViolations } from './axe';
import type { CuttableLink } from './host/cuttable-link';
import { joinThroughLink } from './join-flows';
import { openOn } from './host/pages';
import { useTwoHosts } from './host/two-hosts';
import { addMember, createVault, go, setLanguage, typeDay, unlock } from './flows';
import { fillSample, rosterCount } from './sample';
import { shot } from './screenshots';

const setup = useTwoHosts({ apart: true });
const SIZE = 1000;
let link: CuttableLink | undefined;
afterAll(async () => link?.close());

test('a newcomer sees the admin’s roster from its checkpoint before the state arrives: en and es, 0 axe violations', async () => {
  const a = await openOn(setup.browser, setup.hosts[0]!);
  const b = await openOn(setup.browser, setup.hosts[1]!);
  for (const { page } of [a, b]) await page.setViewportSize({ width: 1024, height: 720 });
  await createVault(a.page);
  await createVault(b.page);
  await (
    await fillSample(a.page, SIZE)
  )();
  // A restricted note from long ago: retention expires it at the next unlock and compacts the space,
  // so the admin's device holds a signed checkpoint (with the roster's index).
  await addMember(a.page, { first: 'Ximena', last: 'Oduya' });
  await typeDay(a.page, 'Date', '2020-01-15');
  await a.page.getByLabel('Sensitivity').selectOption('restricted');
  await a.page.getByLabel('What was said').fill('Expired long ago');
  await a.page.getByRole('button', { name: 'Save note' }).click();
  await a.page.getByText('Note saved.').waitFor();
  await a.page.getByRole('button', { name: 'Lock' }).click();
  await a.page.getByRole('heading', { name: 'Unlock' }).waitFor();
  await unlock(a.page);
  await a.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await go(a.page, 'History');
  await a.page.getByText(/^Earlier changes were compacted on /).waitFor({ timeout: 60_000 });

  // B joins through a slow link: the roster index comes first, then the state, slowly.
  link = await joinThroughLink(a.page, b.page, { bytesPerSecond: 96 * 1024 });
  await go(b.page, 'Roster');
  const hint = b.page.getByRole('status').filter({ hasText: 'as an admin of the space last saved it' });
  await hint.waitFor({ timeout: 120_000 });
  await link.cut(); // the state never arrives: the screen holds still
  // Every member of the admin's roster, from its index; the space is still arriving.
  expect(await rosterCount(b.page)).toBe(SIZE + 1);
  await b.page.locator('.roster-arriving').getByRole('progressbar').waitFor();
  await expect(b.page.getByRole('button', { name: 'Add member' }).isDisabled()).resolves.toBe(true);
  await b.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expectNoViolations(b.page, 'roster from a checkpoint (en)');
  await shot(b.page, 'roster-from-checkpoint.en');

  await setLanguage(b.page, 'es');
  await b.page.getByRole('status').filter({ hasText: 'alguien que administra el espacio' }).waitFor();
  await b.page
    .locator('.roster-arriving')
    .getByText(/todavía está llegando/)
    .waitFor();
  expect(await rosterCount(b.page)).toBe(SIZE + 1);
  await b.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expectNoViolations(b.page, 'roster from a checkpoint (es)');
  await shot(b.page, 'roster-from-checkpoint.es');
  await setLanguage(b.page, 'en');
}, 600_000);
