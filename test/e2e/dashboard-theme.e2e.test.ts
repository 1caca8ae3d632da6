/**
 * The dashboard's charts follow the theme (renderer/views/dashboard/Chart.tsx, tokens.css): no white box in
 * the dark theme; bars at 3:1 and axis words at 4.5:1 against the panel they are drawn on, in both themes,
 * whether the theme comes from the system or is pinned in Settings. Pictures of a chart with several series:
 * test-results/screens/dashboard-series.<scheme>.png.
 */
import type { Page } from 'playwright-core';
import { useColorScheme } from './axe';
import { useApp } from './fixture';
import { createVault, go } from './flows';
import { fillSample } from './sample';
import { seeScreen } from './visual';

const app = useApp();

/** "rgb(r, g, b)", "#rrggbb" or "#rgb" as [r, g, b]; null for a transparent colour. */
function rgb(colour: string): [number, number, number] | null {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  if (short) return [1, 2, 3].map((i) => parseInt(short[i]!.repeat(2), 16)) as [number, number, number];
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (hex) return [1, 2, 3].map((i) => parseInt(hex[i]!, 16)) as [number, number, number];
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(colour);
  if (!m || m[4] === '0') return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** WCAG 2 contrast ratio. */
function contrast(a: [number, number, number], b: [number, number, number]): number {
  const lum = (c: [number, number, number]) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The first chart's colours as drawn: its box, the panel under it, its bars and its axis words. */
async function drawn(page: Page) {
  const chart = page.locator('.figure .chart').first();
  await chart.locator('.recharts-bar-rectangle path').first().waitFor();
  return chart.evaluate((box) => {
    const panel = box.closest('.panel')!;
    const fills = [...box.querySelectorAll('.recharts-bar-rectangle path')].map((p) => p.getAttribute('fill')!);
    const words = [...box.querySelectorAll('.recharts-cartesian-axis-tick-value')].map((t) => t.getAttribute('fill')!);
    return {
      box: getComputedStyle(box).backgroundColor,
      panel: getComputedStyle(panel).backgroundColor,
      fills: [...new Set(fills)],
      words: [...new Set(words)],
    };
  });
}

/** The ladder's months (one series per stage, with a legend), drawn in view, pictured. */
async function pictureSeries(page: Page, scheme: string): Promise<void> {
  const figure = page.getByTestId('figure-ladder-months');
  await figure.scrollIntoViewIfNeeded();
  await figure.locator('.recharts-legend-wrapper').waitFor();
  await seeScreen(page, `dashboard-series.${scheme}`);
  await page.evaluate(() => window.scrollTo(0, 0));
}

function judge(seen: Awaited<ReturnType<typeof drawn>>) {
  const panel = rgb(seen.panel)!;
  return {
    // The chart has no box of its own: it is drawn on the panel.
    ownBox: rgb(seen.box) !== null && seen.box !== seen.panel,
    weakBars: seen.fills.filter((f) => contrast(rgb(f)!, panel) < 3),
    weakWords: seen.words.filter((w) => contrast(rgb(w)!, panel) < 4.5),
  };
}

test('the charts are drawn in the theme’s colours, readable on the panel, light and dark', async () => {
  const { page, problems } = await app.open();
  await createVault(page);
  const ready = await fillSample(page, 100);
  await ready();
  await go(page, 'Dashboard');

  await useColorScheme(page, 'light');
  const light = await drawn(page);
  expect(judge(light)).toEqual({ ownBox: false, weakBars: [], weakWords: [] });
  await pictureSeries(page, 'light');

  await useColorScheme(page, 'dark');
  const dark = await drawn(page);
  expect(contrast(rgb(dark.panel)!, [255, 255, 255])).toBeGreaterThan(10); // the dark panel, not a white box
  expect(judge(dark)).toEqual({ ownBox: false, weakBars: [], weakWords: [] });
  expect(dark.fills).not.toEqual(light.fills); // redrawn in the dark theme's colours
  await pictureSeries(page, 'dark');

  // Pinned in Settings (the system still light): the chart follows the pin.
  await useColorScheme(page, 'light');
  await go(page, 'Settings');
  await page.getByLabel('Theme').selectOption('dark');
  await go(page, 'Dashboard');
  const pinned = await drawn(page);
  expect(pinned.fills).toEqual(dark.fills);
  expect(judge(pinned)).toEqual({ ownBox: false, weakBars: [], weakWords: [] });
  expect(problems.errors).toEqual([]);
}, 240_000);
