/**
 * A piece of background work that runs at times it computes itself, with a start/stop lifecycle
 * and an injected clock (ARCHITECTURE.md "Shared machinery"; shaped like Signal Desktop's
 * expiring-message cleanup service). Runs never overlap: asked to run while running, it runs
 * once more afterwards, however many times it was asked. A scheduled run's failure goes to
 * `onError` (and the schedule goes on); a run asked for with `runNow` also rejects its caller.
 */
import { timers } from '../timers';

/** Time and timers, injected so tests can drive them. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
  clearTimeout: (id) => timers.clearTimeout(id),
};

/** Why the next time is asked for: at `start`, after a `wake`, or after a run ended. */
export type ScheduleReason = 'start' | 'wake' | 'ran';

export interface ScheduledServiceOptions {
  /** The work. */
  run(): void | Promise<void>;
  /** When to run next (ms since the epoch; now or earlier: at once), or undefined: not until asked. */
  next(now: number, reason: ScheduleReason): number | undefined;
  /** A scheduled run failed (a run asked for by `runNow` rejects its caller instead). */
  onError(error: unknown): void;
  readonly clock?: Clock;
}

/** setTimeout's own limit (about 24.8 days): a later time is looked at again then. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export class ScheduledService {
  private readonly clock: Clock;
  private started = false;
  private timer: { id: unknown; at: number } | undefined;
  /** The run going on now. */
  private running: Promise<void> | undefined;
  /** The run asked for while one was going on (one, however many asked). */
  private again: Promise<void> | undefined;

  constructor(private readonly options: ScheduledServiceOptions) {
    this.clock = options.clock ?? systemClock;
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** When the next run is due (ms since the epoch), if one is scheduled. */
  get nextRunAt(): number | undefined {
    return this.timer?.at;
  }

  /** Starts the schedule (a no-op when started). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule('start');
  }

  /**
   * Stops the schedule: no run starts after this. Resolves when a run going on has ended (a run
   * asked for meanwhile resolves without running).
   */
  async stop(): Promise<void> {
    this.started = false;
    this.cancelTimer();
    await this.running?.catch(() => undefined);
  }

  /**
   * Something changed that may call for a run: asks `next` again when no run is scheduled or
   * going on (a scheduled one keeps its time).
   */
  wake(): void {
    if (this.started && !this.timer && !this.running) this.schedule('wake');
  }

  /** Runs now, or once more after the run going on. Rejects with the run's failure. Resolves without running once stopped. */
  runNow(): Promise<void> {
    if (!this.started) return Promise.resolve();
    if (this.running) {
      this.again ??= this.running.catch(() => undefined).then(() => this.execute());
      return this.again;
    }
    return this.execute();
  }

  /** Resolves once the run going on, and any asked for after it, have ended (failures included). */
  async idle(): Promise<void> {
    for (let run = this.again ?? this.running; run;) {
      await run.catch(() => undefined);
      const next = this.again ?? this.running;
      if (next === run) return;
      run = next;
    }
  }

  private execute(): Promise<void> {
    this.again = undefined;
    if (!this.started) return Promise.resolve();
    this.cancelTimer();
    const run = (async () => this.options.run())();
    this.running = run;
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    void settled.then(() => {
      if (this.running === run) this.running = undefined;
      if (this.started && !this.again) this.schedule('ran');
    });
    return run;
  }

  private schedule(reason: ScheduleReason): void {
    this.cancelTimer();
    const at = this.options.next(this.clock.now(), reason);
    if (at !== undefined) this.arm(at);
  }

  private arm(at: number): void {
    const wait = Math.max(at - this.clock.now(), 0);
    const id = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        if (!this.started) return;
        if (wait > MAX_TIMER_MS) return this.arm(at); // woken early by the timer's limit: wait on
        this.runNow().catch(this.options.onError);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    this.timer = { id, at };
  }

  private cancelTimer(): void {
    if (this.timer) this.clock.clearTimeout(this.timer.id);
    this.timer = undefined;
  }
}
