/**
 * A screen no reference picture reached: the roster (and Today, and Sharing) of a space still arriving
 * from a peer. A newcomer joins a large space through a link the test cuts halfway, so the arrival stays
 * on screen; then each screen in English and Spanish, light and dark, checked with axe and pictured for
 * people to look at (SCREENSHOT_DIR). The counts differ on every run, so these are not reference images
 * (test/e2e/screens). Today's "Needs you" while the chapter is read is checked in
 * test/renderer/app/space-loading.test.tsx: since the roster's read index, the space opens behind "Opening
 * the space…", and Today's own reading is then too short to catch on screen.
 */
import { useColorScheme } from './axe';
import type { CuttableLink } from './host/cuttable-link';
import { adminWithChapter, joinThroughLink } from './join-flows';
import { useTwoHosts } from './host/two-hosts';
import { go } from './flows';
import { look } from './look';

const setup = useTwoHosts({ apart: true });
const SIZE = 10_000;
let link: CuttableLink | undefined;
afterAll(async () => link?.close());

test('a space still arriving: worded, labelled, 0 axe violations', async () => {
  const { a, b } = await adminWithChapter(setup, SIZE);

  // A invites B through the link; B joins and opens the space at once, while it arrives.
  link = await joinThroughLink(a.page, b.page);
  await go(b.page, 'Roster');
  await b.page.locator('.roster-arriving').waitFor({ timeout: 60_000 });
  // Halfway: the link is cut, and the space stays "arriving" with what came so far.
  await link.cut();
  const arriving = b.page.locator('.roster-arriving');
  await look(b.page, 'roster-arriving', async (language) => {
    await arriving
      .getByText(language === 'en' ? /still arriving/ : /todavía está llegando/)
      .waitFor({ timeout: 10_000 });
    await arriving.getByRole('progressbar').waitFor();
  });
  await go(b.page, 'Today');
  await look(b.page, 'today-arriving', async (language) => {
    await b.page.locator('.today-arriving').getByRole('progressbar').waitFor();
    await b.page
      .getByRole('heading', { level: 2, name: language === 'en' ? 'This space is still arriving' : /todavía/ })
      .waitFor();
  });

  await go(b.page, 'Sharing');
  await look(b.page, 'sharing-arriving', async (language) => {
    await b.page
      .locator('.arrivals')
      .getByRole('status')
      .getByText(language === 'en' ? 'A space is arriving' : 'Un espacio está llegando', { exact: false })
      .waitFor();
  });

  await useColorScheme(a.page, 'light');
}, 600_000);
