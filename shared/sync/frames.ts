/**
 * Frames on the byte channel: a 4-byte big-endian length, then that many
 * bytes. After the hello exchange every frame body is sealed with the
 * session key of its direction (see FrameSealer / FrameOpener).
 */
import { isAppError } from '../errors';
import { open, sealWithNonce, wipe, type SymmetricKey } from '../crypto';
import { MAX_ENTRY_BYTES } from '../log/entry';
import { fault } from './close';

export const FRAME_HEADER_BYTES = 4;
/** Largest frame after the handshake: one maximal log entry plus room for the message around it. */
export const MAX_FRAME_BYTES = MAX_ENTRY_BYTES + 64 * 1024;
/** Largest frame before the peer is authenticated: a stranger cannot make us hold much. */
export const MAX_HANDSHAKE_FRAME_BYTES = 64 * 1024;

/** Prefixes `body` with its length. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + body.length);
  new DataView(frame.buffer).setUint32(0, body.length, false);
  frame.set(body, FRAME_HEADER_BYTES);
  return frame;
}

/** How much of a frame has arrived. */
export interface FrameProgress {
  readonly received: number;
  readonly total: number;
}

/**
 * Rebuilds frames from chunks split at any byte boundary. The length is
 * checked against the maximum as soon as its 4 bytes are known, before any
 * of the body is buffered; the body is then copied into one buffer of
 * exactly that size, so large frames cost no repeated concatenation.
 */
export class FrameDecoder {
  private readonly header = new Uint8Array(FRAME_HEADER_BYTES);
  private headerFilled = 0;
  private body: Uint8Array | undefined;
  private bodyFilled = 0;
  private failed = false;

  constructor(public maxFrameBytes: number = MAX_FRAME_BYTES) {}

  /** Bytes of an incomplete frame held so far (non-zero at close means the stream was truncated). */
  get pendingBytes(): number {
    return this.headerFilled + this.bodyFilled;
  }

  /** The frame arriving now, once its length is known: bytes of its body so far, and its length. */
  get incoming(): FrameProgress | undefined {
    return this.body ? { received: this.bodyFilled, total: this.body.length } : undefined;
  }

  /** Returns the frames completed by `chunk`; throws a 'frame-too-large' fault and stops for good. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) return [];
    const frames: Uint8Array[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (!this.body) {
        const take = Math.min(FRAME_HEADER_BYTES - this.headerFilled, chunk.length - at);
        this.header.set(chunk.subarray(at, at + take), this.headerFilled);
        this.headerFilled += take;
        at += take;
        if (this.headerFilled < FRAME_HEADER_BYTES) break;
        const length = new DataView(this.header.buffer).getUint32(0, false);
        if (length > this.maxFrameBytes) {
          this.failed = true;
          throw fault('frame-too-large', `frame of ${length} bytes exceeds ${this.maxFrameBytes}`);
        }
        this.body = new Uint8Array(length);
        this.bodyFilled = 0;
      }
      const take = Math.min(this.body.length - this.bodyFilled, chunk.length - at);
      this.body.set(chunk.subarray(at, at + take), this.bodyFilled);
      this.bodyFilled += take;
      at += take;
      if (this.bodyFilled === this.body.length) {
        frames.push(this.body);
        this.body = undefined;
        this.headerFilled = 0;
        this.bodyFilled = 0;
      }
    }
    return frames;
  }
}

// ---------------------------------------------------------------- sealed frames

const COUNTER_BYTES = 8;
const NONCE_BYTES = 24;

function counterBytes(counter: number): Uint8Array {
  const bytes = new Uint8Array(COUNTER_BYTES);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(counter), false);
  return bytes;
}

/** The nonce is the counter, zero-padded: each direction has its own key, so a nonce never repeats under a key. */
function nonceOf(counter: Uint8Array): Uint8Array {
  const nonce = new Uint8Array(NONCE_BYTES);
  nonce.set(counter, 0);
  return nonce;
}

/** Seals outgoing frame bodies: `counter (8 bytes) | XChaCha20-Poly1305(body, ad = counter)`. */
export class FrameSealer {
  private counter = 0;

  constructor(private readonly key: SymmetricKey) {}

  /** Wipes the key: the session ended (SECURITY.md "Key hygiene and the seized laptop"). */
  forget(): void {
    wipe(this.key);
  }

  seal(plaintext: Uint8Array): Uint8Array {
    const counter = counterBytes(this.counter++);
    const ciphertext = sealWithNonce(this.key, plaintext, counter, nonceOf(counter));
    const body = new Uint8Array(COUNTER_BYTES + ciphertext.length);
    body.set(counter, 0);
    body.set(ciphertext, COUNTER_BYTES);
    return body;
  }
}

/**
 * Opens incoming frame bodies in order. A body that does not authenticate
 * is a 'bad-frame'; an authentic body whose counter is not the next one
 * expected was replayed, reordered or follows a dropped frame: 'replay'.
 * (Authenticating first means only genuine frames can be called replays.)
 */
export class FrameOpener {
  private expected = 0;

  constructor(private readonly key: SymmetricKey) {}

  /** Wipes the key: the session ended. */
  forget(): void {
    wipe(this.key);
  }

  open(body: Uint8Array): Uint8Array {
    if (body.length < COUNTER_BYTES) throw fault('bad-frame', 'sealed frame too short');
    const counter = body.subarray(0, COUNTER_BYTES);
    let plaintext: Uint8Array;
    try {
      plaintext = open(this.key, { nonce: nonceOf(counter), ciphertext: body.subarray(COUNTER_BYTES) }, counter);
    } catch (e) {
      if (isAppError(e, 'decrypt-failed')) throw fault('bad-frame', 'sealed frame did not authenticate');
      throw e;
    }
    const received = new DataView(counter.buffer, counter.byteOffset, COUNTER_BYTES).getBigUint64(0, false);
    if (received !== BigInt(this.expected)) throw fault('replay', 'sealed frame out of sequence');
    this.expected++;
    return plaintext;
  }
}
