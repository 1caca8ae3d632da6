/**
 * The sync service's network side, over the platform API (main opens the
 * sockets; the renderer only derives tags and topics):
 * - LAN: one listener, opened only while this device has something to share
 *   (a space it organizes with someone else) or an open invite, answering to
 *   this hour's tag of each. It keeps its port for the whole unlock (tags
 *   change in place) and asks for the same port at the next unlock, so an
 *   address handed out keeps working. Discovery asks for the tags of shared
 *   spaces, then dials each new address;
 * - internet: Hyperswarm topics per space, joined when the person asks
 *   (./internet-topics.ts).
 * Both follow the space's key epochs (shared/sync/discovery.ts): when a
 * rotation is stored, the new tag is answered to and the topics move.
 */
import type { DeviceId, SpaceId } from '../../shared/crypto';
import { AppError } from '../../shared/errors';
import type { SealedRosterApi } from '../../shared/ipc/api';
import { LIMITS, type LanAddress } from '../../shared/ipc/contract';
import { inviteDiscoveryKey, soughtSpaceKeys, spaceDiscoveryKey } from '../../shared/sync/discovery';
import { listInvites } from '../../shared/sync/invite';
import { ScheduledService, systemClock } from '../../shared/util/scheduled-service';
import { SerialQueue } from '../../shared/util/serial-queue';
import { Emitter } from '../../shared/util/emitter';
import type { SpaceHandle, Vault } from '../../shared/vault';
import { advertisedTags, soughtTags, type KeyedOwner, type TagOwner } from './discovery-keys';
import { InternetTopics } from './internet-topics';
import type { NearbyPeer, SyncState } from './state';
import type { Part, Store } from './store';

export interface Address {
  readonly host: string;
  readonly port: number;
}

export interface NetworkOptions {
  readonly vault: Vault;
  readonly api: SealedRosterApi | null;
  readonly store: Store<SyncState>;
  /** A background failure (listening, discovery), for the screen. */
  report(problem: unknown): void;
  readonly now: () => number;
  readonly discoverEveryMs?: number;
  readonly discoverTimeoutMs?: number;
  /** The port this device listened on before (saved in the vault): asked for first. */
  readonly port?: number;
  /** The listening port changed (the service saves it). */
  onPort?(port: number): void;
  dial(address: Address): Promise<void>;
  isConnectedTo(address: string): boolean;
  /** Before each periodic look around: spaces may have been created or shared since (./advertising.ts). */
  beforeLooking(): Promise<void>;
}

const DEFAULT_DISCOVER_EVERY_MS = 60_000;
const DEFAULT_DISCOVER_TIMEOUT_MS = 2_000;

/** True when this device organizes the space together with at least one other device. */
function sharedWithSomeone(handle: SpaceHandle, me: DeviceId): boolean {
  const members = handle.access.members();
  return members.some((m) => m.card.id === me) && members.some((m) => m.card.id !== me);
}

export class Network {
  private listener: { listenerId: string; port: number; tags: string } | undefined;
  /** The port listened on, kept when the listener closes so the next one asks for it again. */
  private port: number | undefined;
  /** Listener changes run one after another. */
  private readonly listening = new SerialQueue();
  /** Looks around every `discoverEveryMs` (the first time at start). */
  private readonly discovery: ScheduledService;
  private closed = false;
  private readonly internet: InternetTopics;
  /** A space's access log changed (keys or members): the advertisement may have to follow (./advertising.ts). */
  readonly accessChanged = new Emitter();
  /** Spaces whose access log we follow, with the heads it had when last looked at. */
  private readonly followed = new Map<SpaceId, { handle: SpaceHandle; access: string; stop: () => void }>();

  /** The store's keys this class alone writes. */
  private readonly part: Part<SyncState, 'networking' | 'listening' | 'nearby' | 'searching' | 'internet'>;

  constructor(private readonly options: NetworkOptions) {
    this.part = options.store.claim('network', ['networking', 'listening', 'nearby', 'searching', 'internet']);
    this.part.set({ networking: options.api !== null });
    this.port = options.port;
    this.internet = new InternetTopics({
      vault: options.vault,
      api: () => this.api,
      now: options.now,
      report: this.report,
      follow: (handle) => this.follow(handle),
    });
    const every = options.discoverEveryMs ?? DEFAULT_DISCOVER_EVERY_MS;
    this.discovery = new ScheduledService({
      clock: { ...systemClock, now: options.now },
      run: async () => {
        await options.beforeLooking();
        await this.lookNearby();
      },
      next: (now, reason) => (every <= 0 ? undefined : reason === 'start' ? now : now + every),
      onError: this.report,
    });
  }

