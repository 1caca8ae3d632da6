/**
 * Two screens no reference picture reached: the roster (and Today) of a space still arriving from a peer,
 * and Today's "Needs you" while the chapter is being read. A newcomer joins a large space through a link the
 * test cuts halfway, so the arrival stays on screen; then each screen in English and Spanish, light and dark,
 * checked with axe and pictured for people to look at (SCREENSHOT_DIR). The counts differ on every run, so
 * these are not reference images (test/e2e/screens).
 */
import type { Page } from 'playwright-core';
import { COLOR_SCHEMES, expectNoViolations, useColorScheme } from './axe';
import type { CuttableLink } from './host/cuttable-link';
import { joinThroughLink } from './join-flows';
import { openOn } from './host/pages';
import { useTwoHosts } from './host/two-hosts';
import { createVault, go, PASSPHRASE } from './flows';
import { fillSample } from './sample';
import { shot } from './screenshots';

const setup = useTwoHosts({ apart: true });
const SIZE = 10_000;
let link: CuttableLink | undefined;
afterAll(async () => link?.close());

async function setLanguage(page: Page, language: 'en' | 'es'): Promise<void> {
  await page
    .getByLabel(/^(Language|Idioma)$/)
    .first()
    .selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor();
}

/** The screen as it is, in both languages and themes: axe in each, a picture of each. */
async function look(page: Page, name: string, check: (language: 'en' | 'es') => Promise<void>): Promise<void> {
  for (const language of ['en', 'es'] as const) {
    await setLanguage(page, language);
    await check(language);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (const scheme of COLOR_SCHEMES) {
      await useColorScheme(page, scheme);
      await shot(page, `${name}.${language}.${scheme}`);
    }
    await expectNoViolations(page, `${name} (${language})`); // in both themes; leaves the light one
  }
  await setLanguage(page, 'en');
}

test('a space still arriving, and Today while the chapter is read: worded, labelled, 0 axe violations', async () => {
  const a = await openOn(setup.browser, setup.hosts[0]!);
  const b = await openOn(setup.browser, setup.hosts[1]!);
  for (const { page } of [a, b]) await page.setViewportSize({ width: 1024, height: 720 });
  await createVault(a.page);
  await createVault(b.page);
  await (
    await fillSample(a.page, SIZE)
  )();

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

  // A, on a slowed-down processor, unlocks again for each picture: Today while the chapter is read, where
  // "Needs you" has no count yet.
  const cdp = await a.context.newCDPSession(a.page);
  for (const language of ['en', 'es'] as const) {
    await setLanguage(a.page, language);
    for (const scheme of COLOR_SCHEMES) {
      await useColorScheme(a.page, scheme);
      await a.page.getByRole('button', { name: language === 'en' ? 'Lock' : 'Bloquear', exact: true }).click();
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      // Locking writes the 10,000-member space's snapshot first, on the slowed processor: give it time.
      await a.page.getByLabel(/^(Passphrase|Frase de contraseña)$/).waitFor({ timeout: 120_000 });
      await a.page.getByLabel(/^(Passphrase|Frase de contraseña)$/).fill(PASSPHRASE);
      await a.page.getByRole('button', { name: /^(Unlock|Desbloquear)$/ }).click();
      await a.page.getByTestId('today-loading').waitFor({ timeout: 60_000 });
      await a.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await shot(a.page, `today-reading.${language}.${scheme}`);
      if (scheme === 'light') await expectNoViolations(a.page, `today while reading (${language})`);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await a.page.getByTestId('today-loading').waitFor({ state: 'detached', timeout: 60_000 });
    }
  }
  await useColorScheme(a.page, 'light');
}, 600_000);
