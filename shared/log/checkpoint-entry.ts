/**
 * A signed checkpoint (ARCHITECTURE.md "Checkpoints and compaction"): the full merged state of a
 * space, sealed under an epoch key and signed by its author like any entry, naming the per-author
 * heads of both logs it covers. A device that compacted away entries a peer lacks sends it instead
 * of them, then the entries past it; what the receiver checks before it trusts it is in SECURITY.md
 * "Checkpoints, compaction and retention" (shared/vault/checkpoint-receive.ts).
 *
 * Layout (lib0 var-uints; ids as raw bytes):
 *   header = version u8 | space 16B | author 32B | epoch | at | access heads | content heads | nonce 24B
 *   heads  = count | (author 32B | seq | hash 32B)*
 *   bytes  = header-length | header | ciphertext-length | ciphertext | signature 64B (an entry's frame:
 *            entry.ts writeSignedFrame)
 * The ciphertext is a content payload (log/content-payload.ts: the state, deflated with its
 * unpacked size, so a bomb is refused before it is unpacked) sealed with XChaCha20-Poly1305, the
 * header as associated data; the signature (context 'checkpoint', so no entry or other signed
 * message passes for one) covers header and ciphertext.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  deviceIdOf,
  fromBase64Url,
  hash,
  open,
  randomBytes,
  sealWithNonce,
  signingKeyOf,
  toBase64Url,
  type DeviceId,
  type DeviceIdentity,
  type Hash,
  type SpaceId,
  type SymmetricKey,
} from '../crypto';
import { AppError } from '../errors';
import type { ChainHead } from './chain';
import { decodeContentPayload, encodeContentPayload } from './content-payload';
import { readSignedFrame, verifyFrame, writeSignedFrame } from './entry';

export const CHECKPOINT_ENTRY_VERSION = 1;
/** A checkpoint travels in one sync frame (shared/sync/frames.ts): larger ones are refused unread. */
export const MAX_CHECKPOINT_BYTES = 16 * 1024 * 1024;
/** More heads than any space has authors: a forger's list is refused before it is read. */
export const MAX_CHECKPOINT_HEADS = 4096;

export interface CheckpointHeader {
  readonly version: number;
  readonly space: SpaceId;
  readonly author: DeviceId;
  readonly epoch: number;
  /** When it was made, ms since 1970, by the author's clock (shown, never trusted). */
  readonly at: number;
  readonly access: readonly ChainHead[];
  readonly content: readonly ChainHead[];
  readonly nonce: Uint8Array;
}

export interface CheckpointEntry {
  readonly header: CheckpointHeader;
  readonly headerBytes: Uint8Array;
  readonly ciphertext: Uint8Array;
  /** Exactly what was signed and is sent. */
  readonly bytes: Uint8Array;
}

function writeHeads(e: encoding.Encoder, heads: readonly ChainHead[]): void {
  encoding.writeVarUint(e, heads.length);
  for (const h of heads) {
    encoding.writeUint8Array(e, fromBase64Url(h.author));
    encoding.writeVarUint(e, h.seq);
    encoding.writeUint8Array(e, h.hash);
  }
}

function readHeads(d: decoding.Decoder): ChainHead[] {
  const count = decoding.readVarUint(d);
  if (count > MAX_CHECKPOINT_HEADS) throw new AppError('bad-entry', 'a checkpoint names too many heads');
  const heads: ChainHead[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const author = toBase64Url(decoding.readUint8Array(d, 32)) as DeviceId;
    const seq = decoding.readVarUint(d);
    const h = decoding.readUint8Array(d, 32).slice() as Hash;
    if (seq < 1 || seen.has(author)) throw new AppError('bad-entry', 'a checkpoint head is malformed');
    seen.add(author);
    heads.push({ author, seq, hash: h });
  }
  return heads;
}

export interface NewCheckpoint {
  readonly space: SpaceId;
  readonly epoch: { readonly number: number; readonly key: SymmetricKey };
  readonly at: number;
  readonly access: readonly ChainHead[];
  readonly content: readonly ChainHead[];
  readonly state: Uint8Array;
}

/** Seals and signs a checkpoint authored by this device. */
export function createCheckpointEntry(author: DeviceIdentity, n: NewCheckpoint): CheckpointEntry {
  return signCheckpointPayload(author, n, encodeContentPayload({ at: n.at, update: n.state }));
}

