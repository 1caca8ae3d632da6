/**
 * `npm run bench:profile`: the sync_2k_entries exchange of each design
 * (rows/sync.ts), once, under V8's CPU profiler and allocation sampler.
 * Writes bench-profiles/{ours,baseline}.{cpuprofile,heapprofile} (open them
 * in Chrome DevTools) and prints what each window allocated. This is how the
 * receive path's garbage was found: young-generation collections were most
 * of what our side spent beyond plain Yjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { initCrypto } from '../../shared/crypto';
import { baselineExchange, oursExchange, persistedDoc, prepareDay, warmUp } from './rows/sync';
import { chapterUpdate } from './workload';

const OUT = join(__dirname, '..', '..', 'bench-profiles');

interface SampleNode {
  readonly selfSize: number;
  readonly children: readonly SampleNode[];
}

const allocated = (node: SampleNode): number => node.children.reduce((n, c) => n + allocated(c), node.selfSize);

/** Runs `window` under both profilers, writes the two profiles, and returns a line: its time and the MB it allocated. */
async function profiled(session: Session, name: string, window: () => Promise<number>): Promise<string> {
  // Counting what young-generation collections freed too: the default counts only what is still alive.
  const sampling = {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  };
  await session.post('HeapProfiler.startSampling', sampling);
  await session.post('Profiler.start');
  const ms = await window();
  const { profile: cpu } = await session.post('Profiler.stop');
  const { profile: heap } = await session.post('HeapProfiler.stopSampling');
  writeFileSync(join(OUT, `${name}.cpuprofile`), JSON.stringify(cpu));
  writeFileSync(join(OUT, `${name}.heapprofile`), JSON.stringify(heap));
  const mb = allocated(heap.head as SampleNode) / 1e6;
  return `${name}: ${ms.toFixed(0)} ms, ~${mb.toFixed(1)} MB allocated (the CPU profile includes the 1 s settle before the window)`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await initCrypto();
  await warmUp();
  const base = chapterUpdate();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('HeapProfiler.enable');

  const day = await prepareDay(base, 1000);
  console.log(await profiled(session, 'ours', () => oursExchange(day)));
  await day.a.dispose();
  await day.b.dispose();

  const a = await persistedDoc([base, ...day.updatesA]);
  const b = await persistedDoc([base, ...day.updatesB]);
  console.log(await profiled(session, 'baseline', () => baselineExchange(a, b)));
  await a.dispose();
  await b.dispose();
  session.disconnect();
  console.log(`profiles in ${OUT}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
