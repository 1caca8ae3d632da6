/**
 * This device's changes not yet received by the other organizers (ARCHITECTURE.md "Sync in the
 * renderer"): the store's `unsent`. Per space and per organizer's device it keeps how far that
 * device is known to hold this device's own chains, access and content (replication's
 * `onPeerHolds`: its heads, then each batch it acknowledged), saved with the sync service's other
 * records (./saved.ts) so the count survives a lock. Unsent for a device = this device's head seq
 * minus what it holds, in both logs. Only the space's current members count: a removed organizer
 * drops out, and a space this device was removed from has nothing to send. This class alone writes `unsent`.
 */
import type { DeviceId, SpaceId } from '../../shared/crypto';
import type { LogKind } from '../../shared/log/entry';
import type { PeerHolds } from '../../shared/sync/replication';
import type { SpaceHandle, Vault } from '../../shared/vault';
import type { Acknowledged, Held } from './saved';
import type { SyncState, UnsentChanges } from './state';
import type { Part, Store } from './store';

export interface UnsentOptions {
  readonly store: Store<SyncState>;
  readonly vault: Vault;
  /** What is known to be held changed: worth saving. */
  onAcknowledged(): void;
}

export class Unsent {
  private readonly part: Part<SyncState, 'unsent' | 'unsentCounted'>;
  private acknowledged: Record<SpaceId, Record<DeviceId, Held>> = {};
  private readonly followed = new Map<SpaceId, { readonly handle: SpaceHandle; readonly stop: () => void }>();
  private closed = false;
  /** Counting every space was asked for (start()): spaces added later are counted too (refresh()). */
  private countingAll = false;

  constructor(private readonly options: UnsentOptions) {
    this.part = options.store.claim('unsent', ['unsent', 'unsentCounted']);
  }

  private get me(): DeviceId {
    return this.options.vault.device.id;
  }

  /** What was saved at the last lock. */
  restore(acknowledged: Acknowledged): void {
    this.acknowledged = Object.fromEntries(Object.entries(acknowledged).map(([s, held]) => [s, { ...held }]));
  }

  /** What to save: per space, its current members' devices only (a removed organizer's line goes). */
  held(): Acknowledged {
    const out: Record<SpaceId, Record<DeviceId, Held>> = {};
    for (const [space, held] of Object.entries(this.acknowledged) as [SpaceId, Record<DeviceId, Held>][]) {
      const handle = this.followed.get(space)?.handle;
      out[space] = handle
        ? Object.fromEntries(Object.entries(held).filter(([device]) => handle.access.roleOf(device as DeviceId)))
        : held;
    }
    return out;
  }

  /**
   * Counts for every space of the vault (a space that cannot open is told by the vault), from now on.
   * Not at unlock: only once someone looks at the count (ARCHITECTURE.md "Sync in the renderer").
   */
  async start(): Promise<void> {
    this.countingAll = true;
    for (const { id } of await this.options.vault.listSpaces()) await this.follow(id);
    if (!this.closed) this.part.set({ unsentCounted: true });
  }

  /** The vault's spaces changed (one created here): counted too, if every space is. */
  async refresh(): Promise<void> {
    if (this.countingAll) await this.start();
  }

  /** Counts for `space` from now on (a space joined, or one a session shares). */
  async follow(space: SpaceId): Promise<SpaceHandle | undefined> {
    if (this.closed) return undefined;
    const handle = await this.options.vault.openSpace(space).catch(() => undefined);
    if (!handle || this.closed) return undefined;
    const known = this.followed.get(space);
    if (known?.handle !== handle) {
      known?.stop(); // a handle closed and opened again
      this.followed.set(space, { handle, stop: handle.onChange(() => this.count()) });
      this.count();
    }
    return handle;
  }

  /** Replication: `peer` is known to hold `holds` of `space`. */
  async peerHolds(space: SpaceId, peer: DeviceId, holds: PeerHolds): Promise<void> {
    const handle = await this.follow(space);
    if (!handle || peer === this.me) return;
    // Never more than this device wrote: a peer claiming seqs ahead of ours would hide later changes.
    const mine = ownHeads(handle, this.me);
    const held: Held = {
      access: Math.min(holds.access.get(this.me) ?? 0, mine.access),
      content: Math.min(holds.content.get(this.me) ?? 0, mine.content),
    };
    const before = this.acknowledged[space]?.[peer];
    if (before && before.access === held.access && before.content === held.content) return;
    this.acknowledged[space] = { ...this.acknowledged[space], [peer]: held };
    this.count();
    this.options.onAcknowledged();
  }

  private count(): void {
    if (this.closed) return;
    const unsent: UnsentChanges[] = [];
    for (const [space, { handle }] of this.followed) {
      if (handle.access.roleOf(this.me) === undefined) continue; // removed here: nothing of ours travels any more
      const mine = ownHeads(handle, this.me);
      for (const member of handle.access.members()) {
        const device = member.card.id as DeviceId;
        if (device === this.me) continue;
        const held = this.acknowledged[space]?.[device];
        const count = Math.max(0, mine.access - (held?.access ?? 0)) + Math.max(0, mine.content - (held?.content ?? 0));
        unsent.push({ space, device, count, synced: held !== undefined });
      }
    }
    if (!sameCounts(unsent, this.part.get().unsent)) this.part.set({ unsent });
  }

  close(): void {
    this.closed = true;
    for (const { stop } of this.followed.values()) stop();
    this.followed.clear();
  }
}

/** This device's own head seq in each log of a space (0: it wrote nothing there). */
function ownHeads(handle: SpaceHandle, me: DeviceId): Record<LogKind, number> {
  const heads = handle.heads();
  const seqOf = (log: LogKind) => heads[log].find((h) => h.author === me)?.seq ?? 0;
  return { access: seqOf('access'), content: seqOf('content') };
}

function sameCounts(a: readonly UnsentChanges[], b: readonly UnsentChanges[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return x.space === y.space && x.device === y.device && x.count === y.count && x.synced === y.synced;
    })
  );
}
