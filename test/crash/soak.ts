/**
 * `npm run crash-soak [-- --kills 200 --seed 7 --torn 0.08 --power-cut 0.1]`: the crash harness (harness.ts) for
 * as many kills as asked (Ctrl-C stops it early), then its numbers. Exits 1 when a change shown as saved was lost, a
 * row was stored twice, a sample chapter was half-made or the vault did not open.
 */
import os from 'node:os';
import path from 'node:path';
import { runSoak } from './harness';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const kills = argument('--kills', 200);
  const seed = argument('--seed', Date.now() % 1_000_000);
  const tornShare = argument('--torn', 0.08);
  const powerCutShare = argument('--power-cut', 0.1);
  const started = Date.now();
  console.log(
    `crash soak: ${kills} kills, seed ${seed}, torn log after ${Math.round(tornShare * 100)}% of them, ` +
      `${Math.round(powerCutShare * 100)}% power cuts`,
  );
  const evidence = path.join(os.tmpdir(), `crash-soak-evidence-${seed}`);
  // Ctrl-C (or SIGTERM) ends the soak after the kill under way, with its last check and the numbers so far.
  let stopped = false;
  const stop = () => {
    if (stopped) process.exit(130);
    stopped = true;
    console.log('stopping after this kill (again to quit at once)…');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const report = await runSoak({
    kills,
    seed,
    tornShare,
    powerCutShare,
    evidence,
    log: (line) => console.log(line),
    stopped: () => stopped,
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const early = report.kills < kills ? `, stopped early after ${report.kills} of ${kills} kills` : '';
  console.log(`\ncrash soak done in ${minutes} min (seed ${seed}${early})`);
  console.log(
    JSON.stringify({ ...report, failures: report.failures.length }, null, 2) +
      (report.failures.length ? `\nfailures:\n${report.failures.join('\n')}` : ''),
  );
  const bad = report.losses + report.duplicates + report.partialSamples + report.lockouts + report.failures.length;
  process.exit(bad === 0 && report.kills === kills ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error('crash soak could not run:', error);
  process.exit(1);
});
