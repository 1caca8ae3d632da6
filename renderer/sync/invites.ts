/**
 * The admin's open invites, kept in the sync store so the screens follow them without asking:
 * listed again after each change here, when an invitee's request was answered (the invite is
 * used either way), and at the next expiry.
 */
import type { DeviceId, SpaceId } from '../../shared/crypto';
import type { Role } from '../../shared/space';
import { cancelInvite, claimedInvite, createInvite, listInvites, type Invite } from '../../shared/sync/invite';
import { timers } from '../../shared/timers';
import type { Vault } from '../../shared/vault';
import type { SyncState } from './state';
import type { Store } from './store';

/** setTimeout's own limit (~24.8 days); a later expiry is looked at again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface OpenInvitesOptions {
  readonly vault: Vault;
  readonly store: Store<SyncState>;
  readonly now: () => number;
  /** The set of open invites changed (the LAN advertisement follows it). */
  readonly onChange: () => void;
}

export class OpenInvites {
  private timer: unknown;
  private closed = false;

  constructor(private readonly options: OpenInvitesOptions) {}

  /** Lists the open invites into the store (expired ones are dropped on the way) and waits for the next expiry. */
  async refresh(): Promise<void> {
    if (this.closed) return;
    const before = this.options.store.get().invites;
    const invites = await listInvites(this.options.vault, this.options.now());
    if (this.closed) return;
    this.options.store.update((s) => ({ ...s, invites }));
    timers.clearTimeout(this.timer);
    const next = Math.min(...invites.map((i) => i.expiresAt));
    if (Number.isFinite(next)) {
      const delay = Math.min(Math.max(next - this.options.now() + 1, 0), MAX_DELAY_MS);
      this.timer = timers.setTimeout(() => void this.refresh().catch(() => undefined), delay); // a timer: the next refresh (or the screen) tries again
    }
    const ids = (list: readonly Invite[]) => list.map((i) => i.id).join(',');
    if (ids(before) !== ids(invites)) this.options.onChange();
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
    timers.clearTimeout(this.timer);
  }
}
