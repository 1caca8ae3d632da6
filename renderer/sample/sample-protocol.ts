/**
 * Messages between the screens that create the sample chapter and its worker (sample-worker.ts), and the
 * steps both sides share. The page sends the space document's state and the chapter's size; the worker
 * writes the chapter into its own copy of that document a bounded step at a time (shared/sample's
 * `writeChapter`: at most SAMPLE_STEP per step, whole members only) and sends each step as one Yjs update
 * with where it stands. `v` tells a reply from a worker of another build apart.
 */
import * as Y from 'yjs';
import { transactWith, writeChapter, type SampleProgress } from '../../shared/sample/generate';

export const SAMPLE_PROTOCOL = 1;

/** The most members the sample offers (Settings' largest size is 10,000): a bound on the worker's work. */
export const MAX_SAMPLE_MEMBERS = 10_000;

/** What to make: the seed is fixed by the caller, so every run makes the same chapter. */
export interface SampleSize {
  readonly members: number;
  readonly memberSkills: number;
  readonly notes: number;
  readonly seed: number;
}

export interface SampleRequest {
  readonly v: typeof SAMPLE_PROTOCOL;
  readonly size: SampleSize;
  /** The space document's state (`Y.encodeStateAsUpdate`): the chapter is written on top of it. */
  readonly base: Uint8Array;
}

/** One step of the chapter: one Yjs update (a transaction of the worker's copy), and where it stands. */
export interface SampleStep {
  readonly update: Uint8Array;
  readonly progress: SampleProgress;
}

export type SampleReply =
  | { readonly v: typeof SAMPLE_PROTOCOL; readonly step: SampleStep }
  | { readonly v: typeof SAMPLE_PROTOCOL; readonly done: true }
  | { readonly v: typeof SAMPLE_PROTOCOL; readonly error: string };

const isCount = (n: number, max: number): boolean => Number.isInteger(n) && n >= 0 && n <= max;

/** A size the sample makes: whole numbers, at most MAX_SAMPLE_MEMBERS members (and five notes each). */
export function isSampleSize(size: SampleSize): boolean {
  return (
    isCount(size.members, MAX_SAMPLE_MEMBERS) &&
    isCount(size.memberSkills, MAX_SAMPLE_MEMBERS) &&
    isCount(size.notes, MAX_SAMPLE_MEMBERS * 5) &&
    Number.isSafeInteger(size.seed)
  );
}

/**
 * The chapter's steps, in order: a copy of the document in `request.base`, `writeChapter` run one
 * `next()` per transaction, each transaction's update handed out as it is made. Runs in the worker, and
 * on the page where there is no worker.
 */
export function* sampleSteps(request: SampleRequest): Generator<SampleStep> {
  if (request.v !== SAMPLE_PROTOCOL || !isSampleSize(request.size)) throw new Error('sample: bad request');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, request.base);
    let made: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => made.push(update));
    const steps = writeChapter(request.size, doc);
    let progress: SampleProgress = { members: 0, of: request.size.members };
    for (;;) {
      const step = transactWith(doc, () => steps.next());
      if (!step.done) progress = step.value;
      // One transaction gives one update; Y.mergeUpdates covers a step that (nested) gave more.
      const update = made.length === 1 ? made[0]! : made.length > 1 ? Y.mergeUpdates(made) : undefined;
      made = [];
      if (update) yield { update, progress };
      if (step.done) return;
    }
  } finally {
    doc.destroy();
  }
}
