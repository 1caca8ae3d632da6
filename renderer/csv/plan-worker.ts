/**
 * Parses and plans a national-list import off the UI thread: one request, one
 * reply, then the page terminates the worker. 10,000 rows take a second or
 * more; here the window keeps painting meanwhile.
 */
// As on the page: zod without its `new Function` compiler (CSP).
import '../zod-config';
import { answerPlanRequest, type PlanReply, type PlanRequest } from './plan-protocol';

/** The part of DedicatedWorkerGlobalScope used here (the renderer compiles with the DOM library). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (e: MessageEvent<PlanRequest>) => void): void;
  postMessage(reply: PlanReply): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.addEventListener('message', (e) => scope.postMessage(answerPlanRequest(e.data)));
