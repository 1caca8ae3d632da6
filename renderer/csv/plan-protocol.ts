/**
 * Messages between the Import screen and its planning worker (plan-worker.ts).
 * The page sends the file's bytes and a plain snapshot of the roster; the
 * worker parses and plans and sends back the ImportPlan, or why the file was
 * refused. `v` lets a reply from a worker of another build be told apart.
 */
import { BAD_CSV_REASONS, BadCsvError, parseNationalList, planAgainst } from '../../shared/csv';
import type { BadCsvReason, ColumnChoices, ImportPlan, MemberSnapshot } from '../../shared/csv';
import { AppError, isAppError, type ErrorCode } from '../../shared/errors';

export const PLAN_PROTOCOL = 2;

export interface PlanRequest {
  readonly v: typeof PLAN_PROTOCOL;
  readonly bytes: Uint8Array;
  /** The roster the plan compares against (`memberSnapshot` of each valid member). */
  readonly members: readonly MemberSnapshot[];
  /** The document's state vector when the snapshot was taken: the plan's `basis`. */
  readonly basis: Uint8Array;
  /** The chapter's header → column choices (`importColumnMap`). */
  readonly columns: ColumnChoices;
  /** Data rows of the last list applied (`lastImportRows`), for the truncation check. */
  readonly previousRows?: number;
}

export type PlanReply =
  | { readonly v: typeof PLAN_PROTOCOL; readonly plan: ImportPlan }
  | { readonly v: typeof PLAN_PROTOCOL; readonly badCsv: BadCsvReason; readonly line?: number }
  | { readonly v: typeof PLAN_PROTOCOL; readonly error: string };

/** What the worker does with a request; also run on the page when there is no Worker. Never throws. */
export function answerPlanRequest(request: PlanRequest): PlanReply {
  try {
    if (request.v !== PLAN_PROTOCOL) return { v: PLAN_PROTOCOL, error: 'internal' };
    const list = parseNationalList(request.bytes, { columns: request.columns });
    const context = request.previousRows === undefined ? {} : { previousRows: request.previousRows };
    const plan = planAgainst(request.members, list, request.basis, context);
    return { v: PLAN_PROTOCOL, plan };
  } catch (err) {
    if (err instanceof BadCsvError)
      return err.line === undefined
        ? { v: PLAN_PROTOCOL, badCsv: err.reason }
        : { v: PLAN_PROTOCOL, badCsv: err.reason, line: err.line };
    return { v: PLAN_PROTOCOL, error: isAppError(err) ? err.code : 'internal' };
  }
}

/** The plan a reply carries; throws the same BadCsvError (or AppError) planning on the page would. */
export function planFromReply(reply: PlanReply): ImportPlan {
  if (reply.v !== PLAN_PROTOCOL) throw new Error('import worker of another version');
  if ('plan' in reply) return reply.plan;
  if ('badCsv' in reply) {
    if (!(BAD_CSV_REASONS as readonly string[]).includes(reply.badCsv))
      throw new Error('import worker: unknown reason');
    throw new BadCsvError(reply.badCsv, reply.line);
  }
  // 'internal': a bug, not something the user did; shown as the generic error.
  if (reply.error === 'internal') throw new Error('import planning failed');
  throw new AppError(reply.error as ErrorCode, 'import planning failed');
}
