/**
 * Every decoder, fuzzed (ARCHITECTURE.md "Where a new thing goes": a new wire message's decoder is
 * fuzzed): generated hostile cases per target with a fixed seed, so a failure here replays exactly.
 * `npm run fuzz` runs the same targets with 100,000 cases each and a new seed every time.
 */
import fc from 'fast-check';
import { AppError } from '../../shared/errors';
import { runFuzzTarget } from './harness';
import { TARGETS } from './targets';
import { makeWorld } from './world';

const SEED = 20_240_611;
// Only a real hang (an endless loop, a decompression bomb) takes this long; timings are in `npm run fuzz`.
const BUDGET_MS = 5_000;

describe.each(TARGETS.map((t) => [t.name, t] as const))('fuzz %s', (_name, factory) => {
  it(`takes ${factory.testRuns} hostile inputs: AppError or a result, never a crash or a hang`, async () => {
    const target = await factory.create(await makeWorld());
    const report = await runFuzzTarget(target, { runs: factory.testRuns, seed: SEED, budgetMs: BUDGET_MS });
    expect(report.failure).toBeUndefined();
    expect(report.runs).toBe(factory.testRuns);
    // The inputs reach past the first check: some are accepted, many refused.
    expect(report.accepted).toBeGreaterThan(0);
    expect(report.refused).toBeGreaterThan(factory.testRuns / 10);
  }, 180_000);
});

describe('the fuzz harness', () => {
  const bytes = fc.uint8Array({ maxLength: 8 });
  it('reports a decoder that throws anything but an AppError as a crash, with the shrunk input', async () => {
    const report = await runFuzzTarget(
      {
        name: 'throws TypeError on long input',
        input: bytes,
        run: (b, attempt) => {
          attempt(() => {
            if (b.length > 3) throw new TypeError('boom');
            throw new AppError('invalid-data', 'refused');
          });
        },
      },
      { runs: 200, seed: 1, budgetMs: 1000 },
    );
    expect(report.failure).toMatch(/^crash: TypeError: boom[\s\S]*input \(shrunk\): 4 bytes: 00000000/);
  });

  it('reports a case slow twice as a hang (once is a busy machine), and a damaged store', async () => {
    const slow = await runFuzzTarget(
      { name: 'slow', input: bytes, run: () => new Promise((r) => setTimeout(r, 30)) },
      { runs: 3, seed: 1, budgetMs: 10 },
    );
    expect(slow.failure).toMatch(/^hang: one case took \d+ ms, and \d+ ms again \(budget 10 ms\)/);
    let calls = 0;
    const stalledOnce = await runFuzzTarget(
      { name: 'stalled once', input: bytes, run: () => new Promise((r) => setTimeout(r, calls++ === 0 ? 30 : 0)) },
      { runs: 3, seed: 1, budgetMs: 10 },
    );
    expect(stalledOnce.failure).toBeUndefined();
    const damaged = await runFuzzTarget(
      { name: 'damaged', input: bytes, run: () => undefined, check: () => Promise.reject(new Error('lost')) },
      { runs: 3, seed: 1, budgetMs: 1000 },
    );
    expect(damaged.failure).toBe('store damaged: lost');
  });
});
