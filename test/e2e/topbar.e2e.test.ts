/**
 * The top bar at the app's minimum window width (electron/window/options.ts) with a long space name: one
 * line, the name cut with an ellipsis (the whole of it in the menu, read by screen readers, and as the
 * menu's tooltip), and Lock wholly in view, in English and Spanish, light and dark; axe finds nothing.
 * Checked at widths from the minimum up; pictures: test-results/screens/topbar-long-name.<width>.<language>.<scheme>.png.
 */
import type { Page } from 'playwright-core';
import { COLOR_SCHEMES, expectNoViolations, useColorScheme } from './axe';
import { useApp } from './fixture';
import { createVault, go, setLanguage } from './flows';
import { seeScreen } from './visual';

const app = useApp();
/** The window's minimum width (electron/window/options.ts). */
const MIN_WIDTH = 720;
/** Window widths checked (px), and those pictured. */
const WIDTHS = [720, 780, 840, 900, 960, 1024, 1280];
const PICTURED = [720, 1024];
const LONG_NAME = 'Inquilinos Unidos del Noreste: Comité de Defensa de la Vivienda y Contra los Desalojos';

/** Each of the bar's controls, with where it sits. */
async function barLayout(page: Page) {
  return page.locator('header.topbar').evaluate((bar) => {
    const barBox = bar.getBoundingClientRect();
    const items = [...bar.children]
      .filter((c) => c.getBoundingClientRect().width > 0)
      .map((c) => {
        const r = c.getBoundingClientRect();
        return { name: c.className || c.tagName, top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      });
    const menuWidth = bar.querySelector('#space-switcher')!.getBoundingClientRect().width;
    return { width: window.innerWidth, barHeight: barBox.height, items, menuWidth };
  });
}

test('a long space name is cut with an ellipsis; the bar stays one line and Lock stays in view', async () => {
  const { page, problems } = await app.open();
  await page.setViewportSize({ width: MIN_WIDTH, height: 560 });
  await createVault(page);
  await go(page, 'Spaces');
  await page.getByLabel('Name of the new space').fill(LONG_NAME);
  await page.getByRole('button', { name: 'Create space' }).click();
  const switcher = page.getByLabel('Space', { exact: true });
  await switcher.locator('option', { hasText: LONG_NAME }).waitFor({ state: 'attached' });
  await switcher.selectOption({ label: LONG_NAME });
  await go(page, 'Today');

  const wrong: unknown[] = [];
  for (const language of ['en', 'es'] as const) {
    await setLanguage(page, language);
    // From the minimum up, across the widths where the bar leaves out its name, shortcut hint and label.
    for (const windowWidth of WIDTHS) {
      await page.setViewportSize({ width: windowWidth, height: 560 });
      for (const scheme of COLOR_SCHEMES) {
        await useColorScheme(page, scheme);
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        if (PICTURED.includes(windowWidth))
          await seeScreen(page, `topbar-long-name.${windowWidth}.${language}.${scheme}`);
        const { width, items, menuWidth } = await barLayout(page);
        // One line: every control overlaps the first one's height; none outside the window.
        const first = items[0]!;
        const onAnotherLine = items.filter((i) => i.top >= first.bottom || i.bottom <= first.top).map((i) => i.name);
        const lock = items.find((i) => i.name === 'lock')!;
        // The menu keeps room for the start of the name (4rem at the app's 15px type).
        if (onAnotherLine.length || lock.left < 0 || lock.right > width || menuWidth < 60)
          wrong.push({ language, scheme, onAnotherLine, lock: [lock.left, lock.right], width, menuWidth });
      }
    }
    await page.setViewportSize({ width: MIN_WIDTH, height: 560 });
    await useColorScheme(page, 'light');
    const menu = page.locator('#space-switcher');
    // The whole name: what a screen reader reads (the chosen option) and what the tooltip shows.
    expect(await menu.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(LONG_NAME);
    expect(await menu.getAttribute('title')).toBe(LONG_NAME);
    // Cut: the menu is narrower than its name.
    expect(await menu.evaluate((s) => s.scrollWidth > s.clientWidth || s.clientWidth < 400)).toBe(true);
    await expectNoViolations(page, `top bar with a long space name (${language})`);
  }
  expect(wrong).toEqual([]);
  expect(problems.errors).toEqual([]);
}, 180_000);
