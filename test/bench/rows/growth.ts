/**
 * `npm run bench growth` (not part of a plain `npm run bench`: it generates and stores 225 MB of
 * Yjs state on each side): the vault-storage rows (rows/vault-storage.ts, fake-indexeddb in Node)
 * on the 10k workload and on five times it, 50,000 members, 10,000 skill records and 250,000 notes
 * (workload.ts `grownChapter`), in one run. Each row's baseline is its own 10k figure, so its ratio
 * is how the figure grew with five times the data: near 5 is linear, above it is not.
 *
 *   unlock_50k / bytes_at_rest_50k                      the vault (key known → Y.Doc; bytes stored)
 *   unlock_50k_plaintext / bytes_at_rest_50k_plaintext  y-indexeddb, the plaintext design, the same way
 */
import { chapterUpdate, grownChapter } from '../workload';
import { row, type BenchSuite } from '../types';
import { storageFigures, type StorageFigures } from './vault-storage';

const TIMES = 5;

function describe(name: string, f: StorageFigures): string {
  return (
    `${name}: ${f.members} members, vault unlock ${f.unlockMs.toFixed(0)} ms / y-indexeddb ${f.baselineUnlockMs.toFixed(0)} ms ` +
    `(${(f.unlockMs / f.baselineUnlockMs).toFixed(2)}x), bytes ${f.bytes} / ${f.baselineBytes} ` +
    `(${(f.bytes / f.baselineBytes).toFixed(2)}x)`
  );
}

export const growthRows: BenchSuite = async () => {
  const log = (line: string) => process.stderr.write(`growth: ${line}\n`);
  let started = Date.now();
  const updates = grownChapter(TIMES);
  log(`${TIMES} chapters generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  started = Date.now();
  // The 10k and 50k opens alternate (storageFigures), so the ratio does not follow the machine's load.
  const figures = await storageFigures([[chapterUpdate()], updates]);
  const small = figures[0]!;
  const large = figures[1]!;
  log(`written, opened and weighed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  log(describe('10k', small));
  log(describe('50k', large));
  if (large.members !== TIMES * small.members) throw new Error(`the grown chapter has ${large.members} members`);
  return [
    row('unlock_50k', large.unlockMs, small.unlockMs, 'ms'),
    row('unlock_50k_plaintext', large.baselineUnlockMs, small.baselineUnlockMs, 'ms'),
    row('bytes_at_rest_50k', large.bytes, small.bytes, 'bytes'),
    row('bytes_at_rest_50k_plaintext', large.baselineBytes, small.baselineBytes, 'bytes'),
  ];
};
