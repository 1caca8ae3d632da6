/**
 * This device as a sync peer: runs sessions over byte channels (from any
 * transport) for an unlocked vault, replicates the spaces each session
 * covers, carries the invite flow, and rotates keys when a merge calls for it.
 */
import type { DeviceCard, DeviceId, SpaceId } from '../crypto';
import type { Role } from '../space';
import { AccessAdmin, type SpaceHandle, type Vault } from '../vault';
import type { ByteChannel } from './channel';
import { heldSpaceKeys, soughtSpaceKeys } from './discovery';
import type { SessionRole } from './handshake';
import { cancelInvite, claimedInvite, claimInvite, findInvite, normalizeInviteCode, ProofLimiter } from './invite';
import { startReplication, type Rejection, type Replication, type ReplicationOptions } from './replication';
import { watchRotation, type RotationOptions } from './rotation';
import { startSession, type InviteMatch, type SessionEnd, type SessionInfo, type SyncSession } from './session';

/** What the admin's screen shows before confirming an invitee. */
export interface InviteeRequest {
  readonly space: SpaceId;
  readonly spaceName: string;
  /** The invitee's card, as it proved it in the handshake. */
  readonly device: DeviceCard;
  readonly role: Role;
  /** The same digits appear on the invitee's screen; compare them aloud. */
  readonly safetyNumber: string;
}

/** What the invitee's screen shows before joining: the space the admin's device proved the code for. */
export interface SpaceOffer {
  readonly space: SpaceId;
  readonly spaceName: string;
  readonly role: Role;
  /** The admin's device. */
  readonly admin: DeviceId;
  /** The same digits appear on the admin's screen; compare them aloud. */
  readonly safetyNumber: string;
}

export interface SyncPeerOptions {
  readonly vault: Vault;
  readonly replication?: Pick<
    ReplicationOptions,
    'maxBatchEntries' | 'maxBatchBytes' | 'window' | 'onPeerHeads' | 'onPeerHolds' | 'onStoring'
  >;
  /** Rotation after merges (false: never, for tests of the merge itself). */
  readonly rotation?: RotationOptions | false;
  /** Admin side: resolve true once the person confirmed the safety number. Without it, invitees are refused. */
  confirmInvitee?(request: InviteeRequest): Promise<boolean>;
  /**
   * Invitee side: resolve true once the person saw the space's name and
   * compared the safety number, and wants to join. Without it, nothing is joined.
   */
  confirmSpace?(offer: SpaceOffer): Promise<boolean>;
  /** Invitee side: the admin confirmed and the space is now in the vault. */
  onJoined?(space: SpaceId): void;
  onRejected?(rejection: Rejection): void;
  readonly handshakeTimeoutMs?: number;
  readonly maxFrameBytes?: number;
  readonly now?: () => number;
}

export interface PeerConnection {
  readonly session: SyncSession;
  /** After the handshake: who the peer is (safety number included) and the running replication. */
  readonly ready: Promise<{ readonly info: SessionInfo; readonly replication: Replication }>;
  readonly ended: Promise<SessionEnd>;
  close(): void;
}

export class SyncPeer {
  private readonly sessions = new Set<SyncSession>();
  private readonly watched = new Map<SpaceId, () => void>();
  private readonly now: () => number;
  private readonly wrongProofs: ProofLimiter;

  constructor(private readonly options: SyncPeerOptions) {
    this.now = options.now ?? Date.now;
    this.wrongProofs = new ProofLimiter(this.now);
  }

  private get vault(): Vault {
    return this.options.vault;
  }

  /** Opens a space and, the first time, starts watching it for a needed rotation. */
  private async open(space: SpaceId): Promise<SpaceHandle> {
    const handle = await this.vault.openSpace(space);
    if (this.options.rotation !== false && !this.watched.has(space)) {
      this.watched.set(space, watchRotation(handle, this.admin(handle), this.options.rotation));
    }
    return handle;
  }

  private admin(handle: SpaceHandle): AccessAdmin {
    return new AccessAdmin(handle, this.vault.deviceIdentity());
  }

  /** Our spaces whose current access list holds `peer`. */
  async spacesFor(peer: DeviceId): Promise<SpaceId[]> {
    const out: SpaceId[] = [];
    for (const { id } of await this.vault.listSpaces()) {
      const handle = await this.open(id).catch(() => undefined); // told by the vault; not offered to peers
      if (handle?.access.roleOf(peer) !== undefined) out.push(id);
    }
    return out;
  }

  /**
   * The keys a session's membership proof is made with (responder): the sought
   * discovery keys of every space we hold, current epochs first, so the proof
   * limit drops previous epochs first. Or, when we dialled (initiator), the
   * keys a proof is checked against: every epoch's we hold (discovery.ts
   * `heldSpaceKeys`), so a member that missed several rotations is recognised.
   */
  private async membershipKeys(role: SessionRole): Promise<Uint8Array[]> {
    const me = this.vault.deviceIdentity();
    const current: Uint8Array[] = [];
    const older: Uint8Array[] = [];
    for (const { id } of await this.vault.listSpaces()) {
      const handle = await this.open(id).catch(() => undefined); // as in spacesFor
      if (!handle) continue;
      const [first, ...others] = role === 'initiator' ? heldSpaceKeys(handle, me) : soughtSpaceKeys(handle, me);
      if (first) current.push(first);
      older.push(...others);
    }
    return [...current, ...older];
  }

