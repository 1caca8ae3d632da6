/**
 * A sync session over a byte channel: runs the handshake (handshake.ts),
 * then carries sealed application payloads until either side closes.
 *
 * Every incoming frame, fault and channel end goes through one serial
 * queue (shared/util), so frames are handled strictly in order even while an
 * authorization callback is pending, and a close is handled after the
 * frames that preceded it.
 */
import {
  bytesEqual,
  cardVerifies,
  deviceCardOf,
  deviceIdOf,
  newKxKeyPair,
  safetyNumber,
  sessionKeys,
  type DeviceCard,
  type DeviceId,
  type DeviceIdentity,
  type Hash,
  type Signature,
  type SigningPublicKey,
  type BoxPublicKey,
  type SpaceId,
  wipe,
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
  type FrameProgress,
  MAX_HANDSHAKE_FRAME_BYTES,
} from './frames';
import {
  handshakeTranscript,
  inviteeProof,
  inviterProof,
  membershipProofs,
  provesMembership,
  sharedSpaces,
  signAuth,
  verifyAuth,
  type InviteOffer,
  type SessionRole,
} from './handshake';
import { sessionCodec, SUPPORTED_VERSIONS, type SessionMessage } from './messages';
import { timers } from '../timers';
import { SerialQueue } from '../util/serial-queue';

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 15_000;
/** Largest payload `send` accepts: the frame limit minus room for the envelope and the seal. */
export const MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES - 1024;

/** An open invite on the admin's device (invite.ts): its code keys both proofs. */
export interface InviteMatch {
  /** Names the invite on the admin's device only; it never travels. */
  readonly id: string;
  /** The normalized code. */
  readonly code: string;
  readonly offer: InviteOffer;
}

export interface SessionOptions {
  readonly identity: DeviceIdentity;
  /** The side that opened the connection is the initiator (kx client). */
  readonly role: SessionRole;
  /** Our spaces whose current access list holds `peer`. Empty = we do not know this device. */
  spacesFor(peer: DeviceId): readonly SpaceId[] | Promise<readonly SpaceId[]>;
  /**
   * The discovery keys of our spaces (shared/sync/discovery.ts). The responder
   * proves it holds them before anyone's identity travels; a member initiator
   * goes on only if one proof matches one of them (an invitee relies on the
   * invite's own mutual proof instead). The two sets may differ: SyncPeer
   * proves its sought keys and recognises the keys of every epoch it holds.
   */
  membershipKeys(): readonly Uint8Array[] | Promise<readonly Uint8Array[]>;
  /**
   * Initiator only: the invite code (normalized, invite.ts) the person typed. The
   * session then proves it, and only goes on with a device that proves it back.
   */
  readonly invite?: { readonly code: string };
  /**
   * Responder only: the open invite whose code the peer's proof was made with
   * (`proofMatches(code)`, a constant-time check), or null to refuse
   * ('invite-invalid'). Rate-limiting failed proofs is the callback's business.
   */
  findInvite?(proofMatches: (code: string) => boolean): InviteMatch | null | Promise<InviteMatch | null>;
  /**
   * Responder only: the device that proved `invite` shows its card; true when
   * it may claim the invite (one-time: false once another device has).
   */
  claimInvite?(invite: InviteMatch, peer: DeviceCard): boolean | Promise<boolean>;
  readonly handshakeTimeoutMs?: number;
  /** Lower than the default only in tests. */
  readonly maxFrameBytes?: number;
}