  private get api(): SealedRosterApi {
    if (!this.options.api) throw new AppError('net-failed', 'networking is not available in this window');
    return this.options.api;
  }

  private report = (problem: unknown): void => this.options.report(problem);

  /** The port this device listens on, or last listened on (undefined before it ever listened). */
  get listeningPort(): number | undefined {
    return this.port;
  }

  /** Rejoins the internet topics saved at the last unlock, then looks around on its schedule. */
  async start(internet: readonly SpaceId[]): Promise<void> {
    if (!this.options.api || this.closed) return;
    for (const space of internet) await this.setInternet(space, true).catch(this.report);
    this.discovery.start();
  }

  /**
   * Discovery keys of the spaces this device shares with someone: to answer
   * to (with our open invites' keys) or to look for (the previous epoch's
   * too). Keys sought for the previous epoch come after every space's
   * current one, so the request limit drops them first. A space nobody else
   * organizes has no one to find, and is neither answered to nor asked for.
   */
  private async keys(purpose: 'advertise' | 'seek'): Promise<KeyedOwner[]> {
    const { vault } = this.options;
    const me = vault.deviceIdentity();
    const out: KeyedOwner[] = [];
    const older: KeyedOwner[] = [];
    for (const { id } of await vault.listSpaces()) {
      const handle = await vault.openSpace(id).catch(() => undefined); // told by the vault when it is opened
      if (!handle) continue;
      this.follow(handle);
      if (!sharedWithSomeone(handle, vault.device.id)) continue;
      const owner: TagOwner = { kind: 'space', space: id };
      if (purpose === 'seek') {
        const [current, ...others] = soughtSpaceKeys(handle, me);
        if (current) out.push({ key: current, owner });
        older.push(...others.map((key) => ({ key, owner })));
      } else {
        const key = spaceDiscoveryKey(handle, me);
        if (key) out.push({ key, owner });
      }
    }
    out.push(...older);
    if (purpose === 'advertise') {
      for (const invite of await listInvites(vault, this.options.now())) {
        out.push({ key: inviteDiscoveryKey(invite.code), owner: { kind: 'invite' } });
      }
    }
    return out;
  }

  /**
   * Answers to the new tag and moves the topics as soon as a space's
   * discovery key changes (a rotation was stored: made here or arrived), and
   * opens or closes the listener when the space gains or loses its other members.
   */
  private follow(handle: SpaceHandle): void {
    if (this.closed || this.followed.get(handle.id)?.handle === handle) return;
    this.followed.get(handle.id)?.stop(); // a handle closed and opened again
    // Keys and members change only with the access log: every local edit fires onChange, so compare its heads.
    const accessMark = () =>
      handle.access
        .heads()
        .map((h) => `${h.author}:${h.seq}`)
        .join(',');
    const followed = { handle, access: accessMark(), stop: () => {} };
    followed.stop = handle.onChange(() => {
      const access = accessMark();
      if (access === followed.access) return;
      followed.access = access;
      this.accessChanged.emit();
    });
    this.followed.set(handle.id, followed);
  }

  /**
   * Brings the listener up to date: opened (on the same port as before when
   * it is free) when there is something to answer to, its tags replaced in
   * place when they changed, closed when nothing is shared and no invite is
   * open. Also moves the joined topics to their space's current epoch and day.
   * Called by ./advertising.ts only: it decides when.
   */
  advertise(): Promise<void> {
    const topics = this.internet.refresh();
    const run = this.listening.run(() => this.updateListener());
    return Promise.all([run, topics]).then(() => undefined);
  }

