/**
 * Runs one fuzz target: fast-check feeds its decoder generated inputs; a case CRASHES when the
 * decoder throws anything but the project's AppError (a decoder must be total: AppError on any
 * bad input), and HANGS when it takes longer than the time budget. A failing case is shrunk by
 * fast-check to a small one and reported with its seed, so it can be replayed.
 */
import fc from 'fast-check';
import { isAppError } from '../../shared/errors';

export interface FuzzTarget<T = unknown> {
  readonly name: string;
  /** What the decoders are fed (see mutate.ts). */
  readonly input: fc.Arbitrary<T>;
  /** Feeds one input to the decoders; `attempt` counts accepted and refused inputs. */
  run(input: T, attempt: Attempt): void | Promise<void>;
  /** After all cases: throws if what the decoders were fed changed what is stored (stateful targets). */
  check?(): Promise<void>;
  close?(): Promise<void>;
}

/** Calls one decoder: true when it accepted the input, false when it refused it with an AppError; rethrows anything else. */
export type Attempt = <R>(decode: () => R) => R extends Promise<unknown> ? Promise<boolean> : boolean;

export interface FuzzOptions {
  readonly runs: number;
  readonly seed: number;
  /** A case slower than this is a hang. */
  readonly budgetMs: number;
  /** Replays one case: the path a failure report gave (with the same seed). */
  readonly path?: string;
}

export interface FuzzReport {
  readonly target: string;
  readonly seed: number;
  readonly runs: number;
  /** Decoder calls that accepted / refused (AppError) their input. */
  readonly accepted: number;
  readonly refused: number;
  readonly ms: number;
  readonly slowestMs: number;
  /** Undefined when there was no crash, hang or damaged store. */
  readonly failure?: string;
}

class Crash extends Error {}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) {
    const hex = Buffer.from(value.subarray(0, 96)).toString('hex');
    return `${value.length} bytes: ${hex}${value.length > 96 ? '…' : ''}`;
  }
  try {
    const text = JSON.stringify(value, (_k, v: unknown) =>
      v instanceof Uint8Array ? `<${v.length} bytes>` : typeof v === 'bigint' ? `${v}n` : v,
    );
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
  } catch {
    return String(value);
  }
}

export async function runFuzzTarget<T>(target: FuzzTarget<T>, options: FuzzOptions): Promise<FuzzReport> {
  let accepted = 0;
  let refused = 0;
  let slowestMs = 0;
  let problem = '';
  const classify = (e: unknown): boolean => {
    if (isAppError(e)) {
      refused++;
      return false;
    }
    throw new Crash(e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e));
  };
  const attempt = (<R>(decode: () => R) => {
    try {
      const result = decode();
      if (result instanceof Promise) {
        return result.then(
          () => {
            accepted++;
            return true;
          },
          (e: unknown) => classify(e),
        );
      }
      accepted++;
      return true;
    } catch (e) {
      return classify(e);
    }
  }) as Attempt;

  const started = performance.now();
  const details = await fc.check(
    fc.asyncProperty(target.input, async (input) => {
      const t0 = performance.now();
      try {
        await target.run(input, attempt);
      } catch (e) {
        problem = e instanceof Crash ? `crash: ${e.message}` : `crash outside a decoder: ${String(e)}`;
        return false;
      }
      const ms = performance.now() - t0;
      slowestMs = Math.max(slowestMs, ms);
      if (ms <= options.budgetMs) return true;
      // A busy machine (GC, other processes) can stall any case once: a hang is slow again when replayed.
      const t1 = performance.now();
      try {
        await target.run(input, attempt);
      } catch {
        // the first run decided about crashes
      }
      const again = performance.now() - t1;
      if (again <= options.budgetMs) return true;
      problem = `hang: one case took ${ms.toFixed(0)} ms, and ${again.toFixed(0)} ms again (budget ${options.budgetMs} ms)`;
      return false;
    }),
    { numRuns: options.runs, seed: options.seed, path: options.path },
  );
  let failure: string | undefined;
  if (details.failed) {
    failure = `${problem || String(details.errorInstance)}\ninput (shrunk): ${describe(details.counterexample?.[0])}\nseed ${options.seed}, path ${details.counterexamplePath ?? ''}`;
  } else {
    try {
      await target.check?.();
    } catch (e) {
      failure = `store damaged: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  await target.close?.();
  return {
    target: target.name,
    seed: options.seed,
    runs: details.numRuns,
    accepted,
    refused,
    ms: Math.round(performance.now() - started),
    slowestMs: Math.round(slowestMs * 10) / 10,
    failure,
  };
}