/** The same with its payload as given (what createCheckpointEntry seals; tests make hostile ones). */
export function signCheckpointPayload(
  author: DeviceIdentity,
  n: Omit<NewCheckpoint, 'state'>,
  payload: Uint8Array,
): CheckpointEntry {
  const nonce = randomBytes(24);
  const h = encoding.createEncoder();
  encoding.writeUint8(h, CHECKPOINT_ENTRY_VERSION);
  encoding.writeUint8Array(h, fromBase64Url(n.space));
  encoding.writeUint8Array(h, fromBase64Url(deviceIdOf(author.signPublic)));
  encoding.writeVarUint(h, n.epoch.number);
  encoding.writeVarUint(h, Math.max(0, Math.floor(n.at)));
  writeHeads(h, n.access);
  writeHeads(h, n.content);
  encoding.writeUint8Array(h, nonce);
  const headerBytes = encoding.toUint8Array(h);
  const ciphertext = sealWithNonce(n.epoch.key, payload, headerBytes, nonce);
  const { bytes } = writeSignedFrame(author, 'checkpoint', headerBytes, ciphertext);
  if (bytes.length > MAX_CHECKPOINT_BYTES) throw new AppError('bad-entry', 'the space is too large for a checkpoint');
  return decodeCheckpointEntry(bytes);
}

/**
 * Parses and checks the author's signature. Does not decide whether the author may publish one
 * (shared/vault/checkpoint-receive.ts) nor decrypt. Throws AppError('bad-entry' | 'bad-signature').
 */
export function decodeCheckpointEntry(bytes: Uint8Array): CheckpointEntry {
  const { entry, signature } = parseCheckpoint(bytes);
  if (!verifyFrame(signingKeyOf(entry.header.author), 'checkpoint', bytes, signature)) {
    throw new AppError('bad-signature', 'checkpoint signature does not verify');
  }
  return entry;
}

/**
 * The heads a checkpoint names, its signature unchecked: only for one this device verified when it
 * made or took it (what a sender reads before it sends it on). Throws AppError('bad-entry').
 */
export function checkpointContentHeads(bytes: Uint8Array): readonly ChainHead[] {
  return parseCheckpoint(bytes).entry.header.content;
}

function parseCheckpoint(bytes: Uint8Array): { entry: CheckpointEntry; signature: Uint8Array } {
  if (bytes.length > MAX_CHECKPOINT_BYTES) throw new AppError('bad-entry', 'checkpoint too large');
  let headerBytes: Uint8Array, ciphertext: Uint8Array, signature: Uint8Array, header: CheckpointHeader;
  try {
    ({ headerBytes, ciphertext, signature } = readSignedFrame(bytes));
    const hd = decoding.createDecoder(headerBytes);
    const version = decoding.readUint8(hd);
    if (version !== CHECKPOINT_ENTRY_VERSION) throw new AppError('bad-entry', 'unknown checkpoint version');
    const space = toBase64Url(decoding.readUint8Array(hd, 16)) as SpaceId;
    const author = toBase64Url(decoding.readUint8Array(hd, 32)) as DeviceId;
    const epoch = decoding.readVarUint(hd);
    const at = decoding.readVarUint(hd);
    const access = readHeads(hd);
    const content = readHeads(hd);
    const nonce = decoding.readUint8Array(hd, 24);
    if (decoding.hasContent(hd)) throw new AppError('bad-entry', 'trailing checkpoint header bytes');
    header = { version, space, author, epoch, at, access, content, nonce };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad-entry', 'truncated or malformed checkpoint');
  }
  return { entry: { header, headerBytes, ciphertext, bytes }, signature };
}

/** The state, opened with one of the epoch's keys. Throws 'decrypt-failed', 'over-compressed', 'bad-entry'. */
export function openCheckpointState(c: CheckpointEntry, keys: readonly SymmetricKey[]): Uint8Array {
  let payload: Uint8Array | undefined;
  for (const key of keys) {
    try {
      payload = open(key, { nonce: c.header.nonce, ciphertext: c.ciphertext }, c.headerBytes);
      break;
    } catch {
      // Concurrent rotations may share an epoch number: try the next key.
    }
  }
  if (!payload) throw new AppError('decrypt-failed', 'no key of its epoch opens the checkpoint');
  return decodeContentPayload(payload).update;
}

/** Its id: base64url of the hash of its bytes. */
export function checkpointId(c: CheckpointEntry): string {
  return toBase64Url(hash(c.bytes));
}

/** The author a checkpoint's header names, unverified (for reports about one that was refused), or undefined. */
export function peekCheckpointAuthor(bytes: Uint8Array): DeviceId | undefined {
  try {
    const hd = decoding.createDecoder(decoding.readVarUint8Array(decoding.createDecoder(bytes)));
    decoding.readUint8(hd);
    decoding.readUint8Array(hd, 16);
    return toBase64Url(decoding.readUint8Array(hd, 32)) as DeviceId;
  } catch {
    return undefined;
  }
}
