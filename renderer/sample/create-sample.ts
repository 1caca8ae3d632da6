/**
 * Creates the sample chapter in the open space without freezing the window: the chapter is written in a
 * Web Worker (sample-worker.ts; on the page where there is none), and the page applies it one step per
 * task (a Yjs update of at most SAMPLE_STEP: whole members), giving the event loop back between steps so
 * the progress line paints and input is answered. Each step is a local change of the space: the batcher
 * seals and stores it like an organizer's edit (ARCHITECTURE.md "From an edit to disk"), so nothing of it
 * is ever on disk in plaintext. A step is written whole or not at all; steps are stored in order, so a
 * run stopped or killed half way leaves the first members made, each whole, and nothing else.
 * One run at a time: a second start while one runs is refused.
 */
import * as Y from 'yjs';
import { AppError } from '../../shared/errors';
import type { SpaceData } from '../../shared/model';
import type { SampleProgress } from '../../shared/sample/generate';
import { startWorker } from '../platform/start-worker';
import { nextTask } from '../../shared/timers';
import {
  SAMPLE_PROTOCOL,
  sampleSteps,
  type SampleReply,
  type SampleRequest,
  type SampleSize,
  type SampleStep,
} from './sample-protocol';

export interface SampleRunOptions {
  /** Called after each step is applied, in order. */
  readonly onProgress?: (progress: SampleProgress) => void;
  /** Stops before the next step (the screen closed, the vault is locking): what was applied stays. */
  readonly signal?: AbortSignal;
  /** Gives the event loop back between steps. */
  readonly pause?: () => Promise<void>;
  /** Where the steps come from. Default: the worker, or the page where there is none. */
  readonly steps?: (request: SampleRequest) => AsyncIterable<SampleStep>;
}

export interface SampleRunResult {
  /** Members in the space's document that this run wrote. */
  readonly members: number;
  /** False when it stopped early (signal). */
  readonly complete: boolean;
}

let running = false;

/** True while a sample chapter is being created (in any space): a second start is refused. */
export function isSampleRunning(): boolean {
  return running;
}

export async function createSample(
  data: SpaceData,
  size: SampleSize,
  options: SampleRunOptions = {},
): Promise<SampleRunResult> {
  if (running) throw new AppError('sample-busy', 'a sample chapter is already being created');
  running = true;
  try {
    const { onProgress, signal, pause = nextTask, steps = stepsOffThread } = options;
    const request: SampleRequest = { v: SAMPLE_PROTOCOL, size, base: Y.encodeStateAsUpdate(data.doc) };
    let members = 0;
    for await (const step of steps(request)) {
      if (signal?.aborted) return { members, complete: false };
      // Through SpaceData: refused on a document of a newer schema, and written as this device's change.
      data.transact(() => Y.applyUpdate(data.doc, step.update));
      members = step.progress.members;
      onProgress?.(step.progress);
      await pause();
    }
    return { members, complete: !signal?.aborted };
  } finally {
    running = false;
  }
}

const spawn = () => startWorker(async () => (await import('./sample-spawn')).spawnSampleWorker());

/** The steps from the worker, as it sends them; on the page when no worker starts. */
export async function* stepsOffThread(request: SampleRequest): AsyncGenerator<SampleStep> {
  const worker = await spawn();
  if (!worker) {
    yield* sampleSteps(request);
    return;
  }
  const replies: SampleReply[] = [];
  let stepsGiven = 0;
  let wake: (() => void) | null = null;
  let failed = false;
  worker.onmessage = (e: MessageEvent<SampleReply>) => {
    replies.push(e.data);
    wake?.();
  };
  worker.onerror = (e) => {
    e.preventDefault();
    failed = true;
    wake?.();
  };
  try {
    // A copy is handed over (transferred, not cloned); the request keeps its own for the fallback.
    const base = request.base.slice();
    worker.postMessage({ ...request, base } satisfies SampleRequest, [base.buffer]);
    for (;;) {
      if (replies.length === 0 && !failed) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const reply = replies.shift();
      if (!reply) {
        if (stepsGiven > 0) throw new Error('sample worker stopped');
        // The script did not load: write the chapter here rather than leave the organizer without one.
        yield* sampleSteps(request);
        return;
      }
      if (reply.v !== SAMPLE_PROTOCOL) throw new Error('sample worker of another version');
      if ('done' in reply) return;
      if ('error' in reply) throw new Error('sample worker failed');
      stepsGiven++;
      yield reply.step;
    }
  } finally {
    // Also when the caller stops early: the worker's remaining steps are not wanted.
    worker.terminate();
  }
}
