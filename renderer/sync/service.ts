/**
 * The renderer's sync service: one SyncPeer per unlocked vault, fed by every
 * connection the platform hands over (LAN listener, dialled addresses,
 * Hyperswarm topics). What the sharing screens show is one store, written in
 * parts, each by its one owner (ARCHITECTURE.md "Sync in the renderer"):
 * sessions (./sessions.ts), confirmations (./confirmations.ts), arrivals
 * (./arrivals.ts), unsent changes (./unsent.ts), network (./network.ts), invites (./invites.ts), and the
 * sharing files, and the newest background failure from the problem stream, here. When to advertise is
 * decided by ./advertising.ts alone. This class wires the parts' events.
 */
import type { SpaceId } from '../../shared/crypto';
import type { SealedRosterApi, Unsubscribe } from '../../shared/ipc/api';
import type { OpenedFile } from '../../shared/ipc/contract';
import { SyncClosedError } from '../../shared/sync/close';
import { ProblemLog, removalOf, type Problem } from '../../shared/sync/problems';
import type { Rejection } from '../../shared/sync/replication';
import { listInvites, normalizeInviteCode, type Invite } from '../../shared/sync/invite';
import { SyncPeer, type SyncPeerOptions } from '../../shared/sync/peer';
import type { BundlePreview } from '../../shared/sync/bundle';
import type { Role } from '../../shared/space';
import type { SpaceHandle, Vault } from '../../shared/vault';
import { Emitter } from '../../shared/util/emitter';
import type { IncomingConnection } from '../platform/connections';
import { Advertising } from './advertising';
import { Arrivals } from './arrivals';
import { Confirmations } from './confirmations';
import { readSharingFile, type OpenedSharingFile } from './files';
import { OpenInvites } from './invites';
import { Network, type Address } from './network';
import { readSaved, writeSaved } from './saved';
import { Sessions } from './sessions';
import { INITIAL_STATE, type NearbyPeer, type SyncFailure, type SyncState } from './state';
import { Store, type Part, type ReadonlyStore } from './store';
import { Unsent } from './unsent';

export interface SyncServiceOptions {
  readonly vault: Vault;
  /** The platform API, its failures already AppErrors (renderer/platform `withAppErrors`); null in a plain browser tab. */
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
}

/** How long acknowledgements wait to be saved (./unsent.ts); one lost at a lock only makes the count higher until the next sync. */
const SAVE_ACKNOWLEDGED_MS = 1000;

export class SyncService {
  private readonly state = new Store<SyncState>(INITIAL_STATE);
  /** What the sharing screens show; each part is written by its owner only (`ownerOf`). */
  readonly store: ReadonlyStore<SyncState> = this.state;
  /** What went wrong since unlock, for the notices panel and the Today screen (renderer/app/problems.ts). */
  readonly problems: ProblemLog;
  /** Spaces whose removal of this device is already in `problems`. */
  private readonly toldRemoved = new Set<SpaceId>();
  private readonly stopProblems: Unsubscribe[];
  readonly network: Network;
  private readonly sessions: Sessions;
  private readonly confirmations: Confirmations;
  private readonly arrivals: Arrivals;
  private readonly unsent: Unsent;
  /** countUnsent() was called: once is enough, the count then follows every space. */
  private unsentAsked = false;
  /** A save is running; `saveAgain`: another was asked for meanwhile (one more follows). */
  private saving: Promise<void> | undefined;
  private saveAgain = false;
  /** A save after acknowledgements, soon: live edits are acknowledged one by one, and one write covers a burst. */
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly invites: OpenInvites;
  /** Decides, alone, when to advertise again (./advertising.ts). */
  private readonly advertising: Advertising;
  /** A space was joined (invite or bundle). */
  private readonly spaceJoined = new Emitter<[SpaceId]>();
  /** The sharing files: a bundle waiting for a yes, the last one opened, why one could not be used. */
  private readonly files: Part<SyncState, 'pendingBundle' | 'opened' | 'fileProblem'>;
  private readonly background: Part<SyncState, 'problem'>;
  /** A bundle read and checked, waiting for the person to say yes (nothing stored yet). */
  private pendingBundle: BundlePreview | undefined;
  private readonly peer: SyncPeer;
  private readonly stopConnections: Unsubscribe;
  private closed = false;

