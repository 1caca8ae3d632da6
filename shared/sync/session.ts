/**
 * A sync session over a byte channel: runs the handshake (handshake.ts),
 * then carries sealed application payloads until either side closes.
 *
 * Every incoming frame, fault and channel end goes through one promise
 * chain, so frames are handled strictly in order even while an
 * authorization callback is pending, and a close is handled after the
 * frames that preceded it.
 */
import {
  bytesEqual,
  deviceIdOf,
  newKxKeyPair,
  safetyNumber,
  sessionKeys,
  type DeviceId,
  type DeviceIdentity,
  type Hash,
  type SigningPublicKey,
  type SpaceId,
} from '../crypto';
import { AppError } from '../errors';
import type { ByteChannel } from './channel';
import { fault, isCloseReason, SyncClosedError, type CloseReason } from './close';
import {
  encodeFrame,
  FrameDecoder,
  FrameOpener,
  FrameSealer,
  MAX_FRAME_BYTES,
  MAX_HANDSHAKE_FRAME_BYTES,
} from './frames';
import { handshakeTranscript, inviteProof, sharedSpaces, signAuth, verifyAuth, type SessionRole } from './handshake';
import { sessionCodec, SUPPORTED_VERSIONS, type SessionMessage } from './messages';
import { timers } from '../timers';

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 15_000;
/** Largest payload `send` accepts: the frame limit minus room for the envelope and the seal. */
export const MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES - 1024;

/** Handed to `verifyInviteProof`: which invite the peer claims, and a constant-time check of its code. */
export interface InviteProofCheck {
  readonly inviteId: string;
  readonly peer: DeviceId;
  /** True when the peer's proof was made with this code. */
  matches(code: string): boolean;
}

export interface SessionOptions {
  readonly identity: DeviceIdentity;
  /** The side that opened the connection is the initiator (kx client). */
  readonly role: SessionRole;
  /** Our spaces whose current access list holds `peer`. Empty = we do not know this device. */
  spacesFor(peer: DeviceId): readonly SpaceId[] | Promise<readonly SpaceId[]>;
  /** Initiator only: an invite code to prove, so an admin's device accepts us before we are in its lists. */
  readonly invite?: { readonly id: string; readonly code: string };
  /**
   * Responder only: checks an invite proof; returns the spaces the invite
   * grants (the session then covers them) or null to refuse ('invite-invalid').
   * Consuming the one-time invite is the callback's business.
   */
  verifyInviteProof?(check: InviteProofCheck): readonly SpaceId[] | null | Promise<readonly SpaceId[] | null>;
  readonly handshakeTimeoutMs?: number;
  /** Lower than the default only in tests. */
  readonly maxFrameBytes?: number;
}

export interface SessionInfo {
  readonly peer: DeviceId;
  /** Spaces both sides agreed to sync, sorted. */
  readonly spaces: readonly SpaceId[];
  /** For the two people to compare aloud (SECURITY.md "Device cards and invites"). */
  readonly safetyNumber: string;
  /** True when the session was admitted through an invite proof. */
  readonly invited: boolean;
  readonly version: number;
}

export interface SessionEnd {
  readonly reason: CloseReason;
  readonly by: 'local' | 'peer';
}

export interface SyncSession {
  /** Resolves after the handshake; rejects with SyncClosedError if the session ends first. */
  readonly ready: Promise<SessionInfo>;
  /** Resolves once, when the session has ended, with why. */
  readonly ended: Promise<SessionEnd>;
  readonly info: SessionInfo | undefined;
  /** Sends one payload, sealed. Throws before `ready`; returns false once the session has ended. */
  send(payload: Uint8Array): boolean;
  /** Payloads from the peer, in order. Payloads that arrive before the first listener are held for it. */
  onMessage(listener: (payload: Uint8Array) => void): () => void;
  close(reason?: CloseReason): void;
}

type State = 'hello' | 'auth' | 'spaces' | 'ready' | 'ended';

