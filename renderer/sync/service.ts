/**
 * The renderer's sync service: one SyncPeer per unlocked vault, fed by every
 * connection the platform hands over (LAN listener, dialled addresses,
 * Hyperswarm topics). It keeps what the sharing screens show in one store:
 * sessions, peers nearby, last sync per device, pending confirmations, the
 * invitee's progress, arriving spaces. Networking lives in ./network.ts.
 */
import { randomId, type DeviceId, type SpaceId } from '../../shared/crypto';
import type { SealedRosterApi, Unsubscribe } from '../../shared/ipc/api';
import type { OpenedFile } from '../../shared/ipc/contract';
import { appErrorFromIpc } from '../../shared/ipc/result';
import { SyncClosedError } from '../../shared/sync/close';
import { ProblemLog, removalOf } from '../../shared/sync/problems';
import type { Rejection } from '../../shared/sync/replication';
import { listInvites, normalizeInviteCode, type Invite } from '../../shared/sync/invite';
import {
  SyncPeer,
  type InviteeRequest,
  type PeerConnection,
  type SpaceOffer,
  type SyncPeerOptions,
} from '../../shared/sync/peer';
import type { BundlePreview } from '../../shared/sync/bundle';
import type { SessionRole } from '../../shared/sync/handshake';
import type { Role } from '../../shared/space';
import type { SpaceHandle, Vault } from '../../shared/vault';
import { portChannel, type IncomingConnection } from '../platform/connections';
import { readSharingFile, type OpenedSharingFile } from './files';
import { OpenInvites } from './invites';
import { Network, type Address } from './network';
import { ArrivalTracker } from './progress';
import { readSaved, writeSaved } from './saved';
import { INITIAL_STATE, type NearbyPeer, type SessionView, type SyncState } from './state';
import { Store } from './store';

export interface SyncServiceOptions {
  readonly vault: Vault;
  /** The preload API (or the browser host's client); null in a plain browser tab. */
  readonly api: SealedRosterApi | null;
  /** Connection ports announced to this page (renderer/platform onConnection). */
  readonly onConnection: (listener: (connection: IncomingConnection) => void) => Unsubscribe;
  readonly now?: () => number;
  /** Look for peers nearby this often; 0: only when asked. Default 60 s. */
  readonly discoverEveryMs?: number;
  readonly discoverTimeoutMs?: number;
  readonly peer?: Pick<SyncPeerOptions, 'rotation' | 'handshakeTimeoutMs'>;
  /** The LAN port listened on at the last unlock (saved in the vault; `start` reads it). */
  readonly port?: number;
  /** A space was joined (invite or bundle): the shell refreshes its list. */
  onSpacesChanged?(space: SpaceId): void;
}

/** Ended sessions kept on screen (most recent). */
const KEEP_ENDED = 10;

export class SyncService {
  readonly store = new Store<SyncState>(INITIAL_STATE);
  /** What went wrong since unlock, for the notices panel and the Today screen (renderer/app/problems.ts). */
  readonly problems: ProblemLog;
  /** Spaces whose removal of this device is already in `problems`. */
  private readonly toldRemoved = new Set<SpaceId>();
  private readonly stopProblems: Unsubscribe;
  readonly network: Network;
  private readonly invites: OpenInvites;
  private readonly peer: SyncPeer;
  private readonly connections = new Map<string, PeerConnection>();
  /** Outbound connections we dialled: what to do with each once its port arrives. */
  private readonly intents = new Map<string, { address: string; invite?: string }>();
  /** Ports that arrived before `net:connect` answered with their id. */
  private readonly early = new Map<string, IncomingConnection>();
  private readonly answers = new Map<string, (confirmed: boolean) => void>();
  /** Invitee: the person's answer to the space the admin's device proved the code for. */
  private spaceAnswer: ((join: boolean) => void) | undefined;
  /** A bundle read and checked, waiting for the person to say yes (nothing stored yet). */
  private pendingBundle: BundlePreview | undefined;
  private readonly trackers = new Map<SpaceId, ArrivalTracker>();
  private readonly watched = new Map<SpaceId, Unsubscribe>();
  private readonly stopConnections: Unsubscribe;
  private closed = false;

