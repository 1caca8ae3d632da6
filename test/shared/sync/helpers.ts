/** Test helpers: devices with access lists, and a relay that lets a test see, alter, drop or inject bytes. */
import * as c from '../../../shared/crypto';
import { createChannelPair, type ByteChannel } from '../../../shared/sync/channel';
import { encodeFrame, FrameDecoder, FrameOpener, FrameSealer } from '../../../shared/sync/frames';
import { handshakeTranscript, membershipProofs, signAuth } from '../../../shared/sync/handshake';
import { sessionCodec, SUPPORTED_VERSIONS, type SessionMessage } from '../../../shared/sync/messages';
import { startSession, type SessionOptions, type SyncSession } from '../../../shared/sync/session';

export interface Device {
  identity: c.DeviceIdentity;
  id: c.DeviceId;
  /** peer device id -> spaces of ours whose access list holds that peer */
  access: Map<string, c.SpaceId[]>;
  /** The discovery keys this device holds (its spaces', as the handshake's membership proof uses them). */
  keys: Uint8Array[];
}

export function makeDevice(): Device {
  const identity = c.generateDeviceIdentity();
  return { identity, id: c.deviceIdOf(identity.signPublic), access: new Map(), keys: [] };
}

/** Records `a` and `b` as devices of every space in `spaces`, from both sides' point of view, holding a common key. */
export function shareSpaces(a: Device, b: Device, spaces: c.SpaceId[]): void {
  a.access.set(b.id, [...(a.access.get(b.id) ?? []), ...spaces]);
  b.access.set(a.id, [...(b.access.get(a.id) ?? []), ...spaces]);
  shareKey(a, b);
}

/** Gives `a` and `b` a discovery key in common (as members of one space, even if one was removed since). */
export function shareKey(a: Device, b: Device): Uint8Array {
  const key = c.randomBytes(32);
  a.keys.push(key);
  b.keys.push(key);
  return key;
}

export function sessionOptions(
  device: Device,
  role: 'initiator' | 'responder',
  extra: Partial<SessionOptions> = {},
): SessionOptions {
  return {
    identity: device.identity,
    role,
    spacesFor: (peer) => device.access.get(peer) ?? [],
    membershipKeys: () => device.keys,
    ...extra,
  };
}

/** One direction of a relay. Each session frame is written in one `send`, so one chunk = one frame here. */
export class Tap {
  readonly chunks: Uint8Array[] = [];
  /** Return null to drop a chunk, or other bytes to replace it. */
  alter: ((chunk: Uint8Array, index: number) => Uint8Array | null) | undefined;

  constructor(private readonly out: ByteChannel) {}

  pass(chunk: Uint8Array): void {
    const index = this.chunks.length;
    this.chunks.push(chunk);
    const forwarded = this.alter ? this.alter(chunk, index) : chunk;
    if (forwarded) this.out.send(forwarded);
  }

  inject(bytes: Uint8Array): void {
    this.out.send(bytes);
  }

  /** Ends the relay towards the receiver, as a broken connection would. */
  cut(): void {
    this.out.close('cut');
  }
}

/** Channels `a` and `b` joined through a relay with a tap in each direction. */
export function relayedPair(): { a: ByteChannel; b: ByteChannel; aToB: Tap; bToA: Tap } {
  const [a, aRelay] = createChannelPair();
  const [bRelay, b] = createChannelPair();
  const aToB = new Tap(bRelay);
  const bToA = new Tap(aRelay);
  aRelay.onData((chunk) => aToB.pass(chunk));
  bRelay.onData((chunk) => bToA.pass(chunk));
  aRelay.onClose(() => bRelay.close());
  bRelay.onClose(() => aRelay.close());
  return { a, b, aToB, bToA };
}

export interface Connected {
  initiator: SyncSession;
  responder: SyncSession;
  aToB: Tap;
  bToA: Tap;
}

export function connect(
  a: Device,
  b: Device,
  aExtra: Partial<SessionOptions> = {},
  bExtra: Partial<SessionOptions> = {},
): Connected {
  const { a: ca, b: cb, aToB, bToA } = relayedPair();
  const initiator = startSession(ca, sessionOptions(a, 'initiator', aExtra));
  const responder = startSession(cb, sessionOptions(b, 'responder', bExtra));
  return { initiator, responder, aToB, bToA };
}

/** Every payload the session receives, in order. */
export function collect(session: SyncSession): Uint8Array[] {
  const got: Uint8Array[] = [];
  session.onMessage((payload) => got.push(payload));
  return got;
}

/** Waits until `condition` holds (checked every few ms); fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A hand-written peer that speaks the handshake message by message (a modified app): it sends
 * its hello, derives the session keys and transcript from the other hello, and then sends
 * whatever sealed messages the test writes, valid or not. `received` holds what it opened.
 */
export function rawPeer(channel: ByteChannel, role: 'initiator' | 'responder') {
  const ephemeral = c.newKxKeyPair();
  const ownHello = sessionCodec.encode({
    type: 'hello',
    v: 1,
    versions: [...SUPPORTED_VERSIONS],
    ephemeral: ephemeral.publicKey,
  });
  const decoder = new FrameDecoder();
  const received: SessionMessage[] = [];
  let sealer: FrameSealer | undefined;
  let opener: FrameOpener | undefined;
  let transcript: c.Hash | undefined;
  let resolveReady!: (transcript: c.Hash) => void;
  const ready = new Promise<c.Hash>((resolve) => (resolveReady = resolve));
  channel.onData((chunk) => {
    for (const frame of decoder.push(chunk)) {
      if (!opener) {
        const hello = sessionCodec.decode(frame);
        if (hello.type !== 'hello') throw new Error('expected a hello');
        const keys = c.sessionKeys(role === 'initiator' ? 'client' : 'server', ephemeral, hello.ephemeral);
        sealer = new FrameSealer(keys.tx);
        opener = new FrameOpener(keys.rx);
        transcript = role === 'initiator' ? handshakeTranscript(ownHello, frame) : handshakeTranscript(frame, ownHello);
        // As every responder does: a membership proof first (random ones: this peer holds no space key).
        if (role === 'responder') send({ type: 'proof', v: 1, proofs: membershipProofs([], transcript) });
        resolveReady(transcript);
      } else {
        received.push(sessionCodec.decode(opener.open(frame)));
      }
    }
  });
  function send(message: SessionMessage): void {
    channel.send(encodeFrame(sealer!.seal(sessionCodec.encode(message))));
  }
  channel.send(encodeFrame(ownHello));
  return {
    /** Resolves with the transcript once the other hello arrived. */
    ready,
    received,
    send,
  };
}

/** An `auth` message for `card`, signed over `transcript` by `identity` (which may not own the card). */
export function authMessage(
  identity: c.DeviceIdentity,
  role: 'initiator' | 'responder',
  transcript: c.Hash,
  card: c.DeviceCard = c.deviceCardOf(identity),
): SessionMessage {
  return {
    type: 'auth',
    v: 2,
    device: card.signPublic,
    box: card.boxPublic,
    boxSignature: card.boxSignature,
    signature: signAuth(identity, role, transcript),
  };
}
