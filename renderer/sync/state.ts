/** What the sharing screens show, as one immutable snapshot the sync service replaces on every change. */
import type { DeviceId, SpaceId } from '../../shared/crypto';
import type { LanAddress, Transport } from '../../shared/ipc/contract';
import type { Role } from '../../shared/space';
import type { CloseReason } from '../../shared/sync/close';
import type { Invite } from '../../shared/sync/invite';
import type { Problem } from '../../shared/sync/problems';
import type { SpaceOffer } from '../../shared/sync/peer';
import type { OpenedSharingFile } from './files';

export interface SessionView {
  /** The connection id (it names a connection, never a person). */
  readonly id: string;
  readonly transport: Transport;
  readonly direction: 'inbound' | 'outbound';
  /** host:port when known. */
  readonly address?: string;
  readonly status: 'handshake' | 'syncing' | 'ended';
  readonly peer?: DeviceId;
  readonly safetyNumber?: string;
  readonly spaces: readonly SpaceId[];
  /** Entries received and stored or refused; entries sent. */
  readonly received: number;
  readonly sent: number;
  /** A message on its way now (after the handshake): its bytes so far and its size. */
  readonly incoming?: { readonly received: number; readonly total: number };
  /** Bytes received and still being checked and stored. */
  readonly storing?: number;
  readonly end?: { readonly reason: CloseReason; readonly by: 'local' | 'peer' };
}

export interface NearbyPeer {
  readonly host: string;
  readonly port: number;
  /** Spaces of ours it advertised; empty when it was found by an invite's tag only. */
  readonly spaces: readonly SpaceId[];
  readonly seenAt: number;
}

/** An invitee proved an invite code: the admin compares the safety number, then confirms or refuses. */
export interface PendingConfirmation {
  readonly id: string;
  readonly space: SpaceId;
  readonly spaceName: string;
  readonly device: DeviceId;
  readonly role: Role;
  readonly safetyNumber: string;
}

/**
 * The invitee's side of an invite: connecting, then `confirm` (the admin's device proved the code:
 * the person sees the space and the safety number and says yes or no), `waiting` for the admin's
 * confirmation, then joined or failed.
 */
export interface InviteAcceptance {
  readonly status: 'connecting' | 'confirm' | 'waiting' | 'joined' | 'failed';
  /** From `confirm` on: the space the admin's device proved the code for. */
  readonly offer?: SpaceOffer;
  /** Shown from `confirm` on: the admin reads the same digits. */
  readonly safetyNumber?: string;
  readonly space?: SpaceId;
  readonly error?: unknown;
}

/** A bundle read and checked (nothing stored): the person says yes before it is imported or its space joined. */
export interface PendingBundle {
  readonly space: SpaceId;
  readonly spaceName: string;
  /** The device that made it. */
  readonly from: DeviceId;
  readonly safetyNumber: string;
  /** True when importing it joins a space this device does not hold yet. */
  readonly joins: boolean;
  readonly entries: number;
}

/** A space arriving from peers: entries stored so far of those the peers announced. */
export interface Arrival {
  readonly space: SpaceId;
  readonly received: number;
  readonly expected: number;
}

/** This device's own changes (its access and content entries) in a space that an organizer's device does not hold yet. */
export interface UnsentChanges {
  readonly space: SpaceId;
  /** A current member of the space other than this device. */
  readonly device: DeviceId;
  /** How many, as far as that device told this one (its heads, then what it acknowledged). */
  readonly count: number;
  /** False while that device never told this one what it holds of the space: it has not synced with it yet. */
  readonly synced: boolean;
}

/** A failure of sync's background work, as the problem stream tells it (shared/sync/problems.ts). */
export type SyncFailure = Extract<Problem, { kind: 'sync-failed' }>;

export interface SyncState {
  /** False in a plain browser tab: no networking, no file dialogs. */
  readonly networking: boolean;
  /** The LAN listener's port, and this machine's addresses others can dial it on. */
  readonly listening: { readonly port: number; readonly addresses: readonly LanAddress[] } | null;
  readonly sessions: readonly SessionView[];
  readonly nearby: readonly NearbyPeer[];
  readonly searching: boolean;
  /** Device id → when this device last exchanged data with it (ms). */
  readonly lastSynced: Readonly<Record<string, number>>;
  /** Per space and per other organizer's device: this device's changes it does not hold yet (./unsent.ts). */
  readonly unsent: readonly UnsentChanges[];
  /**
   * Whether `unsent` covers every space. Counting opens each space, so it waits until someone looks
   * (the sync panel) or a session starts (its spaces only): until then the panel says it is counting.
   */
  readonly unsentCounted: boolean;
  /** Spaces joined on the Hyperswarm DHT. */
  readonly internet: readonly SpaceId[];
  /** This device's open invites (admin), kept current: used and expired ones leave by themselves. */
  readonly invites: readonly Invite[];
  readonly confirmations: readonly PendingConfirmation[];
  readonly acceptance: InviteAcceptance | null;
  readonly arrivals: Readonly<Record<string, Arrival>>;
  /** The newest failure of sync's background work (listening, discovery, saving), from the problem stream. */
  readonly problem: SyncFailure | null;
  /** Why the last file the OS opened could not be used (the bundle dialog says it). */
  readonly fileProblem: unknown;
  /** A bundle waiting for the person's yes (opened by a dialog or by the OS). */
  readonly pendingBundle: PendingBundle | null;
  /** The last card opened, or bundle imported. */
  readonly opened: OpenedSharingFile | null;
}

export const INITIAL_STATE: SyncState = {
  networking: false,
  listening: null,
  sessions: [],
  nearby: [],
  searching: false,
  lastSynced: {},
  unsent: [],
  unsentCounted: false,
  internet: [],
  invites: [],
  confirmations: [],
  acceptance: null,
  arrivals: {},
  problem: null,
  fileProblem: null,
  pendingBundle: null,
  opened: null,
};