export interface SessionInfo {
  readonly peer: DeviceId;
  /** The peer's card as it proved it in the handshake (its box key signed by its signing key). */
  readonly peerCard: DeviceCard;
  /** Spaces both sides agreed to sync, sorted. */
  readonly spaces: readonly SpaceId[];
  /** Over both cards, for the two people to compare aloud (SECURITY.md "Device cards and invites"). */
  readonly safetyNumber: string;
  /** Set when the session was admitted through an invite (both sides): the space it is for, proven by the code. */
  readonly invite?: InviteOffer;
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
  /**
   * After the handshake, the message arriving now, once its length is known: how much of it came.
   * A large one (a checkpoint) takes a while; a screen can show it coming before it is whole.
   */
  readonly incoming: FrameProgress | undefined;
  /** Called after each piece of bytes that arrived after the handshake (what `incoming` reads may have moved). */
  onBytes(listener: () => void): () => void;
  /** Payloads from the peer, in order. Payloads that arrive before the first listener are held for it. */
  onMessage(listener: (payload: Uint8Array) => void): () => void;
  close(reason?: CloseReason): void;
}

type State = 'hello' | 'proof' | 'auth' | 'invite-proof' | 'spaces' | 'ready' | 'ended';

export function startSession(channel: ByteChannel, options: SessionOptions): SyncSession {
  const { identity, role } = options;
  const card = deviceCardOf(identity);
  const ephemeral = newKxKeyPair();
  const ownHello = sessionCodec.encode({
    type: 'hello',
    v: 1,
    versions: [...SUPPORTED_VERSIONS],
    ephemeral: ephemeral.publicKey,
  });
  const decoder = new FrameDecoder(Math.min(MAX_HANDSHAKE_FRAME_BYTES, options.maxFrameBytes ?? MAX_FRAME_BYTES));
  const listeners = new Set<(payload: Uint8Array) => void>();
  const byteListeners = new Set<() => void>();
  let held: Uint8Array[] = [];
  let state: State = 'hello';
  /** Frames and callbacks are handled one after another. */
  const steps = new SerialQueue();
  let sealer: FrameSealer | undefined;
  let opener: FrameOpener | undefined;
  let transcript: Hash | undefined;
  let version = 0;
  let peerCard: DeviceCard | undefined;
  let ourSpaces: readonly SpaceId[] = [];
  /** Responder: the invite the peer proved. */
  let matched: InviteMatch | undefined;
  /** Both sides, once proven: what the invite is for. */
  let invite: InviteOffer | undefined;
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

  // Not through the queue: a step stuck in a callback must not hold off the timeout.
  const timer = timers.setTimeout(
    () => end('timeout', 'local'),
    options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
  );

  function enqueue(step: () => void | Promise<void>): void {
    steps.run(step).catch((e: unknown) => {
      if (e instanceof SyncClosedError) end(e.reason, e.by);
      else end('internal-error', 'local'); // e.g. a callback of ours threw: never continue in an unknown state
    });
  }

  function write(message: SessionMessage): void {
    const body = sessionCodec.encode(message);
    channel.send(encodeFrame(sealer ? sealer.seal(body) : body));
  }

  function writeAuth(): void {
    write({
      type: 'auth',
      v: 2,
      device: card.signPublic,
      box: card.boxPublic,
      boxSignature: card.boxSignature,
      signature: signAuth(identity, role, transcript!),
    });
  }

  function end(reason: CloseReason, by: 'local' | 'peer'): void {
    if (state === 'ended') return;
    const wasReady = state === 'ready';
    state = 'ended';
    timers.clearTimeout(timer);
    // Tell the peer why, sealed; before keys exist there is no one we could tell safely.
    if (by === 'local' && sealer && !channel.closed) write({ type: 'close', v: 1, reason });
    channel.close(reason);
    // The session keys and the unused ephemeral secret go with the session.
    sealer?.forget();
    opener?.forget();
    wipe(ephemeral.secretKey);
    listeners.clear();
    byteListeners.clear();
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
        return onHello(message, frame);
      case 'proof':
        return onProof(message);
      case 'auth':
        return role === 'initiator' ? onResponderAuth(message) : onInitiatorAuth(message);
      case 'invite-proof':
        return onInviteProof(message);
      case 'spaces':
        return onSpaces(message);
      case 'ready':
        if (message.type !== 'data') throw fault('bad-frame', `unexpected ${message.type}`);
        if (listeners.size === 0) held.push(message.payload);
        else for (const listener of [...listeners]) listener(message.payload);
    }
  }

  async function onHello(message: SessionMessage, raw: Uint8Array): Promise<void> {
    if (message.type !== 'hello') throw fault('bad-frame', 'expected hello');
    version = Math.max(-1, ...SUPPORTED_VERSIONS.filter((v) => message.versions.includes(v)));
    if (version < 0) throw fault('protocol-version', 'no common protocol version');
    const keys = sessionKeys(role === 'initiator' ? 'client' : 'server', ephemeral, message.ephemeral);
    wipe(ephemeral.secretKey); // used once: the session keys are all it was for
    sealer = new FrameSealer(keys.tx);
    opener = new FrameOpener(keys.rx);
    // The hellos as they travelled: a version list edited on the way makes every signature below fail.
    transcript = role === 'initiator' ? handshakeTranscript(ownHello, raw) : handshakeTranscript(raw, ownHello);
    if (role === 'initiator') {
      // A member shows nothing of its own until the responder has shown it belongs to one of our spaces.
      // An invitee's proof carries no identity: it goes at once, and the admin proves the code back.
      if (options.invite) write({ type: 'invite', v: 1, proof: inviteeProof(options.invite.code, transcript) });
      state = 'proof';
      return;
    }
    state = 'auth';
    const proofFor = transcript;
    const ours = await options.membershipKeys();
    if (state !== 'auth') return; // ended while we were asking
    write({ type: 'proof', v: 1, proofs: membershipProofs(ours, proofFor) });
  }

  /** Initiator: the responder's membership proof. A member reveals its card only if it holds one of the keys. */
  async function onProof(message: SessionMessage): Promise<void> {
    if (message.type !== 'proof') throw fault('bad-frame', 'expected proof');
    const proofFor = transcript!;
    if (options.invite) {
      state = 'auth'; // the invite's mutual proof decides, not the membership proof
      return;
    }
    const ours = await options.membershipKeys();
    if (state !== 'proof') return;
    if (!provesMembership(message.proofs, ours, proofFor))
      throw fault('unknown-device', 'peer proved no key of our spaces');
    state = 'auth';
    writeAuth();
  }

  /** The card in an `auth` message, once its transcript signature and its box-key signature hold. */
  function provenCard(message: Extract<SessionMessage, { type: 'auth' }>): DeviceCard {
    const theirRole = role === 'initiator' ? 'responder' : 'initiator';
    const signPublic = message.device as SigningPublicKey;
    if (!verifyAuth(signPublic, theirRole, transcript!, message.signature)) {
      throw fault('auth-failed', 'bad identity proof');
    }
    const proven: DeviceCard = {
      id: deviceIdOf(signPublic),
      signPublic,
      boxPublic: message.box as BoxPublicKey,
      boxSignature: message.boxSignature as Signature,
    };
    if (!cardVerifies(proven)) throw fault('auth-failed', 'box key not signed by the device');
    return proven;
  }

  /** Initiator: the responder's identity. An invitee waits for the code's proof next. */
  function onResponderAuth(message: SessionMessage): void {
    if (message.type !== 'auth') throw fault('bad-frame', 'expected auth');
    peerCard = provenCard(message);
    state = options.invite ? 'invite-proof' : 'spaces';
  }

  /** Invitee: the admin proves the code, bound to its card and the space; only then do we show ours. */
  function onInviteProof(message: SessionMessage): void {
    if (message.type !== 'invite-proof' || !peerCard || !options.invite)
      throw fault('bad-frame', 'expected invite-proof');
    const offer: InviteOffer = { space: message.space as SpaceId, spaceName: message.name, role: message.role };
    const expected = inviterProof(options.invite.code, transcript!, peerCard, offer);
    if (!bytesEqual(expected, message.proof)) throw fault('invite-not-proven', 'the responder does not know the code');
    invite = offer;
    writeAuth();
    state = 'spaces';
  }

  /** Responder: either an invite proof (once, before any identity) or the initiator's identity. */
  async function onInitiatorAuth(message: SessionMessage): Promise<void> {
    if (message.type === 'invite' && !matched) return onInvite(message.proof);
    if (message.type !== 'auth') throw fault('bad-frame', 'expected auth');
    peerCard = provenCard(message);
    if (matched) {
      const claimed = options.claimInvite ? await options.claimInvite(matched, peerCard) : false;
      if (state !== 'auth') return; // ended (timeout, close) while we were asking
      if (!claimed) throw fault('invite-invalid', 'the invite was claimed by another device');
      ourSpaces = [matched.offer.space];
    } else {
      ourSpaces = await options.spacesFor(peerCard.id);
      if (state !== 'auth') return;
      if (ourSpaces.length === 0) throw fault('unknown-device', 'peer is in none of our spaces');
      writeAuth();
    }
    write({ type: 'spaces', v: 1, spaces: [...ourSpaces] });
    state = 'spaces';
  }

  /** Responder: the invitee's proof. Nothing of ours travels unless it matches one of our open invites. */
  async function onInvite(proof: Uint8Array): Promise<void> {
    const proofFor = transcript!;
    const found = options.findInvite
      ? await options.findInvite((code) => bytesEqual(inviteeProof(code, proofFor), proof))
      : null;
    if (state !== 'auth') return;
    if (!found) throw fault('invite-invalid', 'invite proof refused');
    matched = found;
    invite = found.offer;
    writeAuth();
    write({
      type: 'invite-proof',
      v: 1,
      space: found.offer.space,
      name: found.offer.spaceName,
      role: found.offer.role,
      proof: inviterProof(found.code, proofFor, card, found.offer),
    });
  }

  async function onSpaces(message: SessionMessage): Promise<void> {
    if (message.type !== 'spaces' || !peerCard) throw fault('bad-frame', 'expected spaces');
    let agreed: SpaceId[];
    if (role === 'initiator') {
      const offered = message.spaces as SpaceId[];
      if (invite) {
        // The admin offers the space its proof named, and nothing else.
        if (offered.length !== 1 || offered[0] !== invite.space) throw fault('bad-frame', 'not the invited space');
        agreed = [invite.space];
      } else {
        const known = await options.spacesFor(peerCard.id);
        if (state !== 'spaces') return;
        if (known.length === 0) throw fault('unknown-device', 'peer is in none of our spaces');
        agreed = sharedSpaces(offered, known);
        if (agreed.length === 0) throw fault('no-shared-space', 'no space in common');
      }
      write({ type: 'spaces', v: 1, spaces: agreed });
    } else {
      agreed = sharedSpaces(message.spaces as SpaceId[], ourSpaces);
      if (agreed.length === 0) throw fault('no-shared-space', 'no space in common');
    }
    info = {
      peer: peerCard.id,
      peerCard,
      spaces: agreed,
      safetyNumber: safetyNumber(card, peerCard),
      ...(invite && { invite }),
      version,
    };
    state = 'ready';
    timers.clearTimeout(timer);
    decoder.maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
    channel.authenticated(); // the transport lifts the limits it keeps for strangers
    resolveReady(info);
  }

  // Returns when the queue is idle: the transport counts these bytes consumed once the frames they completed are handled.
  channel.onData((chunk) => {
    if (state === 'ended') return;
    try {
      for (const frame of decoder.push(chunk)) enqueue(() => handle(frame));
    } catch (e) {
      enqueue(() => {
        throw e;
      });
    }
    if (state === 'ready') for (const listener of [...byteListeners]) listener();
    return steps.idle();
  });
  channel.onClose(() =>
    enqueue(() =>
      end(decoder.pendingBytes > 0 ? 'truncated' : 'channel-closed', decoder.pendingBytes > 0 ? 'local' : 'peer'),
    ),
  );
  channel.send(encodeFrame(ownHello));

  return {
    ready,
    ended,
    get info() {
      return info;
    },
    get incoming() {
      return state === 'ready' ? decoder.incoming : undefined;
    },
    onBytes(listener) {
      if (state !== 'ended') byteListeners.add(listener);
      return () => byteListeners.delete(listener);
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
