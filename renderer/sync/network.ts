/**
 * The sync service's network side, over the platform API (main opens the
 * sockets; the renderer only derives tags and topics):
 * - LAN: one listener advertising this hour's tag of every space (and of
 *   every open invite), replaced at each hour and when spaces or invites change;
 *   discovery of peers advertising our tags, then a dial to each new address;
 * - internet: a Hyperswarm topic per space, joined when the person asks.
 * Both follow the space's key epochs (./discovery-keys.ts): when a rotation
 * is stored, the new tag is advertised and the joined topic is swapped for
 * the new epoch's.
 */
import type { SpaceId } from '../../shared/crypto';
import { AppError } from '../../shared/errors';
import type { SealedRosterApi } from '../../shared/ipc/api';
import { LIMITS, type LanAddress } from '../../shared/ipc/contract';
import { appErrorFromIpc } from '../../shared/ipc/result';
import { HOUR_MS } from '../../shared/sync/discovery';
import { listInvites } from '../../shared/sync/invite';
import { timers } from '../../shared/timers';
import type { SpaceHandle, Vault } from '../../shared/vault';
import { toHex } from '../../shared/sync/bytes';
import {
  advertisedTags,
  inviteDiscoveryKey,
  soughtSpaceKeys,
  soughtTags,
  spaceDiscoveryKey,
  topicOf,
  type KeyedOwner,
  type TagOwner,
} from './discovery-keys';
import type { NearbyPeer, SyncState } from './state';
import type { Store } from './store';

export interface Address {
  readonly host: string;
  readonly port: number;
}

export interface NetworkOptions {
  readonly vault: Vault;
  readonly api: SealedRosterApi | null;
  readonly store: Store<SyncState>;
  readonly now: () => number;
  readonly discoverEveryMs?: number;
  readonly discoverTimeoutMs?: number;
  dial(address: Address): Promise<void>;
  isConnectedTo(address: string): boolean;
}

const DEFAULT_DISCOVER_EVERY_MS = 60_000;
const DEFAULT_DISCOVER_TIMEOUT_MS = 2_000;

/** Calls through the platform API come back as AppErrors with their stable code. */
async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw appErrorFromIpc(e);
  }
}

export class Network {
  private listener: { listenerId: string; port: number; tags: string } | undefined;
  /** Listener changes run one after another. */
  private listening: Promise<void> = Promise.resolve();
  private hourly: unknown;
  private periodic: unknown;
  private closed = false;
  /** Joined Hyperswarm topics by space (kept to leave them after the vault locked, or after a rotation). */
  private readonly topics = new Map<SpaceId, string>();
  /** Topic joins and leaves run one after another. */
  private topicWork: Promise<void> = Promise.resolve();
  /** Spaces whose stored entries we follow, with the discovery key (hex) last advertised for each. */
  private readonly followed = new Map<
    SpaceId,
    { handle: SpaceHandle; key: string | undefined; access: string; stop: () => void }
  >();

  constructor(private readonly options: NetworkOptions) {}

  private get api(): SealedRosterApi {
    if (!this.options.api) throw new AppError('net-failed', 'networking is not available in this window');
    return this.options.api;
  }

  private report = (problem: unknown): void => this.options.store.update((s) => ({ ...s, problem }));

  async start(internet: readonly SpaceId[]): Promise<void> {
    if (!this.options.api) return;
    await this.relisten().catch(this.report);
    for (const space of internet) await this.setInternet(space, true).catch(this.report);
    this.scheduleHour();
    const every = this.options.discoverEveryMs ?? DEFAULT_DISCOVER_EVERY_MS;
    if (every > 0) this.periodic = timers.setTimeout(() => this.discoverPeriodically(every), 0);
  }

  private discoverPeriodically(every: number): void {
    if (this.closed) return;
    // Spaces may have been created since: advertise their tags too, then look around.
    void this.relisten()
      .then(() => this.lookNearby())
      .catch(this.report);
    this.periodic = timers.setTimeout(() => this.discoverPeriodically(every), every);
  }

  /** Tags change every hour: advertise the new one just after the boundary. */
  private scheduleHour(): void {
    const now = this.options.now();
    const next = (Math.floor(now / HOUR_MS) + 1) * HOUR_MS + 1000;
    this.hourly = timers.setTimeout(() => {
      if (this.closed) return;
      void this.relisten().catch(this.report);
      this.scheduleHour();
    }, next - now);
  }

