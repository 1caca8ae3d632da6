/**
 * map_filter_p95: in Debian's Chromium, against the production build, with the 10,000-member
 * sample chapter in a real (encrypted) vault: the time from a change of the map's filters or
 * measure to the map repainted (the app's own performance marks: from the change to the first
 * task after the next frame), over many changes. Baseline: the model's count alone
 * (countByPlace, shared/model) for the same changes, timed in the same page; the ratio is what
 * drawing the map and its table adds. Target: ≤ 50 ms.
 */
import type { Page } from 'playwright-core';
import { startApp } from '../../e2e/app';
import { createVault, go } from '../../e2e/flows';
import { fillSample, percentile } from '../../e2e/sample';
import { row, type BenchSuite } from '../types';

/** Every option of a select on the map screen, in order, then back to the first. */
async function cycle(page: Page, label: string): Promise<void> {
  // The filters' selects, not the top bar's (its "Language" is the app's own).
  const scope = page.locator(label === 'Colour by' ? '.map-view' : '.map-view fieldset.filters');
  const select = scope.getByRole('combobox', { name: label, exact: true });
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  for (const v of [...values.slice(1), values[0]!]) {
    await select.selectOption(v);
    await page.waitForTimeout(30);
  }
}

export const mapRows: BenchSuite = async () => {
  const app = await startApp();
  try {
    const { page } = await app.open();
    await createVault(page);
    await (
      await fillSample(page)
    )();
    // Let the vault finish sealing and storing the generated chapter: we time the map, not the import.
    await page.waitForTimeout(5000);
    await go(page, 'Map and regions');
    await page.getByTestId('map').waitFor({ timeout: 60_000 });
    // One pass to warm up (and to let the vault's background work settle), then two timed passes.
    for (let pass = 0; pass < 3; pass++) {
      if (pass === 1)
        await page.evaluate(() => {
          performance.clearMeasures('map-filter');
          performance.clearMeasures('map-count');
        });
      for (const label of ['Membership status', 'Ladder stage', 'Need', 'Language', 'Colour by'])
        await cycle(page, label);
      await page.getByRole('radio', { name: 'ZIP code', exact: true }).check();
      for (const label of ['Region', 'Colour by']) await cycle(page, label);
      await page.getByRole('radio', { name: 'Region', exact: true }).check();
    }
    await page.waitForTimeout(200);
    const [ours, model] = await page.evaluate(() => [
      performance.getEntriesByName('map-filter').map((e) => e.duration),
      performance.getEntriesByName('map-count').map((e) => e.duration),
    ]);
    process.stderr.write(
      `map: ${ours.length} changes timed; p50 ${percentile(ours, 50).toFixed(1)} ms, ` +
        `the model's count alone p50 ${percentile(model, 50).toFixed(1)} ms\n`,
    );
    return [row('map_filter_p95', percentile(ours, 95), percentile(model, 95), 'ms')];
  } finally {
    await app.close();
  }
};