export function startSession(channel: ByteChannel, options: SessionOptions): SyncSession {
  const { identity, role } = options;
  const ephemeral = newKxKeyPair();
  const decoder = new FrameDecoder(Math.min(MAX_HANDSHAKE_FRAME_BYTES, options.maxFrameBytes ?? MAX_FRAME_BYTES));
  const listeners = new Set<(payload: Uint8Array) => void>();
  let held: Uint8Array[] = [];
  let state: State = 'hello';
  let chain: Promise<void> = Promise.resolve();
  let sealer: FrameSealer | undefined;
  let opener: FrameOpener | undefined;
  let transcript: Hash | undefined;
  let version = 0;
  let peerKey: SigningPublicKey | undefined;
  let ourSpaces: readonly SpaceId[] = [];
  let invited = false;
  let info: SessionInfo | undefined;

  let resolveReady!: (info: SessionInfo) => void;
  let rejectReady!: (e: SyncClosedError) => void;
  const ready = new Promise<SessionInfo>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => undefined); // a caller that only watches `ended` must not see an unhandled rejection
  let resolveEnded!: (end: SessionEnd) => void;
  const ended = new Promise<SessionEnd>((resolve) => (resolveEnded = resolve));

  // Not through the chain: a step stuck in a callback must not hold off the timeout.
  const timer = timers.setTimeout(
    () => end('timeout', 'local'),
    options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
  );

  function enqueue(step: () => void | Promise<void>): void {
    chain = chain.then(step).catch((e: unknown) => {
      if (e instanceof SyncClosedError) end(e.reason, e.by);
      else end('internal-error', 'local'); // e.g. a callback of ours threw: never continue in an unknown state
    });
  }

  function write(message: SessionMessage): void {
    const body = sessionCodec.encode(message);
    channel.send(encodeFrame(sealer ? sealer.seal(body) : body));
  }

  function end(reason: CloseReason, by: 'local' | 'peer'): void {
    if (state === 'ended') return;
    const wasReady = state === 'ready';
    state = 'ended';
    timers.clearTimeout(timer);
    // Tell the peer why, sealed; before keys exist there is no one we could tell safely.
    if (by === 'local' && sealer && !channel.closed) write({ type: 'close', v: 1, reason });
    channel.close(reason);
    listeners.clear();
    held = [];
    if (!wasReady) rejectReady(new SyncClosedError(reason, by));
    resolveEnded({ reason, by });
  }

  function handle(frame: Uint8Array): void | Promise<void> {
    if (state === 'ended') return;
    const message = sessionCodec.decode(opener ? opener.open(frame) : frame);
    if (message.type === 'close')
      throw new SyncClosedError(isCloseReason(message.reason) ? message.reason : 'bad-frame', 'peer');
    switch (state) {
      case 'hello':
        return onHello(message);
      case 'auth':
        return onAuth(message);
      case 'spaces':
        return onSpaces(message);
      case 'ready':
        if (message.type !== 'data') throw fault('bad-frame', `unexpected ${message.type}`);
        if (listeners.size === 0) held.push(message.payload);
        else for (const listener of [...listeners]) listener(message.payload);
    }
  }

  function onHello(message: SessionMessage): void {
    if (message.type !== 'hello') throw fault('bad-frame', 'expected hello');
    version = Math.max(-1, ...SUPPORTED_VERSIONS.filter((v) => message.versions.includes(v)));
    if (version < 0) throw fault('protocol-version', 'no common protocol version');
    const keys = sessionKeys(role === 'initiator' ? 'client' : 'server', ephemeral, message.ephemeral);
    sealer = new FrameSealer(keys.tx);
    opener = new FrameOpener(keys.rx);
    transcript =
      role === 'initiator'
        ? handshakeTranscript(version, ephemeral.publicKey, message.ephemeral)
        : handshakeTranscript(version, message.ephemeral, ephemeral.publicKey);
    state = 'auth';
    if (role === 'initiator') {
      const invite = options.invite && {
        id: options.invite.id,
        proof: inviteProof(options.invite.code, transcript, identity.signPublic),
      };
      write({
        type: 'auth',
        v: 1,
        device: identity.signPublic,
        signature: signAuth(identity, role, transcript),
        invite,
      });
    }
  }

  async function onAuth(message: SessionMessage): Promise<void> {
    if (message.type !== 'auth' || !transcript) throw fault('bad-frame', 'expected auth');
    const theirRole = role === 'initiator' ? 'responder' : 'initiator';
    const key = message.device as SigningPublicKey;
    if (!verifyAuth(key, theirRole, transcript, message.signature)) throw fault('auth-failed', 'bad identity proof');
    peerKey = key;
    const peer = deviceIdOf(key);
    if (role === 'initiator') {
      state = 'spaces'; // the responder's space list follows
      return;
    }
    ourSpaces = await options.spacesFor(peer);
    if (message.invite) {
      const claimed = message.invite;
      const proofFor = transcript;
      const granted = options.verifyInviteProof
        ? await options.verifyInviteProof({
            inviteId: claimed.id,
            peer,
            matches: (code) => bytesEqual(inviteProof(code, proofFor, key), claimed.proof),
          })
        : null;
      if (!granted) throw fault('invite-invalid', 'invite proof refused');
      invited = true;
      ourSpaces = sharedSpaces([...ourSpaces, ...granted], [...ourSpaces, ...granted]);
    }
    if (state !== 'auth') return; // ended (timeout, close) while we were asking
    if (ourSpaces.length === 0) throw fault('unknown-device', 'peer is in none of our spaces');
    write({ type: 'auth', v: 1, device: identity.signPublic, signature: signAuth(identity, role, transcript) });
    write({ type: 'spaces', v: 1, spaces: [...ourSpaces] });
    state = 'spaces';
  }

  async function onSpaces(message: SessionMessage): Promise<void> {
    if (message.type !== 'spaces' || !peerKey) throw fault('bad-frame', 'expected spaces');
    const peer = deviceIdOf(peerKey);
    let agreed: SpaceId[];
    if (role === 'initiator') {
      const offered = message.spaces as SpaceId[];
      const known = await options.spacesFor(peer);
      if (state !== 'spaces') return;
      // An invitee does not know the admin's device yet: it takes what the invite granted.
      invited = options.invite !== undefined;
      if (known.length === 0 && !invited) throw fault('unknown-device', 'peer is in none of our spaces');
      agreed = invited ? sharedSpaces(offered, offered) : sharedSpaces(offered, known);
      if (agreed.length === 0) throw fault('no-shared-space', 'no space in common');
      write({ type: 'spaces', v: 1, spaces: agreed });
    } else {
      agreed = sharedSpaces(message.spaces as SpaceId[], ourSpaces);
      if (agreed.length === 0) throw fault('no-shared-space', 'no space in common');
    }
    info = {
      peer,
      spaces: agreed,
      safetyNumber: safetyNumber(identity.signPublic, peerKey),
      invited,
      version,
    };
    state = 'ready';
    timers.clearTimeout(timer);
    decoder.maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
    resolveReady(info);
  }

  channel.onData((chunk) => {
    if (state === 'ended') return;
    try {
      for (const frame of decoder.push(chunk)) enqueue(() => handle(frame));
    } catch (e) {
      enqueue(() => {
        throw e;
      });
    }
  });
  channel.onClose(() =>
    enqueue(() =>
      end(decoder.pendingBytes > 0 ? 'truncated' : 'channel-closed', decoder.pendingBytes > 0 ? 'local' : 'peer'),
    ),
  );
  write({ type: 'hello', v: 1, versions: [...SUPPORTED_VERSIONS], ephemeral: ephemeral.publicKey });

  return {
    ready,
    ended,
    get info() {
      return info;
    },
    send(payload) {
      if (state === 'ended') return false;
      if (state !== 'ready') throw new AppError('sync-protocol', 'session is not ready');
      if (payload.length > MAX_PAYLOAD_BYTES) throw new AppError('sync-frame-too-large', 'payload too large');
      write({ type: 'data', v: 1, payload });
      return true;
    },
    onMessage(listener) {
      listeners.add(listener);
      if (held.length > 0) {
        const pending = held;
        held = [];
        for (const payload of pending) listener(payload);
      }
      return () => listeners.delete(listener);
    },
    close(reason = 'done') {
      end(reason, 'local');
    },
  };
}
