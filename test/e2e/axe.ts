/**
 * Runs axe-core in the page (injected through the DevTools protocol, so the page's CSP stays intact),
 * in the light and the dark theme.
 *
 * axe files a contrast check it cannot decide under `incomplete`, not `violations`: text whose colour
 * equals its background is one of those ("same foreground and background"), and that is how a white-on-
 * white Lock button once passed with 0 violations. Such undecided contrast results fail here too.
 */
import axe, { type AxeResults, type RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

export interface Violation {
  readonly id: string;
  readonly help: string;
  readonly targets: string[];
}

export type ColorScheme = 'light' | 'dark';
export const COLOR_SCHEMES: readonly ColorScheme[] = ['light', 'dark'];

/** The contrast rules whose undecided results count as failures. */
const UNDECIDED_FAILS = ['color-contrast'];
/**
 * Undecided for a reason that is not about colour, so not failed here: the content is a symbol, not text
 * (▲, an icon) or too short to tell (a chart's "0"); axe could not tell the background because boxes overlap (a sticky map, a wrapped button in
 * an inline span); or the text is drawn over a picture (the map's labels, which carry a white halo in
 * features/places.css). Those screens are pictured and compared (test/e2e/screens.e2e.test.ts).
 * Everything else undecided fails, among it "1:1 contrast ratio with the background" (`equalRatio`).
 */
const NOT_COLOUR = [
  'nonBmp',
  'shortTextContent',
  'imgNode',
  'bgOverlap',
  'elmPartiallyObscured',
  'elmPartiallyObscuring',
  'outsideViewport',
];

export async function axeViolations(page: Page): Promise<Violation[]> {
  const injected = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!injected) await page.evaluate(axe.source);
  return page.evaluate(
    async ({ undecidedFails, notColour }) => {
      const runner = (window as unknown as { axe: { run(ctx: Document, o: RunOptions): Promise<AxeResults> } }).axe;
      const result = await runner.run(document, { resultTypes: ['violations', 'incomplete'] });
      const reason = (n: AxeResults['incomplete'][number]['nodes'][number]) =>
        (n.any[0]?.data as { messageKey?: string } | undefined)?.messageKey ?? '';
      const undecided = result.incomplete
        .filter((r) => undecidedFails.includes(r.id))
        .map((r) => ({ ...r, nodes: r.nodes.filter((n) => !notColour.includes(reason(n))) }))
        .filter((r) => r.nodes.length > 0)
        .map((r) => ({
          ...r,
          id: `${r.id} (undecided)`,
          // axe's own reason (the message of its first check), e.g. "1:1 contrast ratio with the background".
          help: `${r.help}: ${r.nodes[0]?.any[0]?.message ?? ''}`,
        }));
      return [...result.violations, ...undecided].map((v) => ({
        id: v.id,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    },
    { undecidedFails: UNDECIDED_FAILS, notColour: NOT_COLOUR },
  );
}

/** Shows the page as the system's light or dark setting would (the app follows `prefers-color-scheme`). */
export async function useColorScheme(page: Page, scheme: ColorScheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
}

/**
 * Fails the test with the screen's name and axe's findings when there are any, in either theme.
 * The page is left in the light theme, as the browser context starts.
 */
export async function expectNoViolations(page: Page, where: string): Promise<void> {
  const found: Record<string, Violation[]> = {};
  for (const scheme of COLOR_SCHEMES) {
    await useColorScheme(page, scheme);
    found[scheme] = await axeViolations(page);
  }
  await useColorScheme(page, 'light');
  expect({ where, ...found }).toEqual({ where, light: [], dark: [] });
}
