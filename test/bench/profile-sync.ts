/**
 * `npm run bench:profile`: the sync_2k_entries exchange of each design
 * (rows/sync.ts), once, under V8's CPU profiler and allocation sampler;
 * `npm run bench:profile initial`: the newcomer's first sync instead
 * (sync_initial_10k and sync_initial_roster_10k: our side only, its baselines do no work worth profiling;
 * only its timed window is profiled, while the exchanges' profiles include the 1 s settle before theirs).
 * Writes bench-profiles/{ours,baseline}.{cpuprofile,heapprofile} (open them
 * in Chrome DevTools) and prints what each window allocated. This is how the
 * receive path's garbage was found: young-generation collections were most
 * of what our side spent beyond plain Yjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { initCrypto } from '../../shared/crypto';
import { baselineExchange, oursExchange, oursInitial, persistedDoc, prepareDay, warmUp } from './rows/sync';
import { chapterUpdate } from './workload';

const OUT = join(__dirname, '..', '..', 'bench-profiles');

interface SampleNode {
  readonly selfSize: number;
  readonly children: readonly SampleNode[];
}

const allocated = (node: SampleNode): number => node.children.reduce((n, c) => n + allocated(c), node.selfSize);

/**
 * Runs `window` under both profilers, writes the two profiles, and returns a line: its time and the MB it allocated.
 * `window` starts and stops the profilers itself through the hook it is given (the timed part of a longer run),
 * or leaves it unused: then all of it is profiled.
 */
async function profiled(
  session: Session,
  name: string,
  window: (timed: (at: 'start' | 'end') => Promise<void>) => Promise<number>,
): Promise<string> {
  // Counting what young-generation collections freed too: the default counts only what is still alive.
  const sampling = {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  };
  let cpu: unknown;
  let heap: { head: unknown } | undefined;
  const timed = async (at: 'start' | 'end') => {
    if (at === 'start') {
      await session.post('HeapProfiler.startSampling', sampling);
      await session.post('Profiler.start');
    } else if (heap === undefined) {
      cpu = (await session.post('Profiler.stop')).profile;
      heap = (await session.post('HeapProfiler.stopSampling')).profile;
    }
  };
  let started = false;
  const ms = await window(async (at) => {
    started ||= at === 'start';
    await timed(at);
  });
  if (!started) throw new Error(`${name}: the window never started the profiler`);
  await timed('end');
  writeFileSync(join(OUT, `${name}.cpuprofile`), JSON.stringify(cpu));
  writeFileSync(join(OUT, `${name}.heapprofile`), JSON.stringify(heap));
  const mb = allocated(heap!.head as SampleNode) / 1e6;
  return `${name}: ${ms.toFixed(0)} ms, ~${mb.toFixed(1)} MB allocated`;
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
  if (process.argv.includes('initial')) {
    await day.b.dispose(); // as in the bench: the newcomer meets a alone
    let roster = 0;
    console.log(
      await profiled(session, 'ours-initial', async (timed) => {
        const initial = await oursInitial(day, timed);
        roster = initial.rosterMs;
        return initial.ms;
      }),
    );
    console.log(`  (roster usable after ${roster.toFixed(0)} ms)`);
    await day.a.dispose();
    session.disconnect();
    console.log(`profiles in ${OUT}`);
    return;
  }
  console.log(await profiled(session, 'ours', (timed) => timed('start').then(() => oursExchange(day))));
  await day.a.dispose();
  await day.b.dispose();

  const a = await persistedDoc([base, ...day.updatesA]);
  const b = await persistedDoc([base, ...day.updatesB]);
  console.log(await profiled(session, 'baseline', (timed) => timed('start').then(() => baselineExchange(a, b))));
  await a.dispose();
  await b.dispose();
  session.disconnect();
  console.log(`profiles in ${OUT}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
