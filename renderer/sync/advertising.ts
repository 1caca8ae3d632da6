/**
 * The one place that decides when this device advertises again (ARCHITECTURE.md "Sync in the
 * renderer"): the LAN listener's tags brought up to date, the internet topics moved. It runs on
 * the events it follows (invites changed, a space's access log changed, a space was joined), when
 * asked (a space created elsewhere in the app, before each look around, at start) and every hour
 * just after the tags change; asks that come while it runs are folded into one more run
 * (shared/util/scheduled-service.ts).
 */
import { HOUR_MS } from '../../shared/sync/discovery';
import { ScheduledService, systemClock, type Clock } from '../../shared/util/scheduled-service';

export interface AdvertisingOptions {
  /** The work: listener and topics brought up to date (./network.ts). */
  advertise(): Promise<void>;
  /** A failure of an hourly run, for the screen (an asked-for run rejects its caller). */
  report(problem: unknown): void;
  readonly now: () => number;
  readonly clock?: Clock;
}

/** Just after the next hour boundary, when the tags change. */
export function afterNextHour(now: number): number {
  return (Math.floor(now / HOUR_MS) + 1) * HOUR_MS + 1000;
}

export class Advertising {
  private readonly schedule: ScheduledService;

  private readonly report: (problem: unknown) => void;

  constructor(options: AdvertisingOptions) {
    this.report = options.report;
    this.schedule = new ScheduledService({
      clock: { ...(options.clock ?? systemClock), now: options.now },
      run: () => options.advertise(),
      next: afterNextHour,
      onError: options.report,
    });
  }

  start(): void {
    this.schedule.start();
  }

  /** Advertise again (once more after a run going on). Rejects with the run's failure. */
  request(): Promise<void> {
    return this.schedule.runNow();
  }

  /** Advertise again whenever `event` fires. Returns the function that stops following it. */
  follow(event: (listener: () => void) => () => void): () => void {
    return event(() => void this.request().catch(this.report));
  }

  /** Resolves once the advertising asked for so far is done. */
  idle(): Promise<void> {
    return this.schedule.idle();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }
}
