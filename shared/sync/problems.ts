/**
 * What went wrong, as one typed stream for the screens (ARCHITECTURE.md
 * "Problems are seen"): stored records that could not be used, entries a
 * peer sent that were not taken, forks and who signed them, key rotations,
 * sessions that ended for a reason other than a normal goodbye, and this
 * device's own removal from a space. Every field is a code, an id, a count or
 * a time: never member data, so a notice can be shown, logged or copied
 * into a report without leaking anyone (SECURITY.md "Problems are seen").
 *
 * The log lives in memory only (it is dropped at lock) and keeps the most
 * recent MAX_PROBLEMS; it is shaped for React's useSyncExternalStore.
 */
import type { DeviceId, SpaceId } from '../crypto';
import { isAppError, type ErrorCode } from '../errors';
import type { Entry, LogKind } from '../log/entry';
import type { ForkReport } from '../log/chain';
import type { SpaceAccess } from '../space';
import type { StoreProblem } from '../store/problems';
import { problemCode } from '../store/problems';
import type { CloseReason } from './close';
import type { SessionEnd } from './session';
import { Emitter } from '../util/emitter';

/** Bump when a field changes meaning (the screens and the Today view read these). */
export const PROBLEM_VERSION = 2;

/** The newest problems kept; older ones fall off (a hostile peer cannot grow memory without bound). */
export const MAX_PROBLEMS = 200;

export type ProblemEvent =
  /** A stored record could not be used, or own changes could not be written (shared/store/problems.ts). */
  | { readonly kind: 'store'; readonly problem: StoreProblem }
  /** An entry `from` sent was not taken. `author` is the device that signed it, when its header could be read. */
  | {
      readonly kind: 'rejected';
      readonly space: SpaceId;
      readonly from: DeviceId;
      readonly author?: DeviceId;
      readonly code: ErrorCode;
    }
  /** `author` signed two different histories at `seq` (evidence relayed by `from`). */
  | {
      readonly kind: 'fork';
      readonly space: SpaceId;
      readonly from: DeviceId;
      readonly author: DeviceId;
      readonly log: LogKind;
      readonly seq: number;
    }
  /** This device rotated a space's key (code set: the rotation failed and will be tried again). */
  | { readonly kind: 'rotated'; readonly space: SpaceId; readonly code?: ErrorCode }
  /** A session ended for a reason worth telling (not a normal goodbye). `peer` is unset before the handshake. */
  | {
      readonly kind: 'session-ended';
      readonly peer?: DeviceId;
      readonly reason: CloseReason;
      readonly by: SessionEnd['by'];
    }
  /**
   * An admin removed this device from the space: its later edits stay on this device only.
   * `arrived`: the removal came in while unlocked (so `at` is when this device learned it),
   * not found already stored at unlock.
   */
  | { readonly kind: 'removed'; readonly space: SpaceId; readonly by: DeviceId; readonly arrived: boolean }
  /**
   * Sync's background work failed: listening on the LAN, looking around, moving the internet topics,
   * saving when each device last synced. `code` unset: a failure the app has no words for.
   */
  | { readonly kind: 'sync-failed'; readonly code?: ErrorCode };

export type Problem = ProblemEvent & {
  readonly v: typeof PROBLEM_VERSION;
  /** Grows by one per problem in this unlock; a stable React key. */
  readonly id: number;
  /** When this device learned of it (ms since the epoch; no signed record says when it happened). */
  readonly at: number;
};

/** Session ends that are part of normal life: not problems. */
const ORDINARY_ENDS: ReadonlySet<CloseReason> = new Set<CloseReason>(['done', 'channel-closed', 'invite-declined']);

export class ProblemLog {
  private list: readonly Problem[] = [];
  private next = 1;
  private seenUpTo = 0;
  private readonly listeners = new Emitter();

  constructor(private readonly now: () => number = Date.now) {}

  /** The kept problems, oldest first (a new array after each change, as useSyncExternalStore wants). */
  get = (): readonly Problem[] => this.list;

  subscribe = (listener: () => void): (() => void) => this.listeners.on(listener);

  /** Problems added since `markSeen` (for the top bar's count). */
  unseen(): number {
    return this.list.filter((p) => p.id > this.seenUpTo).length;
  }

  markSeen(): void {
    const last = this.list[this.list.length - 1];
    if (!last || last.id <= this.seenUpTo) return;
    this.seenUpTo = last.id;
    this.list = [...this.list]; // a new snapshot, so readers of `unseen` render again
    this.changed();
  }

  add(event: ProblemEvent): void {
    const problem = { ...event, v: PROBLEM_VERSION, id: this.next++, at: this.now() } as Problem;
    this.list = [...this.list.slice(-(MAX_PROBLEMS - 1)), problem];
    this.changed();
  }

  /** A session's end, if it is worth telling. */
  sessionEnded(end: SessionEnd, peer: DeviceId | undefined): void {
    if (ORDINARY_ENDS.has(end.reason)) return;
    this.add({ kind: 'session-ended', reason: end.reason, by: end.by, ...(peer && { peer }) });
  }

  /**
   * Sync's background work failed with `error`. The same failure again replaces the earlier notice
   * (a network down all day is one notice, and pushes no other problem out of the log).
   */
  syncFailed(error: unknown): void {
    const code = isAppError(error) ? error.code : undefined;
    this.list = this.list.filter((p) => p.kind !== 'sync-failed' || p.code !== code);
    this.add({ kind: 'sync-failed', ...(code !== undefined && { code }) });
  }

  /** A rotation this device made (or tried: `error`). */
  rotated(space: SpaceId, error?: unknown): void {
    this.add({ kind: 'rotated', space, ...(error !== undefined && { code: problemCode(error) }) });
  }

  forks(space: SpaceId, from: DeviceId, forks: readonly ForkReport[]): void {
    for (const f of forks) this.add({ kind: 'fork', space, from, author: f.author, log: f.log, seq: f.seq });
  }

  private changed(): void {
    this.listeners.emit();
  }
}

export interface Removal {
  /** The admin's device that signed the removal. */
  readonly by: DeviceId;
  /** The removal record's entry id. */
  readonly entry: string;
}

/** The record that removed `device` from the space, if one took effect (and it was not added back since). */
export function removalOf(access: Pick<SpaceAccess, 'roleOf' | 'view'>, device: DeviceId): Removal | undefined {
  if (access.roleOf(device) !== undefined) return undefined;
  const { order, state } = access.view();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (node.record.type === 'remove' && node.record.device === device && state.effective.has(node.entry.id)) {
      return { by: node.entry.header.author, entry: node.entry.id };
    }
  }
  return undefined;
}

/**
 * The access entries a removed device is told: its removal and everything the
 * removal rests on, in causal order. Nothing after it (who joined later is not
 * its business).
 */
export function removalWithPast(access: Pick<SpaceAccess, 'view'>, removal: Removal): Entry[] {
  const { order } = access.view();
  const byId = new Map(order.map((n) => [n.entry.id, n]));
  const past = new Set<string>();
  const todo = [removal.entry];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (past.has(id) || !byId.has(id)) continue;
    past.add(id);
    todo.push(...byId.get(id)!.parents);
  }
  return order.filter((n) => past.has(n.entry.id)).map((n) => n.entry);
}
