/**
 * Parse + plan of a national-list import in a Web Worker, so a 10,000-row file
 * does not freeze the window (the pattern of renderer/vault/kdf.ts). The page
 * only takes a plain snapshot of the roster and receives the plan. Without
 * Worker support (tests under jsdom) or if the worker cannot start, it plans
 * here as before: same plan, same errors either way.
 */
import * as Y from 'yjs';
import { memberSnapshot, type ImportPlan } from '../../shared/csv';
import { importColumnMap, lastImportRows, type SpaceData } from '../../shared/model';
import { startWorker } from '../platform/start-worker';
import { answerPlanRequest, PLAN_PROTOCOL, planFromReply, type PlanReply, type PlanRequest } from './plan-protocol';

/** Rejects with this when the caller gave up (the screen closed) before the plan came back. */
export class PlanCancelled extends Error {
  constructor() {
    super('import planning cancelled');
    this.name = 'PlanCancelled';
  }
}

const spawn = () => startWorker(async () => (await import('./plan-spawn')).spawnPlanWorker());

/** What the worker needs from the open document, read now (the plan's basis). */
export function planRequest(data: SpaceData, bytes: Uint8Array): PlanRequest {
  const previousRows = lastImportRows(data);
  return {
    v: PLAN_PROTOCOL,
    bytes,
    members: data.members.all().map(memberSnapshot),
    basis: Y.encodeStateVector(data.doc),
    columns: importColumnMap(data),
    ...(previousRows === undefined ? {} : { previousRows }),
  };
}

export async function planOffThread(data: SpaceData, bytes: Uint8Array, signal?: AbortSignal): Promise<ImportPlan> {
  const request = planRequest(data, bytes);
  const worker = await spawn();
  if (signal?.aborted) {
    worker?.terminate();
    throw new PlanCancelled();
  }
  if (!worker) return planFromReply(answerPlanRequest(request));
  return new Promise<ImportPlan>((resolve, reject) => {
    const done = () => {
      worker.terminate();
      signal?.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      done();
      reject(new PlanCancelled());
    };
    signal?.addEventListener('abort', cancel);
    worker.onmessage = (e: MessageEvent<PlanReply>) => {
      done();
      try {
        resolve(planFromReply(e.data));
      } catch (err) {
        reject(err);
      }
    };
    // The script did not load or crashed: plan here rather than leave the organizer without an import.
    worker.onerror = (e) => {
      e.preventDefault();
      done();
      try {
        resolve(planFromReply(answerPlanRequest(request)));
      } catch (err) {
        reject(err);
      }
    };
    // A copy of the bytes is handed over (transferred, not cloned); the request keeps its own for the fallback.
    const copy = bytes.slice();
    worker.postMessage({ ...request, bytes: copy } satisfies PlanRequest, [copy.buffer]);
  });
}
