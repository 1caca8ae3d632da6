/**
 * "Sync over the internet": the Hyperswarm topics joined for each space the
 * organizer turned it on for. A space's topic is derived from its discovery
 * key and the UTC day (shared/sync/discovery.ts), so it moves:
 *
 * - every midnight (UTC): the next day's topic is joined a little before, the
 *   previous day's left a little after (clocks differ), by a timer of ours;
 * - with the key epochs: when a rotation is stored, the new epoch's topics are
 *   joined and the old ones left (./network.ts calls `refresh`).
 *
 * New topics are joined before old ones are left, so a space is never off the
 * DHT in between. Main keeps a left topic's open connections until they end.
 */
import type { SpaceId } from '../../shared/crypto';
import { AppError } from '../../shared/errors';
import type { SealedRosterApi } from '../../shared/ipc/api';
import { nextTopicChange, spaceDiscoveryKey } from '../../shared/sync/discovery';
import { ScheduledService, systemClock } from '../../shared/util/scheduled-service';
import { SerialQueue } from '../../shared/util/serial-queue';
import type { SpaceHandle, Vault } from '../../shared/vault';
import { topicsOf } from './discovery-keys';

export interface InternetTopicsOptions {
  readonly vault: Vault;
  readonly api: () => SealedRosterApi;
  readonly now: () => number;
  /** A background failure, for the screen. */
  report(problem: unknown): void;
  /** The space's handle was opened: follow its key changes. */
  follow(handle: SpaceHandle): void;
}

export class InternetTopics {
  /** Topics joined, by space (kept to leave them after the vault locked, or after they moved). */
  private readonly joined = new Map<SpaceId, Set<string>>();
  /** Joins and leaves run one after another. */
  private readonly work = new SerialQueue();
  /** Wakes up when the day's topics next change (a grace period around midnight UTC opens or closes). */
  private readonly midnight: ScheduledService;
  private closed = false;

  constructor(private readonly options: InternetTopicsOptions) {
    this.midnight = new ScheduledService({
      clock: { ...systemClock, now: options.now },
      run: () => this.refresh(),
      next: (now) => (this.joined.size === 0 ? undefined : nextTopicChange(now) + 1000),
      onError: options.report,
    });
    this.midnight.start();
  }

  /** Topics joined now, by space (for tests and the screen). */
  topics(space: SpaceId): string[] {
    return [...(this.joined.get(space) ?? [])];
  }

  private serial(step: () => Promise<void>): Promise<void> {
    return this.work.run(step);
  }

  /** The topics the space should be on now (as far as this device holds its keys). */
  private async wanted(space: SpaceId): Promise<string[] | undefined> {
    const { vault } = this.options;
    const handle = await vault.openSpace(space);
    this.options.follow(handle);
    const key = spaceDiscoveryKey(handle, vault.deviceIdentity());
    return key && topicsOf(key, this.options.now());
  }

  /** Joins what the space should be on now, then leaves what it should not. */
  private async move(space: SpaceId, wanted: readonly string[]): Promise<void> {
    const api = this.options.api();
    const joined = this.joined.get(space) ?? new Set<string>();
    this.joined.set(space, joined);
    for (const topic of wanted) {
      if (joined.has(topic)) continue;
      await api.net.joinTopic({ topic });
      if (this.closed) {
        // close() left what was joined when it ran; this join finished after.
        await api.net.leaveTopic({ topic }).catch(() => undefined);
        return;
      }
      joined.add(topic);
    }
    for (const topic of [...joined]) {
      if (wanted.includes(topic)) continue;
      joined.delete(topic);
      await api.net.leaveTopic({ topic }).catch(this.options.report);
    }
  }

  /** Joins or leaves the space's topics. Throws AppError('net-failed' | 'not-allowed'). */
  async set(space: SpaceId, on: boolean): Promise<void> {
    await this.serial(async () => {
      if (on) {
        const wanted = await this.wanted(space);
        if (wanted === undefined) throw new AppError('not-allowed', 'this device holds no key of that space yet');
        await this.move(space, wanted);
      } else {
        await this.move(space, []);
        this.joined.delete(space);
      }
    });
    this.midnight.wake();
  }

  /** Moves every joined space to the topics it should be on now (a new day, a new epoch). Problems are reported. */
  refresh(): Promise<void> {
    if (this.joined.size === 0) return Promise.resolve();
    return this.serial(async () => {
      for (const space of [...this.joined.keys()]) {
        if (this.closed) return;
        // A space that cannot open is told where it is opened (store problems); its topic stays as it was.
        const wanted = await this.wanted(space).catch(() => undefined);
        if (wanted !== undefined) await this.move(space, wanted).catch(this.options.report);
      }
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.midnight.stop();
    if (this.joined.size === 0) return;
    const api = this.options.api();
    // Leave the topics (the saved choice stays: they are joined again at the next unlock).
    for (const topics of this.joined.values()) {
      // Locking: no one is left to tell; main leaves every topic when the window goes, in any case.
      for (const topic of topics) void api.net.leaveTopic({ topic }).catch(() => undefined);
    }
    this.joined.clear();
  }
}
