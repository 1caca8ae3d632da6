/** A screen as it is, in both languages and themes: what the test checks in each, axe in each, a picture of each. */
import type { Page } from 'playwright-core';
import { COLOR_SCHEMES, expectNoViolations, useColorScheme } from './axe';
import { setLanguage } from './flows';
import { shot } from './screenshots';

export async function look(page: Page, name: string, check: (language: 'en' | 'es') => Promise<void>): Promise<void> {
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
