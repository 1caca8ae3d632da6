/**
 * import_10k: the weekly national-list import of a 10,000-row file (the 2023
 * header, test/shared/csv/national-list-generator.ts) into a real SpaceData on
 * a Y.Doc: parse + plan + apply, as `applyImport` runs it (one transaction).
 * Baseline: papaparse alone parsing the same text into rows, the least any
 * import must do. The ratio says what reading each generation's headers,
 * checking every value against the model, matching the roster and writing
 * the members costs on top of reading the CSV.
 */
// As in the renderer, where the import runs: zod without its `new Function` compiler (CSP).
import '../../../renderer/zod-config';
import Papa from 'papaparse';
import * as Y from 'yjs';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import { SpaceData } from '../../../shared/model';
import { nationalList } from '../../shared/csv/national-list-generator';
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
  return [row('import_10k', median(ours), median(baseline), 'ms')];
};