  private constructor(private readonly options: SyncServiceOptions) {
    this.problems = new ProblemLog(this.now);
    for (const problem of options.vault.problems) this.problems.add({ kind: 'store', problem });
    this.stopProblems = options.vault.onProblem((problem) => this.problems.add({ kind: 'store', problem }));
    const rotation = options.peer?.rotation;
    this.peer = new SyncPeer({
      vault: options.vault,
      ...options.peer,
      rotation:
        rotation === false
          ? false
          : { ...rotation, onRotated: (space, error) => this.problems.rotated(space as SpaceId, error) },
      onRejected: (rejection) => this.onRejected(rejection),
      replication: { onPeerHeads: (space, heads) => void this.onPeerHeads(space, heads) },
      confirmInvitee: (request) => this.askToConfirm(request),
      confirmSpace: (offer) => this.askToJoin(offer),
      onJoined: (space) => this.onJoined(space),
    });
    this.network = new Network({
      vault: options.vault,
      api: options.api,
      store: this.store,
      now: this.now,
      discoverEveryMs: options.discoverEveryMs,
      discoverTimeoutMs: options.discoverTimeoutMs,
      port: options.port,
      onPort: () => void this.save(),
      dial: (address) => this.dial(address),
      isConnectedTo: (address) => this.liveSessions().some((s) => s.address === address),
    });
    this.invites = new OpenInvites({
      vault: options.vault,
      store: this.store,
      now: this.now,
      onChange: () => void this.network.relisten().catch(this.report),
    });
    this.stopConnections = options.onConnection((c) => this.onIncoming(c));
  }

  /** Starts syncing for an unlocked vault: listens on the LAN, rejoins internet topics, looks around. */
  static async start(options: SyncServiceOptions): Promise<SyncService> {
    const saved = await readSaved(options.vault);
    const service = new SyncService({ ...options, port: options.port ?? saved.port });
    service.store.update((s) => ({ ...s, networking: options.api !== null, lastSynced: saved.lastSynced }));
    if (options.api) {
      // Files the OS opened: a problem is told in the bundle dialog, wherever the person is.
      const fromOs = (file: OpenedFile) => service.openFile(file).catch(service.reportFile);
      options.api.bundle.onOpened((file) => void fromOs(file));
      void options.api.bundle
        .takePending()
        .then((files) => Promise.all(files.map(fromOs)))
        .catch(service.reportFile);
    }
    await service.invites.refresh().catch(service.report);
    await service.network.start(saved.internet);
    return service;
  }

  get vault(): Vault {
    return this.options.vault;
  }

  private now = (): number => (this.options.now ?? Date.now)();

  private report = (problem: unknown): void => this.store.update((s) => ({ ...s, problem }));
  private reportFile = (fileProblem: unknown): void => this.store.update((s) => ({ ...s, fileProblem }));

  /** The person read why a file the OS opened could not be used. */
  clearFileProblem(): void {
    this.store.update((s) => ({ ...s, fileProblem: null }));
  }

  private liveSessions(): SessionView[] {
    return this.store.get().sessions.filter((s) => s.status !== 'ended');
  }

  // ------------------------------------------------------------ connections

