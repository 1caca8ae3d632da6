/**
 * Writes an import plan a slice at a time: each slice is one Yjs transaction of
 * whole members (never half a member), kept under a time budget, and the page
 * gets the event loop back between slices to paint the progress line. One
 * transaction of 10,000 members froze the window for seconds.
 *
 * A slice is planned against the document as it is when it is written: if
 * anything else changed the document since (a sync arrived, the plan was
 * made before an edit), the file is planned again first, as `applyImport`
 * does, so nobody is created twice and no newer change is overwritten. The
 * plan is idempotent: what earlier slices wrote now matches, and changes nothing.
 * Consent is never weakened unless the organizer accepted it: every patch comes
 * from shared/csv's merge rules, plus the loosened consent named in
 * `acceptedConsent` (withAcceptedConsent, as applyImport does).
 */
import * as Y from 'yjs';
import { isPlanCurrent, planImport, recordListRows, withAcceptedConsent } from '../../shared/csv';
import type { ImportPlan, ImportResult, PlannedChange, PlannedNew } from '../../shared/csv';
import type { SpaceData } from '../../shared/model';
import { SLICE_MS } from '../app/space-loading';
import { inNextTask } from '../../shared/timers';

export interface ApplyProgress {
  readonly done: number;
  readonly total: number;
}

export interface ChunkedApplyOptions {
  /** A new plan of the same file against the document as it is now (off the page in the app). Default: planImport here. */
  readonly replan?: () => Promise<ImportPlan>;
  /** Called after each slice is written. */
  readonly onProgress?: (progress: ApplyProgress) => void;
  /** Stops before the next slice (the screen closed, the vault is locking). */
  readonly signal?: AbortSignal;
  /**
   * Longest a slice may write before it ends its transaction. Default SLICE_MS, as the app's other slices:
   * the transaction's observers and the change log's seal come on top, and the task must stay under 50 ms.
   */
  readonly budgetMs?: number;
  /** Most members per slice (one change-log entry each), whatever the time. */
  readonly maxPerSlice?: number;
  /** Gives the event loop back between slices. Default: a message to ourselves, as the app's other slices. */
  readonly pause?: () => Promise<void>;
  /** The loosened consent an organizer accepted (`consentKey`); the rest stays as it is. */
  readonly acceptedConsent?: ReadonlySet<string>;
}

export interface ChunkedApplyResult extends ImportResult {
  /** False when it stopped early (signal): the rest is not written; importing the same file again adds it. */
  readonly complete: boolean;
}

type Step = { readonly create: PlannedNew } | { readonly change: PlannedChange };

const stepsOf = (plan: ImportPlan): Step[] => [
  ...plan.created.map((create) => ({ create })),
  ...plan.changed.map((change) => ({ change })),
  ...plan.recorded.map((change) => ({ change })),
];

/** The next slice's task (no timer: many slices would each wait the 4 ms of a nested timeout). */
const nextPause = () => new Promise<void>((resolve) => inNextTask(resolve));

export async function applyInChunks(
  data: SpaceData,
  plan: ImportPlan,
  options: ChunkedApplyOptions = {},
): Promise<ChunkedApplyResult> {
  const { onProgress, signal, budgetMs = SLICE_MS, maxPerSlice = 500, pause = nextPause } = options;
  const accepted = options.acceptedConsent ?? new Set<string>();
  const replan = options.replan ?? (() => Promise.resolve(planImport(data, plan.list)));
  let replanned = false;
  let created = 0;
  let updated = 0;
  let newlyLapsed = 0;
  let consentAccepted = 0;
  let written = 0;

  /** A plan of the document as it is now: a few tries off the page, then here (nothing can change meanwhile). */
  async function planNow(): Promise<ImportPlan> {
    replanned = true;
    for (let i = 0; i < 3; i++) {
      const next = await replan();
      if (isPlanCurrent(data, next)) return next;
    }
    return planImport(data, plan.list);
  }

  let steps = stepsOf(plan);
  let next = 0;
  let basis = plan.basis;
  while (next < steps.length && !signal?.aborted) {
    if (!isPlanCurrent(data, { basis })) {
      const fresh = await planNow();
      if (signal?.aborted) break;
      steps = stepsOf(fresh);
      next = 0;
      basis = fresh.basis;
      continue;
    }
    const start = performance.now();
    const first = next;
    data.transact(() => {
      do {
        const step = steps[next++]!;
        written++;
        if ('create' in step) {
          data.members.create(step.create.input);
          created++;
        } else {
          const patch = withAcceptedConsent(step.change, accepted);
          consentAccepted += Object.keys(patch).length - Object.keys(step.change.patch).length;
          if (Object.keys(patch).length) data.members.update(step.change.memberId, patch);
          if (step.change.fields.length) updated++;
          if (step.change.newlyLapsed) newlyLapsed++;
        }
      } while (next < steps.length && next - first < maxPerSlice && performance.now() - start < budgetMs);
      // The list's size is remembered with its last slice: a list stopped half way is not a full list.
      if (next >= steps.length) recordListRows(data, plan.list);
    });
    basis = Y.encodeStateVector(data.doc);
    onProgress?.({ done: written, total: written + steps.length - next });
    if (next < steps.length) await pause();
  }
  // A list that changes no member still has its size remembered.
  if (steps.length === 0 && !signal?.aborted) data.transact(() => recordListRows(data, plan.list));
  return { created, updated, newlyLapsed, consentAccepted, replanned, complete: next >= steps.length };
}
