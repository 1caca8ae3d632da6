/**
 * "Seen, not assumed" (issue 15): every screen pictured in English and Spanish, light and dark, compared
 * with its reference image in test/e2e/screens/ (see visual.ts), and checked with axe in both themes.
 * `npm test` pictures a representative set; `npm run screenshots` all of them, and
 * `npm run screenshots:update` accepts changed pictures after a person has looked at them.
 */
import type { Locator, Page } from 'playwright-core';
import { expectNoViolations, useColorScheme, COLOR_SCHEMES } from './axe';
import { useApp } from './fixture';
import { createVault, go, setLanguage } from './flows';
import { fillSample } from './sample';
import { compareScreens, seeScreen } from './visual';

const app = useApp();
const ALL = process.env.SCREENS === 'all';
/** `SCREENS=leadership,today`: only these screens (to look at or re-take the references of the ones a change touched). */
const ONLY = process.env.SCREENS && !ALL ? new Set(process.env.SCREENS.split(',')) : undefined;
/** A fixed day shortly after the sample chapter's last events, so "this week", ages and charts draw the same on every run. */
const TODAY = new Date('2025-06-15T15:00:00Z');
const LANGUAGES = ['en', 'es'] as const;

interface Screen {
  readonly name: string;
  /** Part of the quick set `npm test` runs. */
  readonly quick?: boolean;
  /** From anywhere in the unlocked app (in English) to this screen. */
  open(page: Page): Promise<void>;
  /** What changes on every run (keys, ports, codes), painted over. */
  mask?(page: Page): Locator[];
  /** Done again before each picture: a panel shown while something has focus (a language change moves it). */
  hold?(page: Page): Promise<void>;
}

