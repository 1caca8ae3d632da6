/**
 * import_10k: the weekly national-list import of a 10,000-row file (the 2023
 * header, test/shared/csv/national-list-generator.ts) into a real SpaceData on
 * a Y.Doc: parse + plan + apply, as `applyImport` runs it (one transaction).
 * Baseline: papaparse alone parsing the same text into rows, the least any
 * import must do. The ratio says what reading each generation's headers,
 * checking every value against the model, matching the roster and writing
 * the members costs on top of reading the CSV.
 *
 * import_longest_task: the same file imported through the Import screen in Chromium (production build, a
 * real vault): the longest main-thread task (`longtask` entries; 0: none reached 50 ms) from choosing the
 * file until the top bar says every imported member is saved. Target ≤ 100 ms, no baseline.
 */
// As in the renderer, where the import runs: zod without its `new Function` compiler (CSP).
import '../../../renderer/zod-config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import * as Y from 'yjs';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import { SpaceData } from '../../../shared/model';
import { nationalList } from '../../shared/csv/national-list-generator';
import { startApp } from '../../e2e/app';
import { createVault, go } from '../../e2e/flows';
import { waitUntilSaved, watchFreezes } from '../../e2e/freezes';
import { iterations, median, row, settledHeap, type BenchSuite } from '../types';

const ROWS = 10_000;

function emptySpace(): SpaceData {
  let n = 0;
  const data = new SpaceData(new Y.Doc(), 'dev-bench', { newId: () => `m${++n}` });
  data.setName('Chapter');
  return data;
}

async function timed(work: () => void): Promise<number> {
  await settledHeap();
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** The longest main-thread task, ms, while the Import screen reads, plans, applies and saves `text`. */
async function importLongestTask(text: string): Promise<number> {
  // A fake list, but a national list all the same: it does not stay in /tmp.
  const dir = mkdtempSync(join(tmpdir(), 'national-'));
  const app = await startApp();
  try {
    const file = join(dir, 'national-10k.csv');
    writeFileSync(file, text);
    const { page } = await app.open();
    await createVault(page);
    await go(page, 'Import and export');
    const freezes = await watchFreezes(page);
    await freezes.take();
    await page.getByLabel('CSV file from national').setInputFiles(file);
    await page.getByText(`New members: ${ROWS.toLocaleString('en-US')}`).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Apply import' }).click();
    await page.getByText(/^Imported: /).waitFor({ timeout: 300_000 });
    await waitUntilSaved(page, 300_000);
    const freeze = await freezes.take();
    process.stderr.write(`import_longest_task: longest task ${freeze.longTask} ms, frame gap ${freeze.frameGap} ms\n`);
    return freeze.longTask;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const importRows: BenchSuite = async () => {
  const text = nationalList(ROWS, 1);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < iterations(); i++) {
    const data = emptySpace();
    ours.push(
      await timed(() => {
        const result = applyImport(data, planImport(data, parseNationalList(text)));
        if (result.created !== ROWS) throw new Error(`import_10k: ${result.created} members created`);
      }),
    );
    data.doc.destroy();
    baseline.push(
      await timed(() => {
        const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
        if (parsed.data.length !== ROWS + 1) throw new Error('import_10k: baseline parse');
      }),
    );
  }
  return [
    row('import_10k', median(ours), median(baseline), 'ms'),
    row('import_longest_task', await importLongestTask(text), 0, 'ms'),
  ];
};
