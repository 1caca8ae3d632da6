/**
 * The sync service's sessions (ARCHITECTURE.md "Sync in the renderer"): every connection the
 * platform hands over (LAN listener, dialled addresses, Hyperswarm topics) becomes a session of
 * the SyncPeer, shown in the store's `sessions`, and each device it exchanged data with gets its
 * `lastSynced` time. This class alone writes those two keys; it tells `ready` and `ended`.
 */
import type { DeviceId, SpaceId } from '../../shared/crypto';
import type { SessionRole } from '../../shared/sync/handshake';
import type { PeerConnection, SyncPeer } from '../../shared/sync/peer';
import type { ReplicationStats } from '../../shared/sync/replication';
import type { SessionEnd } from '../../shared/sync/session';
import { Emitter } from '../../shared/util/emitter';
import { portChannel, type IncomingConnection } from '../platform/connections';
import type { Address } from './network';
import type { SessionView, SyncState } from './state';
import type { Part, Store } from './store';

/** Ended sessions kept on screen (most recent). */
const KEEP_ENDED = 10;
/** While bytes arrive or wait to be stored, the counts and bytes on screen follow at most this often. */
export const FOLLOW_EVERY_MS = 250;

/** What to do with a connection once it is a session: the address it was dialled on, the invite code to prove. */
interface Intent {
  readonly address?: string;
  readonly invite?: string;
}

export interface SessionsOptions {
  readonly store: Store<SyncState>;
  readonly peer: SyncPeer;
  readonly me: DeviceId;
  readonly now: () => number;
  /** Asks main to dial; the connection's port arrives later through `incoming`. */
  connect(address: Address): Promise<{ connectionId: string }>;
  /** `lastSynced` changed in a way worth saving. */
  onSynced(): void;
}

export class Sessions {
  /** A session passed the handshake: the peer and the spaces it shares with this device. */
  readonly ready = new Emitter<[{ readonly peer: DeviceId; readonly spaces: readonly SpaceId[] }]>();
  /** A session ended (`peer` unset before the handshake; `invite` set when it was to prove one). */
  readonly ended = new Emitter<[{ readonly end: SessionEnd; readonly peer?: DeviceId; readonly invite?: string }]>();
  private readonly part: Part<SyncState, 'sessions' | 'lastSynced'>;
  private readonly connections = new Map<string, PeerConnection>();
  /** Outbound connections we dialled: what to do with each once its port arrives. */
  private readonly intents = new Map<string, Intent>();
  /** Ports that arrived before `net:connect` answered with their id. */
  private readonly early = new Map<string, IncomingConnection>();
  private readonly stats = new Map<
    string,
    Pick<ReplicationStats, 'entriesReceived' | 'entriesSent' | 'bytesStoring'>
  >();
  /** Each syncing session's bytes on their way (its SyncSession's `incoming`). */
  private readonly incomingOf = new Map<string, () => SessionView['incoming']>();
  /** The next look at what is arriving, while something is (`follow`). */
  private followTimer: ReturnType<typeof setTimeout> | undefined;
  private followedAt = -Infinity;
  private closed = false;

  constructor(private readonly options: SessionsOptions) {
    this.part = options.store.claim('sessions', ['sessions', 'lastSynced']);
  }

  /** Restores the times saved at the last lock. */
  restore(lastSynced: Readonly<Record<string, number>>): void {
    this.part.set({ lastSynced });
  }

  live(): SessionView[] {
    return this.part.get().sessions.filter((s) => s.status !== 'ended');
  }

  isConnectedTo(address: string): boolean {
    return this.live().some((s) => s.address === address);
  }

  /** A connection the platform handed over. */
  incoming(connection: IncomingConnection): void {
    const { meta } = connection;
    if (this.closed) return portChannel(connection.port).close();
    if (meta.transport === 'lan' && meta.direction === 'outbound') {
      const intent = this.intents.get(meta.connectionId);
      if (!intent) return void this.early.set(meta.connectionId, connection);
      this.intents.delete(meta.connectionId);
      return this.run(connection, 'initiator', intent);
    }
    const address = meta.remoteHost ? `${meta.remoteHost}:${meta.remotePort ?? ''}` : undefined;
    this.run(connection, meta.direction === 'outbound' ? 'initiator' : 'responder', { address });
  }

  /** Dials an address; the session starts when its port arrives. Throws AppError('net-failed' | ...). */
  async dial(address: Address, invite?: string): Promise<void> {
    const { connectionId } = await this.options.connect(address);
    const intent = { address: `${address.host}:${address.port}`, ...(invite !== undefined && { invite }) };
    const early = this.early.get(connectionId);
    if (!early) return void this.intents.set(connectionId, intent);
    this.early.delete(connectionId);
    this.run(early, 'initiator', intent);
  }