const SCREENS: readonly Screen[] = [
  {
    name: 'today',
    quick: true,
    // Pictured once the chapter is read (renderer/app/space-loading.ts), not while its lists say "Reading…".
    open: async (p) => {
      await go(p, 'Today');
      await p.getByTestId('today-loading').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'roster',
    quick: true,
    open: async (p) => {
      await go(p, 'Roster');
      await p.getByTestId('roster-count').waitFor();
    },
  },
  {
    name: 'member',
    quick: true,
    open: async (p) => {
      await go(p, 'Roster');
      await p.locator('[data-member-id]').first().getByRole('button').first().click();
      await p.getByRole('heading', { level: 1 }).first().waitFor();
    },
  },
  {
    // A profile with one section open for editing (the rest still read).
    name: 'member-edit',
    open: async (p) => {
      await go(p, 'Roster');
      await p.locator('[data-member-id]').first().getByRole('button').first().click();
      await p.getByRole('button', { name: 'Edit Contact and consent' }).click();
      await p.getByRole('form', { name: 'Contact and consent' }).waitFor();
    },
  },
  { name: 'notes', open: (p) => go(p, 'Notes and follow-ups') },
  { name: 'skills', open: (p) => go(p, 'Skills') },
  { name: 'map', quick: true, open: (p) => go(p, 'Map and regions') },
  {
    // Regions and branches, at its boundary files: the file chooser in the app's words.
    name: 'regions',
    open: async (p) => {
      await go(p, 'Map and regions');
      await p.getByRole('button', { name: 'Regions and branches' }).click();
      await p.getByRole('region', { name: 'Boundary files' }).waitFor();
    },
    hold: async (p) => {
      await p.locator('.boundary-add').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    },
  },
  { name: 'meetings', open: (p) => go(p, 'Meetings') },
  {
    // The new-meeting form: its date and time fields read in the app's language (dd/mm/aaaa, 19:00 in Spanish).
    name: 'meeting-form',
    open: async (p) => {
      await go(p, 'Meetings');
      await p.getByRole('button', { name: 'New meeting or event' }).click();
      await p.getByRole('form', { name: 'New meeting or event' }).waitFor();
    },
  },
  {
    name: 'checkin',
    open: async (p) => {
      // Check-in from an event's page (the sample's meetings are all before the fixed day).
      await go(p, 'Meetings');
      await p.getByRole('button', { name: 'General meeting' }).first().click();
      await p.getByRole('button', { name: 'Open check-in' }).click();
      await p.getByRole('heading', { level: 1, name: /^Check-in:/ }).waitFor();
      // The screen moves the focus to its search box two frames after it opens: let it, before the blur below.
      await p.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    },
  },
  { name: 'leadership', open: (p) => go(p, 'Leadership') },
  { name: 'groups', open: (p) => go(p, 'Groups and committees') },
  {
    name: 'dashboard',
    quick: true,
    // The first chart is drawn once it is seen near the screen: until then it has no busy state to wait for.
    open: async (p) => {
      await go(p, 'Dashboard');
      await p.locator('.figure .chart .recharts-surface').first().waitFor();
    },
  },
  { name: 'lists', open: (p) => go(p, 'Lists') },
  { name: 'reports', open: (p) => go(p, 'Reports') },
  {
    name: 'sharing',
    open: (p) => go(p, 'Sharing'),
    mask: (p) => [p.getByTestId('listening'), p.locator('.device-id')],
  },
  { name: 'spaces', open: (p) => go(p, 'Spaces') },
  { name: 'settings', quick: true, open: (p) => go(p, 'Settings'), mask: (p) => [p.locator('.device-id')] },
  { name: 'import', open: (p) => go(p, 'Import and export') },
  {
    // The top bar's sync panel, shown while the status has focus. This vault shares nothing, so nothing can be unsent.
    name: 'sync-panel',
    open: (p) => go(p, 'Today'),
    hold: async (p) => {
      await p.getByTestId('sync-status').focus();
      await p.getByRole('tooltip').waitFor();
      // Shown, the panel counts the unsent changes (not done at unlock): the picture is of the count.
      await p
        .locator('[data-testid="sync-unsent"] p')
        .filter({ hasNotText: /^(Counting|Contando)/ })
        .waitFor();
    },
  },
];

/** The Lock button, the most important control, is wholly inside the window (a crowded bar once pushed it out). */
async function expectLockInView(page: Page, where: string): Promise<void> {
  const lock = page.locator('.topbar button.lock');
  if ((await lock.count()) === 0) return; // locked screens have no bar
  const box = await lock.boundingBox();
  const width = page.viewportSize()!.width;
  expect({ where, inView: box !== null && box.x >= 0 && box.x + box.width <= width }).toEqual({ where, inView: true });
}

/** The screen as it is now, in both languages and both themes; returns the pictures' names. */
async function picture(
  page: Page,
  name: string,
  mask: Locator[] = [],
  hold: (page: Page) => Promise<void> = async () => undefined,
): Promise<string[]> {
  const seen: string[] = [];
  for (const language of LANGUAGES) {
    await setLanguage(page, language);
    for (const scheme of COLOR_SCHEMES) {
      await useColorScheme(page, scheme);
      await hold(page);
      seen.push(await seeScreen(page, `${name}.${language}.${scheme}`, mask));
    }
    await useColorScheme(page, 'light');
    await hold(page);
    await expectNoViolations(page, `${name} (${language})`);
    await expectLockInView(page, `${name} (${language})`);
  }
  await setLanguage(page, 'en');
  return seen;
}

test(`${ALL ? 'every' : 'a representative'} screen looks as it did, in English and Spanish, light and dark`, async () => {
  const { page, context } = await app.open();
  await page.setViewportSize({ width: 1024, height: 640 });
  await context.clock.setFixedTime(TODAY);
  await page.reload();
  await page.waitForSelector('[data-app-ready]');
  const seen: string[] = [];

  seen.push(...(await picture(page, 'first-run')));
  await createVault(page);
  const sampleReady = await fillSample(page, 100);
  await sampleReady();

  const screens = SCREENS.filter((s) => (ONLY ? ONLY.has(s.name) : ALL || s.quick));
  for (const screen of screens) {
    await screen.open(page);
    // Charts and other parts loaded on demand say they are busy until drawn: picture the drawn screen.
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 60_000 });
    // The view's heading has focus after navigation; the ring would differ with timing, so blur it.
    // And the picture starts at the top of the page, whatever an earlier screen scrolled.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    seen.push(...(await picture(page, screen.name, screen.mask?.(page), screen.hold)));
  }

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
  seen.push(...(await picture(page, 'unlock')));

  const compared = compareScreens(seen);
  // Two languages times two themes, for each screen plus the first run and the unlock screen.
  expect(compared).toHaveLength((screens.length + 2) * 4);
  // The changed or unreferenced screens and how much changed; pictures and diffs are in test-results/screens.
  expect(compared.filter((s) => s.outcome === 'changed' || s.outcome === 'missing')).toEqual([]);
}, 600_000);