  private constructor(private readonly options: SyncServiceOptions) {
    this.problems = new ProblemLog(this.now);
    for (const problem of options.vault.problems) this.problems.add({ kind: 'store', problem });
    this.files = this.state.claim('files', ['pendingBundle', 'opened', 'fileProblem']);
    this.background = this.state.claim('problems', ['problem']);
    this.stopProblems = [
      options.vault.onProblem((problem) => this.problems.add({ kind: 'store', problem })),
      this.problems.subscribe(() => this.background.set({ problem: newestSyncFailure(this.problems.get()) })),
    ];
    this.confirmations = new Confirmations(this.state);
    this.arrivals = new Arrivals(this.state, options.vault, this.report);
    // What each device holds (shared/vault/peer-holdings.ts: compaction and the count read it) is saved when it changes.
    this.unsent = new Unsent({ store: this.state, vault: options.vault, onAcknowledged: () => this.saveSoon() });
    const rotation = options.peer?.rotation;
    this.peer = new SyncPeer({
      vault: options.vault,
      ...options.peer,
      rotation:
        rotation === false
          ? false
          : { ...rotation, onRotated: (space, error) => this.problems.rotated(space as SpaceId, error) },
      onRejected: (rejection) => this.onRejected(rejection),
      replication: {
        onPeerHeads: (space, heads) => void this.arrivals.peerHeads(space, heads),
        onStoring: () => this.sessions.follow(),
      },
      confirmInvitee: (request) => this.confirmations.ask(request),
      confirmSpace: (offer) => this.confirmations.askToJoin(offer),
      onJoined: (space) => {
        this.confirmations.joined(space);
        this.joinedSpace(space);
      },
    });
    this.network = new Network({
      vault: options.vault,
      api: options.api,
      store: this.state,
      report: this.report,
      now: this.now,
      discoverEveryMs: options.discoverEveryMs,
      discoverTimeoutMs: options.discoverTimeoutMs,
      port: options.port,
      onPort: () => void this.save(),
      dial: (address) => this.sessions.dial(address),
      isConnectedTo: (address) => this.sessions.isConnectedTo(address),
      beforeLooking: () => this.advertising.request(),
    });
    this.sessions = new Sessions({
      store: this.state,
      peer: this.peer,
      me: options.vault.device.id,
      now: this.now,
      connect: (address) => this.network.connect(address),
      onSynced: () => void this.save(),
    });
    this.invites = new OpenInvites({ vault: options.vault, store: this.state, now: this.now, report: this.report });
    this.advertising = new Advertising({
      advertise: () => this.network.advertise(),
      report: this.report,
      now: this.now,
    });
    this.wire();
    this.stopConnections = options.onConnection((c) => this.sessions.incoming(c));
  }

  /** How the parts' events reach each other (the advertising's causes are all here). */
  private wire(): void {
    this.advertising.follow(this.invites.changed.on);
    this.advertising.follow(this.network.accessChanged.on);
    this.advertising.follow(this.spaceJoined.on);
    this.sessions.ready.on(({ spaces }) => {
      for (const space of spaces) {
        void this.arrivals.watch(space);
        void this.unsent.follow(space);
      }
    });
    this.sessions.ended.on(({ end, peer, invite }) => {
      this.problems.sessionEnded(end, peer);
      if (peer) this.confirmations.dropFor(peer);
      if (invite !== undefined) this.confirmations.inviteEnded(new SyncClosedError(end.reason, end.by));
    });
    this.confirmations.answered.on(({ space, device }) => void this.invites.answered(space, device).catch(this.report));
    this.arrivals.spaceChanged.on((handle, arrived) => {
      this.noteRemoval(handle, arrived);
      if (arrived) this.sessions.refreshStats();
    });
  }

