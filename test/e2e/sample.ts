/**
 * A 10,000-member sample chapter: generated in the browser through Settings,
 * and the very same chapter generated in Node (same generator, same seed) to
 * compute the rows the roster must show.
 */
import type { Page } from 'playwright-core';
import { generateChapter } from '../../shared/sample/generate';
import { MemberSearchIndex } from '../../shared/model/search';
import type { MemberFilters } from '../../shared/model/filter';
import { applySearch, filteredSorted, type RosterSort } from '../../renderer/views/roster/rows';
import { go } from './flows';

export const SAMPLE_SIZE = 10_000;

/** Must match renderer/views/settings/Settings.tsx. */
export function sampleChapter(size = SAMPLE_SIZE) {
  return generateChapter({ members: size, memberSkills: Math.round(size / 5), notes: Math.round(size / 5), seed: 1 });
}

/** Starts generating the sample in the browser; `await` the returned wait after doing Node-side work in parallel. */
export async function fillSample(page: Page, size = SAMPLE_SIZE): Promise<() => Promise<void>> {
  await go(page, 'Settings');
  await page.getByLabel('Members', { exact: true }).selectOption(String(size));
  await page.getByRole('button', { name: 'Create sample members' }).click();
  return async () => {
    await page.getByText(`${size.toLocaleString('en')} sample members created.`).waitFor({ timeout: 90_000 });
    await go(page, 'Roster');
    await page.locator(`[data-testid="roster-count"][data-count="${size}"]`).waitFor({ timeout: 60_000 });
  };
}

export function expectedRows(
  chapter: ReturnType<typeof sampleChapter>,
  query: string,
  filters: MemberFilters,
  sort: RosterSort = { key: 'name', direction: 'ascending' },
): string[] {
  const { space } = chapter;
  const members = space.members.all();
  const regionNames = new Map(space.regions.all().map((r) => [r.id, r.name]));
  const sorted = filteredSorted(members, filters, space.memberSkills.all(), sort, regionNames);
  return applySearch(sorted, new MemberSearchIndex(members), query).map((m) => m.id);
}

/** Ids of the rows in the DOM, in row order (the virtualizer renders the visible window). */
export async function visibleRowIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-member-id]', (rows) =>
    rows
      .map((r) => ({ id: r.getAttribute('data-member-id') ?? '', index: Number(r.getAttribute('aria-rowindex')) }))
      .sort((a, b) => a.index - b.index)
      .map((r) => r.id),
  );
}

export async function rosterCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('roster-count').getAttribute('data-count'));
}

/**
 * Types `text` into the roster search one key at a time and returns the time
 * from each keystroke to the updated rows in the DOM (performance measures
 * the roster records), in ms.
 */
export async function searchKeystrokeTimes(page: Page, texts: readonly string[]): Promise<number[]> {
  const search = page.getByLabel('Search', { exact: true });
  await page.evaluate(() => performance.clearMeasures('search-keystroke'));
  for (const text of texts) {
    await search.fill('');
    await search.pressSequentially(text);
  }
  await page.waitForTimeout(50);
  return page.evaluate(() => performance.getEntriesByName('search-keystroke').map((e) => e.duration));
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