  private async updateListener(): Promise<void> {
    if (this.closed || !this.options.api) return;
    const tags = advertisedTags(await this.keys('advertise'), this.options.now()).slice(0, LIMITS.tagsPerRequest);
    const joined = tags.join(',');
    if (this.closed) return;
    if (tags.length === 0) return this.stopListening();
    if (!this.listener) {
      const port = this.port;
      const opened = await this.api.net.listen({ tags, ...(port !== undefined && { port }) });
      this.listener = { ...opened, tags: joined };
      if (this.closed) return this.stopListening();
      if (opened.port !== this.port) {
        this.port = opened.port;
        this.options.onPort?.(opened.port);
      }
    } else if (this.listener.tags !== joined) {
      const { listenerId } = this.listener;
      await this.api.net.advertise({ listenerId, tags });
      this.listener = { ...this.listener, tags: joined };
    }
    // Asked again each time: the machine may have moved to another network since.
    const addresses = await this.addresses();
    const listening = { port: this.listener.port, addresses };
    const same = (a: SyncState['listening']) => JSON.stringify(a) === JSON.stringify(listening);
    if (!same(this.part.get().listening)) this.part.set({ listening });
  }

  /** This machine's LAN addresses; none when main cannot tell (the port alone is still shown). */
  private async addresses(): Promise<LanAddress[]> {
    return this.api.net.addresses().then(
      (r) => r.addresses,
      () => [],
    );
  }

  /** Closes the listener; resolves once main closed it (a failure leaves nothing to do: main drops it at lock). */
  private async stopListening(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    this.part.set({ listening: null });
    // A listener main already closed (the window reloaded, main quit) is what we wanted: nothing to tell.
    if (listener) await this.options.api?.net.close({ listenerId: listener.listenerId }).catch(() => undefined);
  }

  private async discover(
    tags: Map<string, unknown>,
  ): Promise<{ host: string; port: number; tags: readonly string[] }[]> {
    if (tags.size === 0) return [];
    const sought = [...tags.keys()].slice(0, LIMITS.tagsPerRequest);
    const timeoutMs = this.options.discoverTimeoutMs ?? DEFAULT_DISCOVER_TIMEOUT_MS;
    const { peers } = await this.api.net.discover({ tags: sought, timeoutMs });
    return peers;
  }

  /** Looks for members' devices nearby and dials each new one (`dial: false`: only list them). */
  async lookNearby(dial = true): Promise<NearbyPeer[]> {
    if (!this.options.api) return [];
    this.part.set({ searching: true });
    try {
      const sought = soughtTags(await this.keys('seek'), this.options.now());
      const seenAt = this.options.now();
      const found: NearbyPeer[] = (await this.discover(sought)).map((p) => ({
        host: p.host,
        port: p.port,
        spaces: [...new Set(p.tags.flatMap((t) => spaceOf(sought.get(t))))],
        seenAt,
      }));
      this.part.update(({ nearby }) => {
        const key = (p: NearbyPeer): string => `${p.host}:${p.port}`;
        const fresh = new Set(found.map(key));
        return { nearby: [...nearby.filter((p) => !fresh.has(key(p))), ...found] };
      });
      if (dial) {
        for (const p of found) {
          if (!this.options.isConnectedTo(`${p.host}:${p.port}`)) await this.options.dial(p).catch(this.report);
        }
      }
      return found;
    } finally {
      this.part.set({ searching: false });
    }
  }

  /** Invitee: admins' devices nearby answering to this invite code. Throws AppError('invite-invalid'). */
  async findInviter(code: string): Promise<NearbyPeer[]> {
    const key = inviteDiscoveryKey(code);
    const seenAt = this.options.now();
    const peers = await this.discover(soughtTags([{ key, owner: { kind: 'invite' } }], seenAt));
    return peers.map((p) => ({ host: p.host, port: p.port, spaces: [], seenAt }));
  }

  connect(address: Address): Promise<{ connectionId: string }> {
    return this.api.net.connect({ host: address.host, port: address.port });
  }

  /** Joins or leaves the space's Hyperswarm topics. Throws AppError('net-failed' | 'not-allowed'). */
  async setInternet(space: SpaceId, on: boolean): Promise<void> {
    await this.internet.set(space, on);
    this.part.update(({ internet }) => ({
      internet: on ? [...new Set([...internet, space])] : internet.filter((x) => x !== space),
    }));
  }

  /** The Hyperswarm topics joined for `space` now (hex). */
  internetTopics(space: SpaceId): string[] {
    return this.internet.topics(space);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.discovery.stop();
    void this.stopListening();
    for (const followed of this.followed.values()) followed.stop();
    this.followed.clear();
    this.internet.close();
  }
}

function spaceOf(owner: TagOwner | undefined): SpaceId[] {
  return owner?.kind === 'space' ? [owner.space] : [];
}