  private run(connection: IncomingConnection, role: SessionRole, intent: Intent): void {
    const { meta } = connection;
    const id = meta.connectionId;
    const pc = this.options.peer.connect(
      portChannel(connection.port),
      role,
      intent.invite ? { invite: intent.invite } : {},
    );
    this.connections.set(id, pc);
    this.put({
      id,
      transport: meta.transport,
      direction: meta.direction,
      ...(intent.address && { address: intent.address }),
      status: 'handshake',
      spaces: [],
      received: 0,
      sent: 0,
    });
    pc.ready.then(
      ({ info, replication }) => {
        if (info.peer === this.options.me) return pc.close(); // found ourselves on the LAN
        if (this.duplicateOf(id, info.peer, role)) return pc.close();
        this.patch(id, { status: 'syncing', peer: info.peer, safetyNumber: info.safetyNumber, spaces: info.spaces });
        this.stats.set(id, replication.stats);
        this.incomingOf.set(id, () => pc.session.incoming);
        pc.session.onBytes(() => this.follow());
        this.ready.emit({ peer: info.peer, spaces: info.spaces });
        this.touch(info.peer);
      },
      () => undefined, // `ended` reports why
    );
    void pc.ended.then((end) => {
      this.connections.delete(id);
      this.incomingOf.delete(id);
      this.refreshStats();
      this.patch(id, { status: 'ended', end });
      const peer = this.part.get().sessions.find((s) => s.id === id)?.peer;
      if (peer) this.touch(peer);
      this.ended.emit({ end, ...(peer && { peer }), ...(intent.invite !== undefined && { invite: intent.invite }) });
    });
  }

  /**
   * Two sessions with the same device (both sides dialled): both sides keep
   * the one whose initiator has the smaller device id, so they agree.
   */
  private duplicateOf(id: string, peer: DeviceId, role: SessionRole): boolean {
    const me = this.options.me;
    const initiator = (outbound: boolean): string => (outbound ? me : peer);
    const other = this.live().find((s) => s.id !== id && s.peer === peer && s.status === 'syncing');
    if (!other) return false;
    if (initiator(other.direction === 'outbound') <= initiator(role === 'initiator')) return true;
    this.connections.get(other.id)?.close();
    return false;
  }

  private put(view: SessionView): void {
    this.part.update(({ sessions }) => {
      const ended = sessions.filter((x) => x.status === 'ended').slice(-KEEP_ENDED + 1);
      const live = sessions.filter((x) => x.status !== 'ended');
      return { sessions: [...ended, ...live, view] };
    });
  }

  private patch(id: string, patch: Partial<SessionView>): void {
    this.part.update(({ sessions }) => ({ sessions: sessions.map((x) => (x.id === id ? { ...x, ...patch } : x)) }));
  }

  /** The whole view of one session (a key it lacks is dropped). */
  private replace(view: SessionView): void {
    this.part.update(({ sessions }) => ({ sessions: sessions.map((x) => (x.id === view.id ? view : x)) }));
  }

  /**
   * Entry counts of live sessions, and the bytes on their way or being stored; a device that sent or
   * took something has just synced.
   */
  refreshStats(): void {
    for (const view of this.part.get().sessions) {
      const stats = this.stats.get(view.id);
      if (!stats) continue;
      const { entriesReceived: received, entriesSent: sent, bytesStoring } = stats;
      const incoming = this.incomingOf.get(view.id)?.();
      const storing = bytesStoring > 0 ? bytesStoring : undefined;
      const sameIncoming = incoming?.received === view.incoming?.received && incoming?.total === view.incoming?.total;
      if (received === view.received && sent === view.sent && storing === view.storing && sameIncoming) continue;
      const { incoming: _incoming, storing: _storing, ...rest } = view;
      this.replace({ ...rest, received, sent, ...(incoming && { incoming }), ...(storing && { storing }) });
      if (view.peer && (received !== view.received || sent !== view.sent)) this.touch(view.peer, false);
      if (view.status === 'ended') this.stats.delete(view.id);
    }
  }

  /**
   * Bytes arrived, or a received message began or ended being stored (`SyncPeerOptions.replication`'s
   * `onStoring`): the counts and bytes on screen follow, at most every FOLLOW_EVERY_MS, and once more
   * after the last of them (the entries of a batch are counted once stored, after their bytes came).
   * Not on a timer alone: while a space is stored a piece per task, the vault's yields run before timers.
   */
  follow(): void {
    if (this.closed) return;
    const now = this.options.now();
    if (now - this.followedAt >= FOLLOW_EVERY_MS) {
      this.followedAt = now;
      this.refreshStats();
    }
    this.followTimer ??= setTimeout(() => {
      this.followTimer = undefined;
      this.followedAt = this.options.now();
      this.refreshStats();
      if (this.arriving()) this.follow();
    }, FOLLOW_EVERY_MS);
  }

  /** Some session has bytes on their way or being stored (read from the sessions, not from the last view). */
  private arriving(): boolean {
    for (const [id, incoming] of this.incomingOf) {
      if (incoming() !== undefined || (this.stats.get(id)?.bytesStoring ?? 0) > 0) return true;
    }
    return false;
  }

  /** Records that `device` synced now (and has it saved, unless `save` is false). */
  touch(device: DeviceId, save = true): void {
    this.part.update(({ lastSynced }) => ({ lastSynced: { ...lastSynced, [device]: this.options.now() } }));
    if (save) this.options.onSynced();
  }

  /** New connections are closed from now on (the SyncPeer ends the running ones). */
  close(): void {
    this.closed = true;
    clearTimeout(this.followTimer);
    this.followTimer = undefined;
  }
}
