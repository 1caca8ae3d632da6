/**
 * What each organizer's device is known to hold of each space's content chains, and so how far
 * compaction may drop entries (SECURITY.md "Checkpoints, compaction and retention"): a device
 * never drops an entry another current organizer may still need from it. Replication tells it
 * (each peer's heads, then each batch it acknowledged: `Replica.peerHolds`); the sync service
 * saves it between unlocks (renderer/sync/saved.ts) and gives it back at unlock (`restore`).
 * In memory, for the vault's lifetime: a space's handle closing and opening again keeps it.
 */
import type { DeviceId, SpaceId } from '../crypto';
import type { ChainHead } from '../log/chain';
import { Emitter } from '../util/emitter';
import { ignoreListenerError } from './listeners';

/** Per author, the highest content seq a device holds. */
export type HeldSeqs = ReadonlyMap<DeviceId, number>;

/** Per space, per device, per author: what can be saved and restored (plain JSON). */
export type SavedHoldings = Readonly<Record<SpaceId, Readonly<Record<DeviceId, Readonly<Record<DeviceId, number>>>>>>;

export class PeerHoldings {
  private readonly spaces = new Map<SpaceId, Map<DeviceId, HeldSeqs>>();
  private readonly changes = new Emitter<[SpaceId]>(ignoreListenerError);

  /**
   * `peer` holds `content` of `space`, as replication now knows it: its whole view, replacing the
   * last (it moves back when the peer asked again for what it refused after acknowledging).
   */
  set(space: SpaceId, peer: DeviceId, content: HeldSeqs): void {
    const devices = this.spaces.get(space) ?? new Map<DeviceId, HeldSeqs>();
    this.spaces.set(space, devices);
    const before = devices.get(peer);
    if (before && sameSeqs(before, content)) return;
    devices.set(peer, new Map(content));
    this.changes.emit(space);
  }

  /** What `peer` is known to hold of `space` (empty: nothing known). */
  of(space: SpaceId, peer: DeviceId): HeldSeqs {
    return this.spaces.get(space)?.get(peer) ?? new Map();
  }

  /**
   * Per author, up to which seq this device may drop its entries: what every other current
   * organizer's device is known to hold (none known: 0), never past this device's own head.
   * With no other organizer, everything: no one needs anything from it.
   */
  cutoff(space: SpaceId, others: readonly DeviceId[], heads: readonly ChainHead[]): Map<DeviceId, number> {
    return new Map(
      heads.map((h) => [h.author, Math.min(h.seq, ...others.map((peer) => this.of(space, peer).get(h.author) ?? 0))]),
    );
  }

  /** Called with the space whenever a device's holdings changed; returns the unsubscribe function. */
  onChange(listener: (space: SpaceId) => void): () => void {
    return this.changes.on(listener);
  }

  save(): SavedHoldings {
    const out: Record<SpaceId, Record<DeviceId, Record<DeviceId, number>>> = {};
    for (const [space, devices] of this.spaces) {
      out[space] = Object.fromEntries([...devices].map(([peer, seqs]) => [peer, Object.fromEntries(seqs)]));
    }
    return out;
  }

  /** What was saved at the last lock; what replication told since is newer and stays. */
  restore(saved: SavedHoldings): void {
    for (const [space, devices] of Object.entries(saved) as [SpaceId, SavedHoldings[SpaceId]][]) {
      for (const [peer, seqs] of Object.entries(devices) as [DeviceId, Record<DeviceId, number>][]) {
        if (this.spaces.get(space)?.has(peer)) continue;
        this.set(space, peer, new Map(Object.entries(seqs) as [DeviceId, number][]));
      }
    }
  }
}

function sameSeqs(a: HeldSeqs, b: HeldSeqs): boolean {
  return a.size === b.size && [...a].every(([author, seq]) => b.get(author) === seq);
}
