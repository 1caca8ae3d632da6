/**
 * A 10,000-row national list imported in Chromium (production build): the
 * window keeps painting while the file is read and planned (in a worker) and
 * while it is applied (slices of members), and the roster then holds them all.
 *
 * The longest freeze is the longest gap between animation frames (a frame
 * cannot be drawn while the main thread is busy), cross-checked with the
 * longest task a `longtask` PerformanceObserver reports. Both are printed.
 * The code before this change (parse + plan on the page, one transaction)
 * fails both bounds below.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nationalList } from '../shared/csv/national-list-generator';
import { useApp } from './fixture';
import { createVault, go } from './flows';
import { rosterCount } from './sample';
import { watchFreezes } from './freezes';
import { chooseFile } from './files';

const app = useApp();
// The generated list is fake, but a national list all the same: it does not stay in /tmp.
const dir = mkdtempSync(join(tmpdir(), 'national-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Generous bounds (a busy 2-core machine). Before this change, on such a machine: parse + plan froze the
 * window for 1.95 s, apply for 9.7 s. After: 50–183 ms and 217–333 ms; what is left during apply is
 * mostly the change log sealing each batch of updates (shared/log/batcher.ts), not the import.
 */
const MAX_PLAN_FREEZE_MS = 1000;
const MAX_APPLY_FREEZE_MS = 1500;

test('10,000 rows: reading, planning and applying keep the window painting; the roster holds them all', async () => {
  const file = join(dir, 'national-10k.csv');
  writeFileSync(file, nationalList(10_000, 1));

  const { page, problems } = await app.open();
  await createVault(page);
  await go(page, 'Import and export');
  await page.getByRole('heading', { name: 'Import and export', level: 1 }).waitFor();
  const freezes = await watchFreezes(page);
  await freezes.take();

  const started = Date.now();
  await chooseFile(page, 'CSV file from national', file);
  await page.getByRole('heading', { name: 'What national-10k.csv will change' }).waitFor({ timeout: 60_000 });
  const planning = await freezes.take();
  const planMs = Date.now() - started;
  await page.getByText('New members: 10,000').waitFor();

  const applying = Date.now();
  await page.getByRole('button', { name: 'Apply import' }).press('Enter');
  // The progress line shows while slices are written.
  await page
    .getByRole('status')
    .filter({ hasText: /Imported [\d,]+ of 10,000 members…/ })
    .waitFor();
  await page.getByText('Imported: 10,000 new members, 0 records updated, 0 newly lapsed.').waitFor({ timeout: 90_000 });
  const apply = await freezes.take();
  const applyMs = Date.now() - applying;
  // The keyboard stays in the import panel once the plan's buttons are gone.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Import the national membership list');

  process.stdout.write(
    `import 10k rows in Chromium: parse+plan ${planMs} ms (longest frame gap ${planning.frameGap} ms, ` +
      `longest task ${planning.longTask} ms); apply ${applyMs} ms (longest frame gap ${apply.frameGap} ms, ` +
      `longest task ${apply.longTask} ms)\n`,
  );
  expect(planning.frameGap).toBeLessThan(MAX_PLAN_FREEZE_MS);
  expect(apply.frameGap).toBeLessThan(MAX_APPLY_FREEZE_MS);

  await go(page, 'Roster');
  await page.locator('[data-testid="roster-count"][data-count="10000"]').waitFor({ timeout: 30_000 });
  expect(await rosterCount(page)).toBe(10_000);
  expect(problems.errors).toEqual([]);
}, 240_000);
