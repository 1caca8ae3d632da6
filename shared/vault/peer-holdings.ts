/**
 * What each other organizer's device is known to hold of each space, per log and author: the one
 * place that knows it. Replication tells it (each peer's heads, then each batch of ours it
 * acknowledged: `Replica.peerHolds`, through the space's handle, which never counts a peer as
 * holding more of this device's own chains than it wrote); the sync service saves it between
 * unlocks (renderer/sync/saved.ts) and gives it back at unlock (`restore`). In memory, for the
 * vault's lifetime: a space's handle closing and opening again keeps it.
 *
 * Two readers, each through an interface of its own:
 * - compaction (compaction.ts `HeldByOthers`): how far every other current organizer holds each
 *   author's content chain, so a device never drops an entry another may still need from it
 *   (SECURITY.md "Checkpoints, compaction and retention");
 * - the sync panel's count (renderer/sync/unsent.ts `HeldOfMine`): how many of this device's own
 *   changes, in both logs, each organizer does not hold yet.
 */
import type { DeviceId, SpaceId } from '../crypto';
import type { ChainHead } from '../log/chain';
import type { LogKind } from '../log/entry';
import { Emitter } from '../util/emitter';
import { ignoreListenerError } from './listeners';

/** Per author, the highest seq a device holds (of one log). */
export type HeldSeqs = ReadonlyMap<DeviceId, number>;

/** Per space, per device, per author: one log's holdings as they are saved and restored (plain JSON). */
export type SavedHoldings = Readonly<Record<SpaceId, Readonly<Record<DeviceId, Readonly<Record<DeviceId, number>>>>>>;

interface DeviceHoldings {
  readonly logs: Record<LogKind, HeldSeqs>;
  /** Replication told it since the unlock: newer than anything saved. */
  readonly told: boolean;
}

const NOTHING: HeldSeqs = new Map();

export class PeerHoldings {
  private readonly spaces = new Map<SpaceId, Map<DeviceId, DeviceHoldings>>();
  private readonly changes = new Emitter<[SpaceId]>(ignoreListenerError);

  /**
   * `peer` holds `content` and `access` of `space`, as replication now knows it: its whole view,
   * replacing the last (it moves back when the peer asked again for what it refused after
   * acknowledging). `access` unknown: nothing of that log counts as held.
   */
  set(space: SpaceId, peer: DeviceId, content: HeldSeqs, access: HeldSeqs = NOTHING): void {
    this.put(space, peer, { content: new Map(content), access: new Map(access) }, true);
  }

  /** What `peer` is known to hold of one log of `space` (default: content), per author (empty: nothing known). */
  of(space: SpaceId, peer: DeviceId, log: LogKind = 'content'): HeldSeqs {
    return this.spaces.get(space)?.get(peer)?.logs[log] ?? NOTHING;
  }

  /** Whether anything is known of what `peer` holds of `space` (told since the unlock, or saved before). */
  knows(space: SpaceId, peer: DeviceId): boolean {
    return this.spaces.get(space)?.has(peer) ?? false;
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

  /** One log's holdings (default: content), to save. */
  save(log: LogKind = 'content'): SavedHoldings {
    const out: Record<SpaceId, Record<DeviceId, Record<DeviceId, number>>> = {};
    for (const [space, devices] of this.spaces) {
      out[space] = Object.fromEntries([...devices].map(([peer, held]) => [peer, Object.fromEntries(held.logs[log])]));
    }
    return out;
  }

  /** One log's holdings (default: content) saved at the last lock; what replication told since is newer and stays. */
  restore(saved: SavedHoldings, log: LogKind = 'content'): void {
    for (const [space, devices] of Object.entries(saved) as [SpaceId, SavedHoldings[SpaceId]][]) {
      for (const [peer, seqs] of Object.entries(devices) as [DeviceId, Record<DeviceId, number>][]) {
        const known = this.spaces.get(space)?.get(peer);
        if (known?.told) continue;
        const logs = { content: NOTHING, access: NOTHING, ...known?.logs };
        this.put(space, peer, { ...logs, [log]: new Map(Object.entries(seqs) as [DeviceId, number][]) }, false);
      }
    }
  }

  private put(space: SpaceId, peer: DeviceId, logs: Record<LogKind, HeldSeqs>, told: boolean): void {
    const devices = this.spaces.get(space) ?? new Map<DeviceId, DeviceHoldings>();
    this.spaces.set(space, devices);
    const before = devices.get(peer);
    devices.set(peer, { logs, told: told || (before?.told ?? false) });
    if (before && sameSeqs(before.logs.access, logs.access) && sameSeqs(before.logs.content, logs.content)) return;
    this.changes.emit(space);
  }
}

function sameSeqs(a: HeldSeqs, b: HeldSeqs): boolean {
  return a.size === b.size && [...a].every(([author, seq]) => b.get(author) === seq);
}
