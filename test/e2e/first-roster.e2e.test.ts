/**
 * The roster first (ARCHITECTURE.md "Checkpoints and compaction"): a newcomer who joins a space whose
 * admin compacted sees the roster from the admin's checkpoint's roster index, read-only, with the
 * arriving progress beside it, before the checkpoint's state is applied. The production renderer twice
 * (two browser hosts), joined through a slow link that the test cuts once the roster shows, so the
 * state never arrives and the screen holds still: English and Spanish, axe 0, pictured (SCREENSHOT_DIR).
 */
import { expectNoViolations } from './axe';
import type { CuttableLink } from './host/cuttable-link';
import { adminWithChapter, compactThroughRetention, joinThroughLink } from './join-flows';
import { useTwoHosts } from './host/two-hosts';
import { go, setLanguage } from './flows';
import { rosterCount } from './sample';
import { shot } from './screenshots';

const setup = useTwoHosts({ apart: true });
const SIZE = 1000;
let link: CuttableLink | undefined;
afterAll(async () => link?.close());

test('a newcomer sees the admin’s roster from its checkpoint before the state arrives: en and es, 0 axe violations', async () => {
  const { a, b } = await adminWithChapter(setup, SIZE);
  // The admin's device compacts, so it holds a signed checkpoint (with the roster's index).
  await compactThroughRetention(a.page, 'Expired long ago');

  // B joins through a slow link: the roster index comes first, then the state, slowly.
  link = await joinThroughLink(a.page, b.page, { bytesPerSecond: 96 * 1024 });
  await go(b.page, 'Roster');
  const hint = b.page.getByRole('status').filter({ hasText: 'as an admin of the space last saved it' });
  await hint.waitFor({ timeout: 120_000 });
  await link.cut(); // the state never arrives: the screen holds still
  // Every member of the admin's roster, from its index; the space is still arriving.
  expect(await rosterCount(b.page)).toBe(SIZE + 1);
  await b.page.locator('.roster-arriving').getByRole('progressbar').waitFor();
  // Every member is shown: the panel speaks of the rest, not of members still to appear.
  await b.page
    .locator('.roster-arriving')
    .getByText('The rest of this space is still arriving', { exact: false })
    .waitFor();
  await expect(b.page.getByRole('button', { name: 'Add member' }).isDisabled()).resolves.toBe(true);
  await b.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expectNoViolations(b.page, 'roster from a checkpoint (en)');
  await shot(b.page, 'roster-from-checkpoint.en');

  await setLanguage(b.page, 'es');
  await b.page.getByRole('status').filter({ hasText: 'alguien que administra el espacio' }).waitFor();
  await b.page
    .locator('.roster-arriving')
    .getByText(/El resto de este espacio todavía está llegando/)
    .waitFor();
  expect(await rosterCount(b.page)).toBe(SIZE + 1);
  await b.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expectNoViolations(b.page, 'roster from a checkpoint (es)');
  await shot(b.page, 'roster-from-checkpoint.es');
  await setLanguage(b.page, 'en');
}, 600_000);
