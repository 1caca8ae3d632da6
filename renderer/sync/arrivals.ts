/**
 * Spaces arriving from peers (ARCHITECTURE.md "Sync in the renderer"): the store's `arrivals`,
 * from the heads peers announce and the entries stored since (./progress.ts). It follows each
 * space a session shares (`watch`), and tells `spaceChanged` when one changed. This class alone
 * writes `arrivals`.
 */
import type { SpaceId } from '../../shared/crypto';
import type { Unsubscribe } from '../../shared/ipc/api';
import { Emitter } from '../../shared/util/emitter';
import type { SpaceHandle, Vault } from '../../shared/vault';
import { ArrivalTracker } from './progress';
import type { SyncState } from './state';
import type { Part, Store } from './store';

type Heads = Parameters<ArrivalTracker['announce']>[0];

export class Arrivals {
  /** A followed space changed (`arrived`: false the first time it is looked at). */
  readonly spaceChanged = new Emitter<[SpaceHandle, boolean]>();
  private readonly part: Part<SyncState, 'arrivals'>;
  private readonly trackers = new Map<SpaceId, ArrivalTracker>();
  private readonly watched = new Map<SpaceId, Unsubscribe>();
  private closed = false;

  constructor(
    store: Store<SyncState>,
    private readonly vault: Vault,
    private readonly report: (problem: unknown) => void,
  ) {
    this.part = store.claim('arrivals', ['arrivals']);
  }

  /** Follows a space's store: arrival progress, and `spaceChanged`. */
  async watch(space: SpaceId): Promise<void> {
    if (this.watched.has(space) || this.closed) return;
    const handle = await this.vault.openSpace(space).catch(() => undefined); // a space that cannot open is told by the vault (store problems)
    if (!handle || this.watched.has(space) || this.closed) return;
    this.spaceChanged.emit(handle, false);
    this.watched.set(
      space,
      handle.onChange(() => {
        this.spaceChanged.emit(handle, true);
        this.update(space);
      }),
    );
  }

  /** A peer announced its heads of `space`. */
  async peerHeads(space: SpaceId, heads: Heads): Promise<void> {
    const handle = await this.vault.openSpace(space).catch(() => undefined); // as in watch()
    if (!handle) return;
    const tracker = this.trackers.get(space) ?? new ArrivalTracker(space);
    this.trackers.set(space, tracker);
    tracker.announce(heads, handle.heads());
    void this.watch(space);
    this.update(space);
  }

  private update(space: SpaceId): void {
    const tracker = this.trackers.get(space);
    if (!tracker) return;
    void this.vault.openSpace(space).then((handle) => {
      const arrival = tracker.progress(handle.heads());
      if (!arrival) this.trackers.delete(space);
      this.part.update(({ arrivals }) => {
        const next = { ...arrivals };
        if (arrival) next[space] = arrival;
        else delete next[space];
        return { arrivals: next };
      });
    }, this.report);
  }

  close(): void {
    this.closed = true;
    for (const stop of this.watched.values()) stop();
    this.watched.clear();
  }
}