  /** Starts syncing for an unlocked vault: listens on the LAN, rejoins internet topics, looks around. */
  static async start(options: SyncServiceOptions): Promise<SyncService> {
    const saved = await readSaved(options.vault);
    const service = new SyncService({ ...options, port: options.port ?? saved.port });
    service.sessions.restore(saved.lastSynced);
    service.unsent.restore(saved.acknowledged);
    options.vault.holdings.restore(saved.holdings);
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
    // Started after the first listing of invites, so that listing does not advertise a second time.
    service.advertising.start();
    if (options.api) await service.advertising.request().catch(service.report);
    await service.network.start(saved.internet);
    return service;
  }

  get vault(): Vault {
    return this.options.vault;
  }

  private now = (): number => (this.options.now ?? Date.now)();

  /** Background failures go to the problem stream; the store's `problem` follows it. */
  private report = (problem: unknown): void => this.problems.syncFailed(problem);
  private reportFile = (fileProblem: unknown): void => this.files.set({ fileProblem });

  /** The person read why a file the OS opened could not be used. */
  clearFileProblem(): void {
    this.files.set({ fileProblem: null });
  }

  private saveSoon(): void {
    if (this.saveTimer !== undefined || this.closed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_ACKNOWLEDGED_MS);
  }

  /** Saves what is remembered between unlocks (./saved.ts); asks while one runs fold into one more. */
  private save(): Promise<void> {
    if (this.saving) {
      this.saveAgain = true;
      return this.saving;
    }
    const run = async (): Promise<void> => {
      do {
        this.saveAgain = false;
        const { lastSynced, internet } = this.store.get();
        const port = this.network.listeningPort;
        const saved = {
          lastSynced,
          internet: [...internet],
          acknowledged: this.unsent.held(),
          holdings: this.vault.holdings.save(),
        };
        await writeSaved(this.vault, { ...saved, ...(port !== undefined && { port }) }).catch(
          this.report, // a full disk is worth telling
        );
      } while (this.saveAgain);
    };
    this.saving = run().finally(() => (this.saving = undefined));
    return this.saving;
  }

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

  // ------------------------------------------------------------ network

  /**
   * Counts this device's unsent changes in every space, from now on: the sync panel asks when it is
   * shown. Counting opens each space, so it is not done at unlock (./unsent.ts).
   */
  countUnsent(): void {
    if (this.unsentAsked) return;
    this.unsentAsked = true;
    void this.unsent.start().catch(this.report);
  }

  /** Advertises the current spaces and invites (after a space was created elsewhere in the app). */
  refresh(): Promise<void> {
    void this.unsent.refresh().catch(this.report); // a new space's changes are counted too
    return this.advertising.request().catch(this.report);
  }

  /** Looks for members' devices on the LAN and syncs with each new one. */
  lookNearby(): Promise<NearbyPeer[]> {
    return this.network.lookNearby();
  }

  /** "Connect by address": dials host:port; the session shows up in the store. */
  connectTo(address: Address): Promise<void> {
    return this.sessions.dial(address);
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
    await this.advertising.idle(); // the new invite's tag is answered to when this returns
    return invite;
  }

  listInvites(): Promise<Invite[]> {
    return listInvites(this.vault, this.now());
  }

  async cancelInvite(id: string): Promise<void> {
    await this.invites.cancel(id);
    await this.advertising.idle();
  }

  /** Admin: the person compared the safety number (confirmed) or not (refused). */
  answer(confirmationId: string, confirmed: boolean): void {
    this.confirmations.answer(confirmationId, confirmed);
  }

  /**
   * Invitee: dials the admin's device and proves the code. Throws
   * AppError('invite-invalid') for a mistyped code, ('net-failed') when
   * the address cannot be reached.
   */
  async acceptInvite(code: string, address: Address): Promise<void> {
    normalizeInviteCode(code);
    this.confirmations.connecting();
    try {
      await this.sessions.dial(address, code);
    } catch (error) {
      this.confirmations.failed(error);
      throw error;
    }
  }

