import { nextTask } from '../../shared/timers';

/** Resolves after the browser has painted, so a "working…" state shows before a blocking step (Argon2id). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

interface YieldingScheduler {
  yield(): Promise<void>;
}

/**
 * A new task that runs before other queued work (`scheduler.yield`, where the browser has it), so
 * that input and painting can run but a long job of many small steps is not slowed by timers'
 * 4 ms clamp (a space's snapshot opens in dozens of pieces); `nextTask` elsewhere.
 */
export function nextTaskFirst(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : nextTask();
}
