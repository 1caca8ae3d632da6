/**
 * Writes the sample chapter off the UI thread: one request, then one message per step (a Yjs update of at
 * most SAMPLE_STEP, whole members only) as it is made, then `done`; the page applies the steps one task at a
 * time and terminates the worker.
 */
// As on the page: zod without its `new Function` compiler (CSP).
import '../zod-config';
import { SAMPLE_PROTOCOL, sampleSteps, type SampleReply, type SampleRequest } from './sample-protocol';

/** The part of DedicatedWorkerGlobalScope used here (the renderer compiles with the DOM library). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (e: MessageEvent<SampleRequest>) => void): void;
  postMessage(reply: SampleReply, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.addEventListener('message', (e) => {
  try {
    for (const step of sampleSteps(e.data)) {
      scope.postMessage({ v: SAMPLE_PROTOCOL, step }, [step.update.buffer]);
    }
    scope.postMessage({ v: SAMPLE_PROTOCOL, done: true });
  } catch {
    // No member data in the message: the page shows the generic error.
    scope.postMessage({ v: SAMPLE_PROTOCOL, error: 'internal' });
  }
});