  /** Invitee: the person said yes to the space (the numbers match) or no. */
  answerSpace(join: boolean): void {
    this.confirmations.answerSpace(join);
  }

  /** Invitee: admins nearby advertising this invite. */
  findInviter(code: string): Promise<NearbyPeer[]> {
    return this.network.findInviter(code);
  }

  clearAcceptance(): void {
    this.confirmations.clear();
  }

  private joinedSpace(space: SpaceId): void {
    void this.arrivals.watch(space);
    void this.unsent.follow(space);
    this.spaceJoined.emit(space);
  }

  /** Tells `listener` each time a space was joined (invite or bundle): the shell refreshes its list. */
  onSpaceJoined(listener: (space: SpaceId) => void): Unsubscribe {
    return this.spaceJoined.on(listener);
  }

  // ------------------------------------------------------------ files

  /**
   * A card or bundle file (from a dialog or opened by the OS). A card is shown; a bundle is read
   * and checked, then waits in `pendingBundle` for the person's yes (`answerBundle`): nothing is
   * imported or joined before. Throws AppError('bad-bundle' | 'bad-device-card' | 'not-allowed').
   */
  async openFile(file: OpenedFile): Promise<void> {
    const read = await readSharingFile(this.vault, file);
    if (read.kind === 'card') return this.files.set({ opened: read });
    this.pendingBundle = read.preview;
    const { space, spaceName, from, safetyNumber, joins, entries } = read.preview;
    this.files.set({ pendingBundle: { space, spaceName, from: from.id, safetyNumber, joins, entries } });
  }

  /** The person said yes to the pending bundle (import it, joining its space if new) or no (drop it). */
  async answerBundle(importIt: boolean): Promise<OpenedSharingFile | null> {
    const preview = this.pendingBundle;
    this.pendingBundle = undefined;
    this.files.set({ pendingBundle: null });
    if (!importIt || !preview) return null;
    const bundle = await preview.import();
    this.sessions.touch(bundle.from);
    if (bundle.joined) this.joinedSpace(bundle.space);
    else this.noteRemoval(await this.vault.openSpace(bundle.space), true); // the bundle may bring this device's removal
    const opened: OpenedSharingFile = { kind: 'bundle', bundle, spaceName: preview.spaceName };
    this.files.set({ opened });
    return opened;
  }

  /** Shows the open dialog for a card or bundle file; false when the person cancelled. */
  async chooseFile(): Promise<boolean> {
    if (!this.options.api) return false;
    const file = await this.options.api.dialog.openBundle();
    if (file) await this.openFile(file);
    return file !== null;
  }

  /** Ends every session and stops listening (before the vault locks). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopConnections();
    this.sessions.close();
    for (const stop of this.stopProblems) stop();
    this.invites.close();
    this.confirmations.close();
    this.pendingBundle = undefined;
    this.peer.close();
    this.arrivals.close();
    this.unsent.close();
    clearTimeout(this.saveTimer);
    void this.advertising.stop();
    this.spaceJoined.clear();
    this.network.close();
  }
}

/** The owner of each part of the sync state (ARCHITECTURE.md "Sync in the renderer"). */
export const STATE_OWNERS: Readonly<Record<keyof SyncState, string>> = {
  sessions: 'sessions',
  lastSynced: 'sessions',
  unsent: 'unsent',
  unsentCounted: 'unsent',
  confirmations: 'confirmations',
  acceptance: 'confirmations',
  arrivals: 'arrivals',
  networking: 'network',
  listening: 'network',
  nearby: 'network',
  searching: 'network',
  internet: 'network',
  invites: 'invites',
  pendingBundle: 'files',
  opened: 'files',
  fileProblem: 'files',
  problem: 'problems',
};

function newestSyncFailure(problems: readonly Problem[]): SyncFailure | null {
  for (let i = problems.length - 1; i >= 0; i--) {
    const problem = problems[i]!;
    if (problem.kind === 'sync-failed') return problem;
  }
  return null;
}
