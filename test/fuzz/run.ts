/**
 * `npm run fuzz [target...] [-- --runs N --seed S --budget MS]`: every fuzz target (./targets) with
 * 100,000 cases by default and a new random seed each time (printed, to replay a failure with
 * `--seed`). Prints a table of cases, accepted and refused decoder calls, time and the slowest case,
 * then each failure; exits 1 when there was one.
 */
import { runFuzzTarget, type FuzzReport } from './harness';
import { TARGETS } from './targets';
import { makeWorld } from './world';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const runs = option('runs', 100_000);
  const seed = option('seed', Math.floor(Math.random() * 2 ** 31));
  const budgetMs = option('budget', 1_000);
  const named = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  console.log(`fuzz: ${runs} cases per target, seed ${seed}, a case over ${budgetMs} ms is a hang`);
  const reports: FuzzReport[] = [];
  for (const factory of TARGETS) {
    if (named.length > 0 && !named.includes(factory.name)) continue;
    process.stderr.write(`fuzz: ${factory.name}...\n`);
    const target = await factory.create(await makeWorld());
    reports.push(await runFuzzTarget(target, { runs, seed, budgetMs }));
  }
  const header = ['target', 'cases', 'accepted', 'refused', 'seconds', 'slowest ms', 'result'];
  const rows = reports.map((r) => [
    r.target,
    String(r.runs),
    String(r.accepted),
    String(r.refused),
    (r.ms / 1000).toFixed(1),
    String(r.slowestMs),
    r.failure ? 'FAILED' : 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  const failed = reports.filter((r) => r.failure);
  for (const r of failed) console.log(`\n${r.target}: ${r.failure}`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