  /**
   * Discovery keys of our spaces: to advertise (with our open invites' keys)
   * or to look for (the previous epoch's too). Keys sought for the previous
   * epoch come after every space's current one, so the request limit drops
   * them first.
   */
  private async keys(purpose: 'advertise' | 'seek'): Promise<KeyedOwner[]> {
    const { vault } = this.options;
    const me = vault.deviceIdentity();
    const out: KeyedOwner[] = [];
    const older: KeyedOwner[] = [];
    for (const { id } of await vault.listSpaces()) {
      const handle = await vault.openSpace(id).catch(() => undefined);
      if (!handle) continue;
      this.follow(handle);
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
   * Re-advertises and re-checks the joined topic as soon as a space's
   * discovery key changes (a rotation was stored: made here or arrived).
   */
  private follow(handle: SpaceHandle): void {
    if (this.closed || this.followed.get(handle.id)?.handle === handle) return;
    this.followed.get(handle.id)?.stop(); // a handle closed and opened again
    const keyHex = (): string | undefined => {
      const key = spaceDiscoveryKey(handle, this.options.vault.deviceIdentity());
      return key && toHex(key);
    };
    // The key can only change with the access log: every local edit fires onChange, so compare its heads first.
    const accessMark = () =>
      handle.access
        .heads()
        .map((h) => `${h.author}:${h.seq}`)
        .join(',');
    const followed = { handle, key: keyHex(), access: accessMark(), stop: () => {} };
    followed.stop = handle.onChange(() => {
      const access = accessMark();
      if (access === followed.access) return;
      followed.access = access;
      const key = keyHex();
      if (key === followed.key) return;
      followed.key = key;
      void this.relisten().catch(this.report);
    });
    this.followed.set(handle.id, followed);
  }

  /**
   * Advertises the current tags (a new listener when they changed; the old
   * one closes after), and moves joined topics to their space's current epoch.
   */
  relisten(): Promise<void> {
    const topics = this.followTopics();
    const run = this.listening.then(async () => {
      if (this.closed || !this.options.api) return;
      const tags = advertisedTags(await this.keys('advertise'), this.options.now()).slice(0, LIMITS.tagsPerRequest);
      const joined = tags.join(',');
      if (this.listener?.tags === joined) return;
      const old = this.listener;
      this.listener = undefined;
      if (tags.length > 0) {
        const opened = await call(() => this.api.net.listen({ tags }));
        this.listener = { ...opened, tags: joined };
      }
      const port = this.listener?.port;
      // Asked again with each listener: the machine may have moved to another network since.
      const addresses = port === undefined ? [] : await this.addresses();
      this.options.store.update((s) => ({ ...s, listening: port === undefined ? null : { port, addresses } }));
      if (old) await call(() => this.api.net.close({ listenerId: old.listenerId })).catch(() => undefined);
      if (this.closed) this.stopListening();
    });
    this.listening = run.catch(() => undefined);
    return Promise.all([run, topics]).then(() => undefined);
  }

  /** This machine's LAN addresses; none when main cannot tell (the port alone is still shown). */
  private async addresses(): Promise<LanAddress[]> {
    return call(() => this.api.net.addresses()).then(
      (r) => r.addresses,
      () => [],
    );
  }

  private stopListening(): void {
    const listener = this.listener;
    this.listener = undefined;
    if (listener) void this.options.api?.net.close({ listenerId: listener.listenerId }).catch(() => undefined);
  }

  private async discover(
    tags: Map<string, unknown>,
  ): Promise<{ host: string; port: number; tags: readonly string[] }[]> {
    if (tags.size === 0) return [];
    const sought = [...tags.keys()].slice(0, LIMITS.tagsPerRequest);
    const timeoutMs = this.options.discoverTimeoutMs ?? DEFAULT_DISCOVER_TIMEOUT_MS;
    const { peers } = await call(() => this.api.net.discover({ tags: sought, timeoutMs }));
    // Our own advertisement answers too.
    return peers.filter((p) => p.port !== this.listener?.port);
  }

  /** Looks for members' devices nearby and dials each new one (`dial: false`: only list them). */
  async lookNearby(dial = true): Promise<NearbyPeer[]> {
    if (!this.options.api) return [];
    this.options.store.update((s) => ({ ...s, searching: true }));
    try {
      const sought = soughtTags(await this.keys('seek'), this.options.now());
      const seenAt = this.options.now();
      const found: NearbyPeer[] = (await this.discover(sought)).map((p) => ({
        host: p.host,
        port: p.port,
        spaces: [...new Set(p.tags.flatMap((t) => spaceOf(sought.get(t))))],
        seenAt,
      }));
      this.options.store.update((s) => {
        const key = (p: NearbyPeer): string => `${p.host}:${p.port}`;
        const fresh = new Set(found.map(key));
        return { ...s, nearby: [...s.nearby.filter((p) => !fresh.has(key(p))), ...found] };
      });
      if (dial) {
        for (const p of found) {
          if (!this.options.isConnectedTo(`${p.host}:${p.port}`)) await this.options.dial(p).catch(this.report);
        }
      }
      return found;
    } finally {
      this.options.store.update((s) => ({ ...s, searching: false }));
    }
  }

  /** Invitee: admins' devices nearby advertising this invite code. Throws AppError('invite-invalid'). */
  async findInviter(code: string): Promise<NearbyPeer[]> {
    const key = inviteDiscoveryKey(code);
    const seenAt = this.options.now();
    const peers = await this.discover(soughtTags([{ key, owner: { kind: 'invite' } }], seenAt));
    return peers.map((p) => ({ host: p.host, port: p.port, spaces: [], seenAt }));
  }

  connect(address: Address): Promise<{ connectionId: string }> {
    return call(() => this.api.net.connect({ host: address.host, port: address.port }));
  }

  private serialTopics(work: () => Promise<void>): Promise<void> {
    const run = this.topicWork.then(work);
    this.topicWork = run.catch(() => undefined);
    return run;
  }

  /** The topic of the space's current epoch (as far as this device holds its keys). */
  private async currentTopic(space: SpaceId): Promise<string | undefined> {
    const { vault } = this.options;
    const handle = await vault.openSpace(space);
    this.follow(handle);
    const key = spaceDiscoveryKey(handle, vault.deviceIdentity());
    return key && topicOf(key);
  }

  /** Joins `topic` for `space`, then leaves the one joined before (a rotation moved the space). */
  private async joinTopic(space: SpaceId, topic: string): Promise<void> {
    const before = this.topics.get(space);
    await call(() => this.api.net.joinTopic({ topic }));
    if (this.closed) {
      // close() left what was joined when it ran; this join finished after.
      await call(() => this.api.net.leaveTopic({ topic })).catch(() => undefined);
      return;
    }
    this.topics.set(space, topic);
    // Joined first, so the space is never off the DHT. A failed leave is reported (main leaves all at lock).
    if (before !== undefined && before !== topic) {
      await call(() => this.api.net.leaveTopic({ topic: before })).catch(this.report);
    }
  }

  /** After a rotation: joins each space's new topic and leaves the old one. Problems are reported. */
  private followTopics(): Promise<void> {
    if (this.topics.size === 0) return Promise.resolve();
    return this.serialTopics(async () => {
      for (const [space, joined] of [...this.topics]) {
        if (this.closed || !this.options.api) return;
        const topic = await this.currentTopic(space).catch(() => undefined);
        if (topic !== undefined && topic !== joined) await this.joinTopic(space, topic).catch(this.report);
      }
    });
  }

  /** Joins or leaves the space's Hyperswarm topic. Throws AppError('net-failed' | 'not-allowed'). */
  async setInternet(space: SpaceId, on: boolean): Promise<void> {
    await this.serialTopics(async () => {
      if (on) {
        const topic = await this.currentTopic(space);
        if (topic === undefined) throw new AppError('not-allowed', 'this device holds no key of that space yet');
        await this.joinTopic(space, topic);
        return;
      }
      // The topic joined, which may be an older epoch's than the current one.
      const topic = this.topics.get(space) ?? (await this.currentTopic(space));
      if (topic !== undefined) await call(() => this.api.net.leaveTopic({ topic }));
      this.topics.delete(space);
    });
    this.options.store.update((s) => ({
      ...s,
      internet: on ? [...new Set([...s.internet, space])] : s.internet.filter((x) => x !== space),
    }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    timers.clearTimeout(this.hourly);
    timers.clearTimeout(this.periodic);
    this.stopListening();
    for (const followed of this.followed.values()) followed.stop();
    this.followed.clear();
    // Leave the topics (the saved choice stays: they are joined again at the next unlock).
    for (const topic of this.topics.values()) void this.options.api?.net.leaveTopic({ topic }).catch(() => undefined);
    this.topics.clear();
  }
}

function spaceOf(owner: TagOwner | undefined): SpaceId[] {
  return owner?.kind === 'space' ? [owner.space] : [];
}
