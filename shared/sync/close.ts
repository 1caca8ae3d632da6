/**
 * Why a sync session ended. These codes cross the wire (in a `close`
 * message) and reach the UI, which translates them; keep them stable.
 */
import { AppError, type ErrorCode } from '../errors';

export const CLOSE_REASONS = [
  /** The application ended the session normally. */
  'done',
  /** The peer's device is in none of our spaces (and proved no invite). */
  'unknown-device',
  /** Both devices are known, but they share no space both sides agree on. */
  'no-shared-space',
  /** The peer failed to prove its identity key (bad signature). */
  'auth-failed',
  /** A frame that does not decode, decrypt or fit the protocol state. */
  'bad-frame',
  /** An entry that fails its signature check, is malformed, or names another space: forged or broken. */
  'bad-entry',
  /** A length prefix above the allowed maximum. */
  'frame-too-large',
  /** An authentic frame out of sequence: replayed, reordered or one was dropped. */
  'replay',
  /** No protocol version both sides speak. */
  'protocol-version',
  /** An invite proof that did not match a valid, unused invite (or the admin refused the device). */
  'invite-invalid',
  /** The device the invitee reached could not prove it made the invite: a stranger, or the wrong address. */
  'invite-not-proven',
  /** The invitee saw the space and the safety number and did not join. */
  'invite-declined',
  /** The handshake did not finish in time. */
  'timeout',
  /** The byte stream ended in the middle of a frame. */
  'truncated',
  /** The transport ended without a close message. */
  'channel-closed',
  /** Something failed on this side (e.g. an authorization callback threw). */
  'internal-error',
] as const;

export type CloseReason = (typeof CLOSE_REASONS)[number];

export function isCloseReason(value: unknown): value is CloseReason {
  return typeof value === 'string' && (CLOSE_REASONS as readonly string[]).includes(value);
}

function errorCodeOf(reason: CloseReason): ErrorCode {
  switch (reason) {
    case 'unknown-device':
    case 'no-shared-space':
      return 'sync-unknown-device';
    case 'frame-too-large':
      return 'sync-frame-too-large';
    case 'invite-invalid':
    case 'invite-not-proven':
    case 'invite-declined':
      return 'invite-invalid';
    case 'done':
    case 'channel-closed':
      return 'sync-closed';
    default:
      return 'sync-protocol';
  }
}

/**
 * A session ended (or must end) for `reason`. `by` says which side decided:
 * 'local' when we detected the fault, 'peer' when the other side told us.
 */
export class SyncClosedError extends AppError {
  constructor(
    readonly reason: CloseReason,
    readonly by: 'local' | 'peer',
    message: string = reason,
  ) {
    super(errorCodeOf(reason), message);
    this.name = 'SyncClosedError';
  }
}

/** Thrown inside the protocol code when the peer broke a rule; the session closes with `reason`. */
export function fault(reason: CloseReason, message: string = reason): SyncClosedError {
  return new SyncClosedError(reason, 'local', message);
}
