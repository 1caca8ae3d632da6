/**
 * `npm run bench`: runs every suite in ./rows, prints a table and writes
 * bench-results.json at the repository root (a JSON array of
 * {metric, ours, baseline, ratio, unit}). Add a suite by exporting a
 * `BenchSuite` from a file in ./rows and listing it below.
 * BENCH_ITERATIONS (default 3) sets how many times each timing is taken; medians are reported.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow, BenchSuite } from './types';
import { vaultStorageRows } from './rows/vault-storage';
import { syncRows } from './rows/sync';
import { searchKeystrokeRows } from './rows/search-keystroke';
import { importRows } from './rows/import';
import { mapRows } from './rows/map';
import { checkinRows } from './rows/checkin';
import { dashboardRows } from './rows/dashboard';
import { unlockRows } from './rows/unlock';
import { chromiumStorageRows } from './rows/chromium-storage';
import { growthRows } from './rows/growth';
import { growthChromiumRows } from './rows/growth-chromium';
import { firstSyncChromiumRows } from './rows/first-sync-chromium';

const suites: Record<string, BenchSuite> = {
  'vault-storage': vaultStorageRows,
  sync: syncRows,
  'search-keystroke': searchKeystrokeRows,
  import: importRows,
  map: mapRows,
  checkin: checkinRows,
  dashboard: dashboardRows,
  unlock: unlockRows,
  'chromium-storage': chromiumStorageRows,
  'first-sync': firstSyncChromiumRows,
};

/** Suites that run only when named (`npm run bench growth`): too long for every run. */
const onRequest: Record<string, BenchSuite> = {
  growth: growthRows,
  'growth-chromium': growthChromiumRows,
};

function table(rows: readonly BenchRow[]): string {
  const header = ['metric', 'ours', 'baseline', 'ratio', 'unit'];
  const lines = rows.map((r) => [r.metric, String(r.ours), String(r.baseline), String(r.ratio), r.unit]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const [name, suite] of [...Object.entries(suites), ...Object.entries(onRequest)]) {
    if (only.length > 0 ? !only.includes(name) : name in onRequest) continue;
    process.stderr.write(`bench: ${name}...\n`);
    rows.push(...(await suite()));
  }
  console.log(table(rows));
  writeFileSync(join(__dirname, '..', '..', 'bench-results.json'), JSON.stringify(rows, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
