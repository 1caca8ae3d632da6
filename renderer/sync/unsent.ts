/**
 * This device's changes not yet received by the other organizers (ARCHITECTURE.md "Sync in the
 * renderer"): the store's `unsent`. How far each organizer's device holds this device's own chains,
 * access and content, is what the vault knows peers hold (shared/vault/peer-holdings.ts: replication
 * tells it, its heads then each batch it acknowledged, capped at what this device wrote), read here
 * through `HeldOfMine`. Unsent for a device = this device's head seq minus what it holds, in both
 * logs. Only the space's current members count: a removed organizer drops out, and a space this
 * device was removed from has nothing to send. This class alone writes `unsent`; it also gives the
 * sync service's saved record its `acknowledged` line (./saved.ts) and takes it back at unlock.
 */
import type { DeviceId, SpaceId } from '../../shared/crypto';
import type { LogKind } from '../../shared/log/entry';
import type { SpaceHandle, Vault } from '../../shared/vault';
import type { HeldSeqs, SavedHoldings } from '../../shared/vault/peer-holdings';
import type { Acknowledged, Held } from './saved';
import type { SyncState, UnsentChanges } from './state';
import type { Part, Store } from './store';

/** What the count reads of what peers hold (the vault's `holdings`). */
export interface HeldOfMine {
  /** Per author, the highest seq of `log` that `peer` is known to hold of `space`. */
  of(space: SpaceId, peer: DeviceId, log: LogKind): HeldSeqs;
  /** Whether anything is known of `peer` in `space` (it synced once: "never synced" otherwise). */
  knows(space: SpaceId, peer: DeviceId): boolean;
  save(log: LogKind): SavedHoldings;
  restore(saved: SavedHoldings, log: LogKind): void;
  onChange(listener: (space: SpaceId) => void): () => void;
}

export interface UnsentOptions {
  readonly store: Store<SyncState>;
  readonly vault: Vault;
  /** What peers are known to hold changed: worth saving. */
  onAcknowledged(): void;
}

const LOGS: readonly LogKind[] = ['access', 'content'];

export class Unsent {
  private readonly part: Part<SyncState, 'unsent' | 'unsentCounted'>;
  private readonly holdings: HeldOfMine;
  private readonly stopHeld: () => void;
  private readonly followed = new Map<SpaceId, { readonly handle: SpaceHandle; readonly stop: () => void }>();
  private closed = false;
  /** Counting every space was asked for (start()): spaces added later are counted too (refresh()). */
  private countingAll = false;

  constructor(private readonly options: UnsentOptions) {
    this.part = options.store.claim('unsent', ['unsent', 'unsentCounted']);
    this.holdings = options.vault.holdings;
    this.stopHeld = this.holdings.onChange(() => {
      this.count();
      options.onAcknowledged();
    });
  }

  private get me(): DeviceId {
    return this.options.vault.device.id;
  }

  /** What was saved at the last lock: how far each device held this device's chains. */
  restore(acknowledged: Acknowledged): void {
    for (const log of LOGS) {
      const saved = Object.fromEntries(
        Object.entries(acknowledged).map(([space, devices]) => [
          space,
          Object.fromEntries(Object.entries(devices).map(([device, held]) => [device, { [this.me]: held[log] }])),
        ]),
      );
      this.holdings.restore(saved, log);
    }
  }

  /** What to save: per space, its current members' devices only (a removed organizer's line goes). */
  held(): Acknowledged {
    const [access, content] = LOGS.map((log) => this.holdings.save(log)) as [SavedHoldings, SavedHoldings];
    const out: Record<SpaceId, Record<DeviceId, Held>> = {};
    for (const [space, devices] of Object.entries(content) as [SpaceId, SavedHoldings[SpaceId]][]) {
      const handle = this.followed.get(space)?.handle;
      const lines: Record<DeviceId, Held> = {};
      for (const device of Object.keys(devices) as DeviceId[]) {
        if (handle && !handle.access.roleOf(device)) continue;
        lines[device] = { access: access[space]?.[device]?.[this.me] ?? 0, content: devices[device]?.[this.me] ?? 0 };
      }
      out[space] = lines;
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

  private count(): void {
    if (this.closed) return;
    const unsent: UnsentChanges[] = [];
    for (const [space, { handle }] of this.followed) {
      if (handle.access.roleOf(this.me) === undefined) continue; // removed here: nothing of ours travels any more
      const heads = handle.heads();
      for (const member of handle.access.members()) {
        const device = member.card.id as DeviceId;
        if (device === this.me) continue;
        let count = 0;
        for (const log of LOGS) {
          const mine = heads[log].find((h) => h.author === this.me)?.seq ?? 0;
          count += Math.max(0, mine - (this.holdings.of(space, device, log).get(this.me) ?? 0));
        }
        unsent.push({ space, device, count, synced: this.holdings.knows(space, device) });
      }
    }
    if (!sameCounts(unsent, this.part.get().unsent)) this.part.set({ unsent });
  }

  close(): void {
    this.closed = true;
    this.stopHeld();
    for (const { stop } of this.followed.values()) stop();
    this.followed.clear();
  }
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
