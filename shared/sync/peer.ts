/**
 * This device as a sync peer: runs sessions over byte channels (from any
 * transport) for an unlocked vault, replicates the spaces each session
 * covers, carries the invite flow, and rotates keys when a merge calls for it.
 */
import { toBase64Url, type DeviceCard, type DeviceId, type SpaceId } from '../crypto';
import { addDevice, cardOf, type Role } from '../space';
import type { SpaceHandle, Vault } from '../vault';
import type { ByteChannel } from './channel';
import type { SessionRole } from './handshake';
import { cancelInvite, claimedInvite, normalizeInviteCode, verifyInvite } from './invite';
import { startReplication, type Rejection, type Replication, type ReplicationOptions } from './replication';
import { watchRotation, type RotationOptions } from './rotation';
import { startSession, type SessionEnd, type SessionInfo, type SyncSession } from './session';

/** What the admin's screen shows before confirming an invitee. */
export interface InviteeRequest {
  readonly space: SpaceId;
  readonly spaceName: string;
  readonly device: DeviceCard;
  readonly role: Role;
  /** The same digits appear on the invitee's screen; compare them aloud. */
  readonly safetyNumber: string;
}

export interface SyncPeerOptions {
  readonly vault: Vault;
  readonly replication?: Pick<ReplicationOptions, 'maxBatchEntries' | 'maxBatchBytes' | 'window' | 'onPeerHeads'>;
  /** Rotation after merges (false: never, for tests of the merge itself). */
  readonly rotation?: RotationOptions | false;
  /** Admin side: resolve true once the person confirmed the safety number. Without it, invitees are refused. */
  confirmInvitee?(request: InviteeRequest): Promise<boolean>;
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

  constructor(private readonly options: SyncPeerOptions) {}

  private get vault(): Vault {
    return this.options.vault;
  }

  /** Opens a space and, the first time, starts watching it for a needed rotation. */
  private async open(space: SpaceId): Promise<SpaceHandle> {
    const handle = await this.vault.openSpace(space);
    if (this.options.rotation !== false && !this.watched.has(space)) {
      this.watched.set(space, watchRotation(handle, this.vault.device.id, this.options.rotation));
    }
    return handle;
  }

  /** Our spaces whose current access list holds `peer`. */
  async spacesFor(peer: DeviceId): Promise<SpaceId[]> {
    const out: SpaceId[] = [];
    for (const { id } of await this.vault.listSpaces()) {
      const handle = await this.open(id).catch(() => undefined);
      if (handle?.access.roleOf(peer) !== undefined) out.push(id);
    }
    return out;
  }

  private async holds(space: SpaceId): Promise<boolean> {
    return (await this.vault.listSpaces()).some((s) => s.id === space);
  }

  /**
   * Runs a session over `channel`. `invite` (initiator only): the code the
   * person typed, to be let into the admin's space.
   */
  connect(channel: ByteChannel, role: SessionRole, connectOptions: { invite?: string } = {}): PeerConnection {
    const invite = connectOptions.invite === undefined ? undefined : normalizeInviteCode(connectOptions.invite);
    const now = this.options.now ?? Date.now;
    const session = startSession(channel, {
      identity: this.vault.deviceIdentity(),
      role,
      spacesFor: (peer) => this.spacesFor(peer),
      ...(invite && { invite }),
      verifyInviteProof: (check) => verifyInvite(this.vault, check, now()),
      ...(this.options.handshakeTimeoutMs !== undefined && { handshakeTimeoutMs: this.options.handshakeTimeoutMs }),
      ...(this.options.maxFrameBytes !== undefined && { maxFrameBytes: this.options.maxFrameBytes }),
    });
    this.sessions.add(session);
    void session.ended.then(() => this.sessions.delete(session));

    const ready = session.ready.then((info) => {
      const replication: Replication = startReplication(session, info, {
        ...this.options.replication,
        openSpace: async (space) => ((await this.holds(space)) ? this.open(space) : undefined),
        onRejected: this.options.onRejected,
        onJoin: (space, box) => {
          if (info.invited && role === 'responder') void this.admit(session, replication, info, space, box);
        },
        onWelcome: async (space, name) => {
          if (!invite || !info.invited || (await this.holds(space))) return undefined;
          await this.vault.joinSpace(space, name);
          this.options.onJoined?.(space);
          return this.open(space);
        },
      });
      if (invite && info.invited) void this.askToJoin(replication, info);
      return { info, replication };
    });
    ready.catch(() => undefined);
    return { session, ready, ended: session.ended, close: () => session.close() };
  }

  /** Invitee: for each offered space we do not hold, send our box key (the admin needs it to seal keys to us). */
  private async askToJoin(replication: Replication, info: SessionInfo): Promise<void> {
    const box = this.vault.device.boxPublic;
    for (const space of info.spaces) {
      if (!(await this.holds(space))) replication.send({ type: 'join', v: 1, space, box });
    }
  }

  /** Admin: the person compares the safety number and confirms; then the device is added and welcomed. */
  private async admit(
    session: SyncSession,
    replication: Replication,
    info: SessionInfo,
    space: SpaceId,
    box: Uint8Array,
  ): Promise<void> {
    const invite = await claimedInvite(this.vault, space, info.peer);
    if (!invite) return session.close('invite-invalid');
    const handle = await this.open(space);
    const device = cardOf(info.peer, toBase64Url(box));
    const request = { space, spaceName: handle.name, device, role: invite.role, safetyNumber: info.safetyNumber };
    const confirmed = this.options.confirmInvitee
      ? await this.options.confirmInvitee(request).catch(() => false)
      : false;
    await cancelInvite(this.vault, invite.id);
    if (!confirmed) return session.close('invite-invalid');
    await handle.changeAccess((access, me) => addDevice(access, me, device, invite.role));
    replication.send({ type: 'welcome', v: 1, space, name: handle.name });
  }

  /** Ends every session and stops the rotation watchers (before locking the vault). */
  close(): void {
    for (const session of this.sessions) session.close();
    for (const stop of this.watched.values()) stop();
    this.watched.clear();
  }
}
