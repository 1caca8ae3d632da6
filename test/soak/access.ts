/**
 * `npm run soak [runs]`: the adversarial access-log model (test/shared/space/adversary.ts) for many
 * runs (default 1,000), then a 5,000-record honest log restored from storage order. Prints the
 * counts and times; exits non-zero on the first violation (with fast-check's counterexample).
 */
import fc from 'fast-check';
import { initCrypto } from '../../shared/crypto';
import { SpaceAccess } from '../../shared/space';
import { run, scenarioArbitrary } from '../shared/space/adversary';
import { honestLog } from '../shared/space/helpers';

async function main(): Promise<void> {
  await initCrypto();
  const runs = Number(process.argv[2] ?? 1000);
  let started = performance.now();
  fc.assert(fc.property(scenarioArbitrary, run), { numRuns: runs });
  const seconds = (performance.now() - started) / 1000;
  console.log(`adversarial access-log model: ${runs} runs passed in ${seconds.toFixed(1)} s`);

  const { space, entries } = honestLog(6, 5000);
  const stored = [...entries].sort((x, y) =>
    x.header.author === y.header.author ? x.header.seq - y.header.seq : x.header.author < y.header.author ? -1 : 1,
  );
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    started = performance.now();
    const access = SpaceAccess.restore(space, stored);
    access.members(); // the order and state are computed on first use
    times.push(performance.now() - started);
  }
  console.log(
    `restore of ${entries.length} access records by 6 admins: ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
