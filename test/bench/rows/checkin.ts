/**
 * checkin_search_p95: in Debian's Chromium, against the production build, with 10,000 generated
 * members in a real (encrypted) vault, at the door of a meeting: the time from a keystroke in the
 * check-in search to the matches in the DOM (the screen's own performance marks). Baseline: the
 * model's search alone (MemberSearchIndex.search, measured by the same screen around the call) for
 * the same keystrokes in the same page, so the ratio is what rendering the results adds. Target:
 * ours ≤ 16 ms.
 */
import type { Page } from 'playwright-core';
import { startApp } from '../../e2e/app';
import { createVault, go } from '../../e2e/flows';
import { fillSample, percentile } from '../../e2e/sample';
import { row, type BenchSuite } from '../types';

const WORDS = ['maria', 'lopez', 'jose garcia', 'kim', 'nguyen', 'smith', '213555', 'ana', 'chen', 'rodriguez'];

/** Types each word one key at a time into the door's search; the two measures of every keystroke. */
async function keystrokes(page: Page, words: readonly string[]): Promise<{ screen: number[]; search: number[] }> {
  const box = page.getByLabel('Find a person');
  const screen: number[] = [];
  const search: number[] = [];
  for (const word of words) {
    await box.fill('');
    await page.waitForTimeout(50);
    await page.evaluate(() => performance.clearMeasures());
    await box.pressSequentially(word);
    await page.waitForTimeout(50);
    const [s, m] = await page.evaluate(() => [
      performance.getEntriesByName('checkin-keystroke').map((e) => e.duration),
      performance.getEntriesByName('checkin-search').map((e) => e.duration),
    ]);
    screen.push(...s!);
    search.push(...m!);
  }
  return { screen, search };
}

export const checkinRows: BenchSuite = async () => {
  const app = await startApp();
  try {
    const { page } = await app.open();
    await createVault(page);
    await (
      await fillSample(page)
    )();
    await go(page, 'Meetings');
    await page.getByRole('button', { name: 'New meeting or event' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Bench general meeting');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('button', { name: 'Open check-in' }).click();
    await page.getByLabel('Find a person').waitFor();
    // Let the vault finish sealing and storing the generated chapter: we time typing, not the import.
    await page.waitForTimeout(5000);
    await keystrokes(page, ['warm']);
    const screen: number[] = [];
    const search: number[] = [];
    // Three passes (about 170 keystrokes): one descheduled keystroke on a busy machine moves a p95 of 57.
    for (let pass = 0; pass < 3; pass++) {
      const t = await keystrokes(page, WORDS);
      screen.push(...t.screen);
      search.push(...t.search);
    }
    return [row('checkin_search_p95', percentile(screen, 95), percentile(search, 95), 'ms')];
  } finally {
    await app.close();
  }
};