  private onIncoming(connection: IncomingConnection): void {
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
  private async dial(address: Address, invite?: string): Promise<void> {
    const { connectionId } = await this.network.connect(address);
    const intent = { address: `${address.host}:${address.port}`, ...(invite !== undefined && { invite }) };
    const early = this.early.get(connectionId);
    if (!early) return void this.intents.set(connectionId, intent);
    this.early.delete(connectionId);
    this.run(early, 'initiator', intent);
  }

  private run(connection: IncomingConnection, role: SessionRole, intent: { address?: string; invite?: string }): void {
    const { meta } = connection;
    const id = meta.connectionId;
    const pc = this.peer.connect(portChannel(connection.port), role, intent.invite ? { invite: intent.invite } : {});
    this.connections.set(id, pc);
    this.putSession({
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
        if (info.peer === this.vault.device.id) return pc.close(); // found ourselves on the LAN
        if (this.duplicateOf(id, info.peer, role)) return pc.close();
        this.patchSession(id, {
          status: 'syncing',
          peer: info.peer,
          safetyNumber: info.safetyNumber,
          spaces: info.spaces,
        });
        this.stats.set(id, replication.stats);
        for (const space of info.spaces) void this.watch(space);
        this.touch(info.peer);
      },
      () => undefined, // `ended` reports why
    );
    void pc.ended.then((end) => {
      this.connections.delete(id);
      this.refreshStats();
      this.patchSession(id, { status: 'ended', end });
      const session = this.store.get().sessions.find((s) => s.id === id);
      this.problems.sessionEnded(end, session?.peer);
      if (session?.peer) {
        this.touch(session.peer);
        this.dropConfirmations(session.peer);
      }
      const acceptance = this.store.get().acceptance;
      if (intent.invite && acceptance && acceptance.status !== 'joined') {
        this.spaceAnswer?.(false); // the question on screen is moot now
        this.spaceAnswer = undefined;
        this.setAcceptance({ status: 'failed', error: new SyncClosedError(end.reason, end.by) });
      }
    });
  }

  private readonly stats = new Map<string, { entriesReceived: number; entriesSent: number }>();

  private onRejected({ space, from, report, authors }: Rejection): void {
    report.rejected.forEach(({ code }, i) => {
      const author = authors[i];
      this.problems.add({ kind: 'rejected', space, from, code, ...(author && { author }) });
    });
    this.problems.forks(space, from, report.forks);
  }

  /**
   * Tells once per unlock that an admin removed this device from a space
   * (the removal `arrived` in a session or a bundle, or was already stored).
   * Returns whether it is removed.
   */
  noteRemoval(handle: Pick<SpaceHandle, 'id' | 'access'>, arrived: boolean): boolean {
    const removal = removalOf(handle.access, this.vault.device.id);
    if (!removal) return false;
    if (!this.toldRemoved.has(handle.id)) {
      this.toldRemoved.add(handle.id);
      this.problems.add({ kind: 'removed', space: handle.id, by: removal.by, arrived });
    }
    return true;
  }

  /**
   * Two sessions with the same device (both sides dialled): both sides keep
   * the one whose initiator has the smaller device id, so they agree.
   */
  private duplicateOf(id: string, peer: DeviceId, role: SessionRole): boolean {
    const me = this.vault.device.id;
    const initiator = (outbound: boolean): string => (outbound ? me : peer);
    const other = this.liveSessions().find((s) => s.id !== id && s.peer === peer && s.status === 'syncing');
    if (!other) return false;
    if (initiator(other.direction === 'outbound') <= initiator(role === 'initiator')) return true;
    this.connections.get(other.id)?.close();
    return false;
  }

  private putSession(view: SessionView): void {
    this.store.update((s) => {
      const ended = s.sessions.filter((x) => x.status === 'ended').slice(-KEEP_ENDED + 1);
      const live = s.sessions.filter((x) => x.status !== 'ended');
      return { ...s, sessions: [...ended, ...live, view] };
    });
  }

  private patchSession(id: string, patch: Partial<SessionView>): void {
    this.store.update((s) => ({
      ...s,
      sessions: s.sessions.map((x) => (x.id === id ? { ...x, ...patch } : x)),
    }));
  }

  /** Entry counts of live sessions; a device that sent or took something has just synced. */
  private refreshStats(): void {
    for (const view of this.store.get().sessions) {
      const stats = this.stats.get(view.id);
      if (!stats) continue;
      const { entriesReceived: received, entriesSent: sent } = stats;
      if (received === view.received && sent === view.sent) continue;
      this.patchSession(view.id, { received, sent });
      if (view.peer) this.touch(view.peer, false);
      if (view.status === 'ended') this.stats.delete(view.id);
    }
  }

  /** Records that `device` synced now (and saves it, unless `save` is false). */
  private touch(device: DeviceId, save = true): void {
    this.store.update((s) => ({ ...s, lastSynced: { ...s.lastSynced, [device]: this.now() } }));
    if (save) void this.save();
  }

  private async save(): Promise<void> {
    const { lastSynced, internet } = this.store.get();
    const port = this.network.listeningPort;
    await writeSaved(this.vault, { lastSynced, internet: [...internet], ...(port !== undefined && { port }) }).catch(
      this.report, // a full disk is worth telling
    );
  }

  // ------------------------------------------------------------ arriving spaces

  /** Follows a space's store: session counts and arrival progress. */
  private async watch(space: SpaceId): Promise<void> {
    if (this.watched.has(space) || this.closed) return;
    const handle = await this.vault.openSpace(space).catch(() => undefined); // a space that cannot open is told by the vault (store problems)
    if (!handle || this.watched.has(space)) return;
    this.noteRemoval(handle, false);
    this.watched.set(
      space,
      handle.onChange(() => {
        this.noteRemoval(handle, true);
        this.refreshStats();
        this.updateArrival(space);
      }),
    );
  }

  private async onPeerHeads(
    space: SpaceId,
    heads: { access: readonly { author: string; seq: number }[]; content: readonly { author: string; seq: number }[] },
  ): Promise<void> {
    const handle = await this.vault.openSpace(space).catch(() => undefined); // as in watch()
    if (!handle) return;
    const tracker = this.trackers.get(space) ?? new ArrivalTracker(space);
    this.trackers.set(space, tracker);
    tracker.announce(heads, handle.heads());
    void this.watch(space);
    this.updateArrival(space);
  }

  private updateArrival(space: SpaceId): void {
    const tracker = this.trackers.get(space);
    if (!tracker) return;
    void this.vault.openSpace(space).then((handle) => {
      const arrival = tracker.progress(handle.heads());
      if (!arrival) this.trackers.delete(space);
      this.store.update((s) => {
        const arrivals = { ...s.arrivals };
        if (arrival) arrivals[space] = arrival;
        else delete arrivals[space];
        return { ...s, arrivals };
      });
    }, this.report);
  }

  /** Advertises the current spaces and invites (after a space was created elsewhere in the app). */
  refresh(): Promise<void> {
    return this.network.relisten().catch(this.report);
  }

  /** Looks for members' devices on the LAN and syncs with each new one. */
  lookNearby(): Promise<NearbyPeer[]> {
    return this.network.lookNearby();
  }

  /** "Connect by address": dials host:port; the session shows up in the store. */
  connectTo(address: Address): Promise<void> {
    return this.dial(address);
  }

  /** "Sync over the internet" for one space: joins (or leaves) its Hyperswarm topic; remembered. */
  async setInternet(space: SpaceId, on: boolean): Promise<void> {
    await this.network.setInternet(space, on);
    await this.save();
  }

  // ------------------------------------------------------------ invites

  /** Admin: a one-time code for `role` in `space`, advertised on the LAN while it is open. */
  async createInvite(space: SpaceId, role: Role, ttlMs: number): Promise<Invite> {
    const invite = await this.invites.create(space, role, ttlMs);
    await this.network.relisten().catch(this.report);
    return invite;
  }

  listInvites(): Promise<Invite[]> {
    return listInvites(this.vault, this.now());
  }

  async cancelInvite(id: string): Promise<void> {
    await this.invites.cancel(id);
    await this.network.relisten().catch(this.report);
  }

  private askToConfirm(request: InviteeRequest): Promise<boolean> {
    const id = randomId();
    const { space, spaceName, device, role, safetyNumber } = request;
    this.store.update((s) => ({
      ...s,
      confirmations: [...s.confirmations, { id, space, spaceName, device: device.id, role, safetyNumber }],
    }));
    return new Promise((resolve) => this.answers.set(id, resolve));
  }

  /** Admin: the person compared the safety number (confirmed) or not (refused). */
  answer(confirmationId: string, confirmed: boolean): void {
    const resolve = this.answers.get(confirmationId);
    this.answers.delete(confirmationId);
    const asked = this.store.get().confirmations.find((c) => c.id === confirmationId);
    if (asked) void this.invites.answered(asked.space, asked.device).catch(this.report);
    this.store.update((s) => ({ ...s, confirmations: s.confirmations.filter((c) => c.id !== confirmationId) }));
    resolve?.(confirmed);
  }

  private dropConfirmations(device: DeviceId): void {
    for (const c of this.store.get().confirmations) if (c.device === device) this.answer(c.id, false);
  }

  /**
   * Invitee: dials the admin's device and proves the code. Throws
   * AppError('invite-invalid') for a mistyped code, ('net-failed') when
   * the address cannot be reached.
   */
  async acceptInvite(code: string, address: Address): Promise<void> {
    normalizeInviteCode(code);
    this.setAcceptance({ status: 'connecting' });
    try {
      await this.dial(address, code);
    } catch (error) {
      this.setAcceptance({ status: 'failed', error });
      throw error;
    }
  }

  /** Invitee: the admin's device proved the code; the person sees the space and the safety number first. */
  private askToJoin(offer: SpaceOffer): Promise<boolean> {
    this.spaceAnswer?.(false);
    this.setAcceptance({ status: 'confirm', offer, safetyNumber: offer.safetyNumber });
    return new Promise((resolve) => (this.spaceAnswer = resolve));
  }

  /** Invitee: the person said yes to the space (the numbers match) or no. */
  answerSpace(join: boolean): void {
    const resolve = this.spaceAnswer;
    this.spaceAnswer = undefined;
    const acceptance = this.store.get().acceptance;
    if (join && acceptance?.status === 'confirm') this.setAcceptance({ ...acceptance, status: 'waiting' });
    resolve?.(join);
  }

  /** Invitee: admins nearby advertising this invite. */
  findInviter(code: string): Promise<NearbyPeer[]> {
    return this.network.findInviter(code);
  }

  clearAcceptance(): void {
    this.setAcceptance(null);
  }

  private setAcceptance(acceptance: SyncState['acceptance']): void {
    this.store.update((s) => ({ ...s, acceptance }));
  }

  private onJoined(space: SpaceId): void {
    this.setAcceptance({ status: 'joined', space });
    this.joinedSpace(space);
  }

  private joinedSpace(space: SpaceId): void {
    void this.watch(space);
    void this.network.relisten().catch(this.report);
    this.store.update((s) => ({ ...s, joined: s.joined + 1 }));
    this.options.onSpacesChanged?.(space);
  }

  // ------------------------------------------------------------ files

  /**
   * A card or bundle file (from a dialog or opened by the OS). A card is shown; a bundle is read
   * and checked, then waits in `pendingBundle` for the person's yes (`answerBundle`): nothing is
   * imported or joined before. Throws AppError('bad-bundle' | 'bad-device-card' | 'not-allowed').
   */
  async openFile(file: OpenedFile): Promise<void> {
    const read = await readSharingFile(this.vault, file);
    if (read.kind === 'card') return this.store.update((s) => ({ ...s, opened: read }));
    this.pendingBundle = read.preview;
    const { space, spaceName, from, safetyNumber, joins, entries } = read.preview;
    this.store.update((s) => ({
      ...s,
      pendingBundle: { space, spaceName, from: from.id, safetyNumber, joins, entries },
    }));
  }

  /** The person said yes to the pending bundle (import it, joining its space if new) or no (drop it). */
  async answerBundle(importIt: boolean): Promise<OpenedSharingFile | null> {
    const preview = this.pendingBundle;
    this.pendingBundle = undefined;
    this.store.update((s) => ({ ...s, pendingBundle: null }));
    if (!importIt || !preview) return null;
    const bundle = await preview.import();
    this.touch(bundle.from);
    if (bundle.joined) this.joinedSpace(bundle.space);
    else this.noteRemoval(await this.vault.openSpace(bundle.space), true); // the bundle may bring this device's removal
    const opened: OpenedSharingFile = { kind: 'bundle', bundle, spaceName: preview.spaceName };
    this.store.update((s) => ({ ...s, opened }));
    return opened;
  }

  /** Shows the open dialog for a card or bundle file; false when the person cancelled. */
  async chooseFile(): Promise<boolean> {
    if (!this.options.api) return false;
    const file = await this.options.api.dialog.openBundle().catch((e: unknown) => {
      throw appErrorFromIpc(e);
    });
    if (file) await this.openFile(file);
    return file !== null;
  }

  /** Ends every session and stops listening (before the vault locks). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopConnections();
    this.stopProblems();
    this.invites.close();
    for (const id of [...this.answers.keys()]) this.answer(id, false);
    this.answerSpace(false);
    this.pendingBundle = undefined;
    this.peer.close();
    for (const stop of this.watched.values()) stop();
    this.watched.clear();
    this.network.close();
  }
}
