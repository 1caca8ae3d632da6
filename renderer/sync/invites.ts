/**
 * The admin's open invites, kept in the sync store so the screens follow them without asking:
 * listed again after each change here, when an invitee's request was answered (the invite is
 * used either way), and at the next expiry (a scheduled service, shared/util). It alone writes
 * the store's `invites`, and tells `changed` when the set of open invites changed (the LAN
 * advertisement follows it: ./advertising.ts).
 */
import type { DeviceId, SpaceId } from '../../shared/crypto';
import type { Role } from '../../shared/space';
import { cancelInvite, claimedInvite, createInvite, listInvites, type Invite } from '../../shared/sync/invite';
import { Emitter } from '../../shared/util/emitter';
import { ScheduledService, systemClock } from '../../shared/util/scheduled-service';
import type { Vault } from '../../shared/vault';
import type { SyncState } from './state';
import type { Part, Store } from './store';

export interface OpenInvitesOptions {
  readonly vault: Vault;
  readonly store: Store<SyncState>;
  readonly now: () => number;
  /** A listing at an expiry failed (a listing after a change rejects its caller instead). */
  report(problem: unknown): void;
}

export class OpenInvites {
  /** The set of open invites changed. */
  readonly changed = new Emitter();
  private readonly expiry: ScheduledService;
  private readonly part: Part<SyncState, 'invites'>;
  private closed = false;

  constructor(private readonly options: OpenInvitesOptions) {
    this.part = options.store.claim('invites', ['invites']);
    this.expiry = new ScheduledService({
      clock: { ...systemClock, now: options.now },
      run: () => this.list(),
      next: () => {
        const next = Math.min(...this.part.get().invites.map((i) => i.expiresAt));
        return Number.isFinite(next) ? next + 1 : undefined;
      },
      onError: options.report,
    });
    this.expiry.start();
  }

  /** Lists the open invites into the store (expired ones are dropped on the way); the next expiry is waited for. */
  refresh(): Promise<void> {
    return this.expiry.runNow();
  }

  private async list(): Promise<void> {
    const before = this.part.get().invites;
    const invites = await listInvites(this.options.vault, this.options.now());
    if (this.closed) return;
    this.part.set({ invites });
    const ids = (list: readonly Invite[]) => list.map((i) => i.id).join(',');
    if (ids(before) !== ids(invites)) this.changed.emit();
  }

  async create(space: SpaceId, role: Role, ttlMs: number): Promise<Invite> {
    const invite = await createInvite(this.options.vault, space, role, { ttlMs, now: this.options.now() });
    await this.refresh();
    return invite;
  }

  async cancel(id: string): Promise<void> {
    await cancelInvite(this.options.vault, id);
    await this.refresh();
  }

  /** `device`'s request to join `space` was answered: the invite it claimed is gone, confirmed or not. */
  async answered(space: SpaceId, device: DeviceId): Promise<void> {
    const claimed = await claimedInvite(this.options.vault, space, device);
    if (claimed) await cancelInvite(this.options.vault, claimed.id);
    await this.refresh();
  }

  close(): void {
    this.closed = true;
    void this.expiry.stop();
  }
}