  private async holds(space: SpaceId): Promise<boolean> {
    return (await this.vault.listSpaces()).some((s) => s.id === space);
  }

  /** The session's `findInvite`, behind the limit on wrong proofs. */
  private async findInvite(proofMatches: (code: string) => boolean): Promise<InviteMatch | null> {
    if (!this.wrongProofs.allows()) return null;
    const found = await findInvite(this.vault, proofMatches, this.now());
    if (!found) this.wrongProofs.recordWrong();
    return found;
  }

  /**
   * Runs a session over `channel`. `invite` (initiator only): the code the
   * person typed, to be let into the admin's space.
   */
  connect(channel: ByteChannel, role: SessionRole, connectOptions: { invite?: string } = {}): PeerConnection {
    const invite = connectOptions.invite === undefined ? undefined : normalizeInviteCode(connectOptions.invite);
    const session = startSession(channel, {
      identity: this.vault.deviceIdentity(),
      role,
      spacesFor: (peer) => this.spacesFor(peer),
      membershipKeys: () => this.membershipKeys(role),
      ...(invite && { invite }),
      findInvite: (proofMatches) => this.findInvite(proofMatches),
      claimInvite: (match, card) => claimInvite(this.vault, match, card.id, this.now()),
      ...(this.options.handshakeTimeoutMs !== undefined && { handshakeTimeoutMs: this.options.handshakeTimeoutMs }),
      ...(this.options.maxFrameBytes !== undefined && { maxFrameBytes: this.options.maxFrameBytes }),
    });
    this.sessions.add(session);
    void session.ended.then(() => this.sessions.delete(session));

    const ready = session.ready.then((info) => {
      const offer = info.invite;
      let joinAsked!: () => void;
      const asked = new Promise<void>((resolve) => (joinAsked = resolve));
      const invitee = { accepted: false };
      const replication: Replication = startReplication(session, info, {
        ...this.options.replication,
        openSpace: async (space) => ((await this.holds(space)) ? this.open(space) : undefined),
        onRejected: this.options.onRejected,
        onJoin: (space) => {
          if (offer && role === 'responder' && space === offer.space) joinAsked();
        },
        onWelcome: async (space) => {
          // Only the space the admin proved the code for, once the person here said yes to it.
          if (!invite || !offer || space !== offer.space || !invitee.accepted || (await this.holds(space))) {
            return undefined;
          }
          await this.vault.joinSpace(space, offer.spaceName);
          this.options.onJoined?.(space);
          return this.open(space);
        },
      });
      // A failure on our side (storage, a vault locked meanwhile) ends the session; nothing half-done stays.
      const failed = () => session.close('internal-error');
      if (offer && role === 'responder') this.admit(session, replication, info, asked).catch(failed);
      if (offer && invite) this.askToJoin(session, replication, info, invitee).catch(failed);
      return { info, replication };
    });
    ready.catch(() => undefined); // a failed handshake is told by `ended` (the session-ended problem)
    return { session, ready, ended: session.ended, close: () => session.close() };
  }

  /**
   * Invitee: the person sees the space's name, the role and the safety number;
   * only if they say yes does the admin's device hear that we want to join.
   */
  private async askToJoin(
    session: SyncSession,
    replication: Replication,
    info: SessionInfo,
    invitee: { accepted: boolean },
  ): Promise<void> {
    const offer = info.invite!;
    const yes = this.options.confirmSpace
      ? await this.options
          .confirmSpace({ ...offer, admin: info.peer, safetyNumber: info.safetyNumber })
          .catch(() => false) // no answer is a no: the session ends with invite-declined, and says so
      : false;
    if (!yes) return session.close('invite-declined');
    invitee.accepted = true;
    replication.send({ type: 'join', v: 2, space: offer.space });
  }

  /**
   * Admin: the person compares the safety number and confirms; once the
   * invitee has said yes too, its device is added (with the card it proved
   * in the handshake) and welcomed.
   */
  private async admit(
    session: SyncSession,
    replication: Replication,
    info: SessionInfo,
    joinAsked: Promise<void>,
  ): Promise<void> {
    const space = info.invite!.space;
    const invite = await claimedInvite(this.vault, space, info.peer);
    if (!invite) return session.close('invite-invalid');
    const handle = await this.open(space);
    const request = {
      space,
      spaceName: handle.name,
      device: info.peerCard,
      role: invite.role,
      safetyNumber: info.safetyNumber,
    };
    const confirmed = this.options.confirmInvitee
      ? await this.options.confirmInvitee(request).catch(() => false) // no answer is a no (invite-invalid)
      : false;
    await cancelInvite(this.vault, invite.id);
    if (!confirmed) return session.close('invite-invalid');
    const inviteeSaidYes = await Promise.race([joinAsked.then(() => true), session.ended.then(() => false)]);
    if (!inviteeSaidYes) return;
    await this.admin(handle).admit(info.peerCard, invite.role);
    replication.send({ type: 'welcome', v: 1, space, name: handle.name });
  }

  /** Ends every session and stops the rotation watchers (before locking the vault). */
  close(): void {
    for (const session of this.sessions) session.close();
    for (const stop of this.watched.values()) stop();
    this.watched.clear();
  }
}
