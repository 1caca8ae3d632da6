/**
 * A signed checkpoint (ARCHITECTURE.md "Checkpoints and compaction"): the full merged state of a
 * space, sealed under an epoch key and signed by its author like any entry, naming the per-author
 * heads of both logs it covers. A device that compacted away entries a peer lacks sends it instead
 * of them, then the entries past it; what the receiver checks before it trusts it is in SECURITY.md
 * "Checkpoints, compaction and retention" (shared/vault/checkpoint-receive.ts).
 *
 * It may carry the space's **roster index** (the read index's pieces, shared/model/roster-index.ts,
 * opaque here), sealed apart from the state, so that a newcomer can show the roster from it before
 * the large state arrives ("the index part", sent first: `checkpointIndexPart`). The signature covers
 * the header only, and the header names the hash of each sealed part, so the index part verifies
 * without the state and the state cannot be swapped under a verified index (nor an index from another
 * checkpoint under this header).
 *
 * Layout (lib0 var-uints; ids as raw bytes):
 *   core   = version u8 | space 16B | author 32B | epoch | at | access heads | content heads
 *            | state nonce 24B | index nonce 24B
 *   header = core | state hash 32B | index hash 32B (all zero: no index)
 *   heads  = count | (author 32B | seq | hash 32B)*
 *   bytes  = header-length | header | index-length | index ciphertext | state-length | state ciphertext
 *            | signature 64B over the header (context 'checkpoint', so no entry or other signed message
 *            passes for one)
 *   index part = header-length | header | index-length | index ciphertext | signature 64B
 * Each part is a content payload (log/content-payload.ts: deflated with its unpacked size, so a bomb
 * is refused before it is unpacked) sealed with XChaCha20-Poly1305, the core and the part's tag as
 * associated data (neither part opens as the other). The index's plaintext is its pieces, each a
 * var-uint8-array, after their count.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  bytesEqual,
  deviceIdOf,
  fromBase64Url,
  hash,
  open,
  randomBytes,
  sealWithNonce,
  sign,
  signingKeyOf,
  toBase64Url,
  verify,
  type DeviceId,
  type DeviceIdentity,
  type Hash,
  type SpaceId,
  type SymmetricKey,
} from '../crypto';
import { AppError } from '../errors';
import type { ChainHead } from './chain';
import { decodeContentPayload, encodeContentPayload } from './content-payload';

export const CHECKPOINT_ENTRY_VERSION = 2;
/** A checkpoint travels in one sync frame (shared/sync/frames.ts): larger ones are refused unread. */
export const MAX_CHECKPOINT_BYTES = 16 * 1024 * 1024;
/** Its roster index, sealed: sent on its own before the state, so it is bounded apart. */
export const MAX_CHECKPOINT_INDEX_BYTES = 4 * 1024 * 1024;
/** More pieces than an index of the largest checkpoint has (each is about 192 KiB of JSON). */
export const MAX_CHECKPOINT_INDEX_PIECES = 4096;
/** More heads than any space has authors: a forger's list is refused before it is read. */
export const MAX_CHECKPOINT_HEADS = 4096;

const SIGNATURE_BYTES = 64;
const NO_INDEX = new Uint8Array(32);
/** The tag each part's associated data ends with. */
const STATE_PART = 1;
const INDEX_PART = 2;

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
  readonly indexNonce: Uint8Array;
  readonly stateHash: Hash;
  /** All zero when it carries no index. */
  readonly indexHash: Hash;
}

export interface CheckpointEntry {
  readonly header: CheckpointHeader;
  readonly headerBytes: Uint8Array;
  /** The bytes the parts are sealed with (the header without the parts' hashes). */
  readonly core: Uint8Array;
  readonly ciphertext: Uint8Array;
  /** Empty when it carries no index. */
  readonly indexCiphertext: Uint8Array;
  /** Exactly what was signed and is sent. */
  readonly bytes: Uint8Array;
}

/** A checkpoint's index part (sent before it), verified: its header and its sealed index. */
export interface CheckpointIndexPart {
  readonly header: CheckpointHeader;
  readonly headerBytes: Uint8Array;
  readonly core: Uint8Array;
  readonly indexCiphertext: Uint8Array;
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
  /** The roster index's pieces (opaque here); none: the checkpoint carries no index. */
  readonly index?: readonly Uint8Array[];
}

/** Seals and signs a checkpoint authored by this device. */
export function createCheckpointEntry(author: DeviceIdentity, n: NewCheckpoint): CheckpointEntry {
  const { state, index, ...rest } = n;
  return signCheckpointPayload(
    author,
    rest,
    encodeContentPayload({ at: n.at, update: state }),
    index && encodeIndexPayload(n.at, index),
  );
}

/** The index's pieces as a content payload (deflated, with their unpacked size). */
export function encodeIndexPayload(at: number, pieces: readonly Uint8Array[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, pieces.length);
  for (const piece of pieces) encoding.writeVarUint8Array(e, piece);
  return encodeContentPayload({ at, update: encoding.toUint8Array(e) });
}

function partAd(core: Uint8Array, tag: number): Uint8Array {
  const ad = new Uint8Array(core.length + 1);
  ad.set(core, 0);
  ad[core.length] = tag;
  return ad;
}

/**
 * The same with its payloads as given (what createCheckpointEntry seals; tests make hostile ones).
 * `indexPayload` undefined: no index.
 */
export function signCheckpointPayload(
  author: DeviceIdentity,
  n: Omit<NewCheckpoint, 'state' | 'index'>,
  payload: Uint8Array,
  indexPayload?: Uint8Array,
): CheckpointEntry {
  const nonce = randomBytes(24);
  const indexNonce = randomBytes(24);
  const c = encoding.createEncoder();
  encoding.writeUint8(c, CHECKPOINT_ENTRY_VERSION);
  encoding.writeUint8Array(c, fromBase64Url(n.space));
  encoding.writeUint8Array(c, fromBase64Url(deviceIdOf(author.signPublic)));
  encoding.writeVarUint(c, n.epoch.number);
  encoding.writeVarUint(c, Math.max(0, Math.floor(n.at)));
  writeHeads(c, n.access);
  writeHeads(c, n.content);
  encoding.writeUint8Array(c, nonce);
  encoding.writeUint8Array(c, indexNonce);
  const core = encoding.toUint8Array(c);
  const ciphertext = sealWithNonce(n.epoch.key, payload, partAd(core, STATE_PART), nonce);
  const indexCiphertext = indexPayload
    ? sealWithNonce(n.epoch.key, indexPayload, partAd(core, INDEX_PART), indexNonce)
    : new Uint8Array(0);
  if (indexCiphertext.length > MAX_CHECKPOINT_INDEX_BYTES) {
    throw new AppError('bad-entry', 'the roster is too large for a checkpoint’s index');
  }
  const h = encoding.createEncoder();
  encoding.writeUint8Array(h, core);
  encoding.writeUint8Array(h, hash(ciphertext));
  encoding.writeUint8Array(h, indexPayload ? hash(indexCiphertext) : NO_INDEX);
  const headerBytes = encoding.toUint8Array(h);
  const e = encoding.createEncoder();
  encoding.writeVarUint8Array(e, headerBytes);
  encoding.writeVarUint8Array(e, indexCiphertext);
  encoding.writeVarUint8Array(e, ciphertext);
  encoding.writeUint8Array(e, sign(author.signSecret, 'checkpoint', headerBytes));
  const bytes = encoding.toUint8Array(e);
  if (bytes.length > MAX_CHECKPOINT_BYTES) throw new AppError('bad-entry', 'the space is too large for a checkpoint');
  return decodeCheckpointEntry(bytes);
}

/**
 * Parses and checks the author's signature and that each part is the one the signed header names.
 * Does not decide whether the author may publish one (shared/vault/checkpoint-receive.ts) nor
 * decrypt. Throws AppError('bad-entry' | 'bad-signature').
 */
export function decodeCheckpointEntry(bytes: Uint8Array): CheckpointEntry {
  const { entry, signature } = parseCheckpoint(bytes);
  verifyHeader(entry.header, entry.headerBytes, signature);
  if (!bytesEqual(hash(entry.ciphertext), entry.header.stateHash)) {
    throw new AppError('bad-signature', 'the checkpoint’s state is not the one its author signed');
  }
  checkIndexHash(entry.header, entry.indexCiphertext);
  return entry;
}

function verifyHeader(header: CheckpointHeader, headerBytes: Uint8Array, signature: Uint8Array): void {
  if (!verify(signingKeyOf(header.author), 'checkpoint', headerBytes, signature)) {
    throw new AppError('bad-signature', 'checkpoint signature does not verify');
  }
}

function checkIndexHash(header: CheckpointHeader, indexCiphertext: Uint8Array): void {
  const named = bytesEqual(header.indexHash, NO_INDEX)
    ? indexCiphertext.length === 0
    : bytesEqual(hash(indexCiphertext), header.indexHash);
  if (!named) throw new AppError('bad-signature', 'the checkpoint’s roster index is not the one its author signed');
}

/**
 * The index part of a checkpoint this device verified (what a sender sends before it), or
 * undefined when it carries none. Throws AppError('bad-entry').
 */
export function checkpointIndexPart(bytes: Uint8Array): Uint8Array | undefined {
  const { entry, signature } = parseCheckpoint(bytes);
  if (entry.indexCiphertext.length === 0) return undefined;
  const e = encoding.createEncoder();
  encoding.writeVarUint8Array(e, entry.headerBytes);
  encoding.writeVarUint8Array(e, entry.indexCiphertext);
  encoding.writeUint8Array(e, signature);
  return encoding.toUint8Array(e);
}

/**
 * Parses an index part and checks its signature and that its index is the one the header names.
 * Throws AppError('bad-entry' | 'bad-signature').
 */
export function decodeCheckpointIndexPart(bytes: Uint8Array): CheckpointIndexPart {
  if (bytes.length > MAX_CHECKPOINT_INDEX_BYTES + 64 * 1024) {
    throw new AppError('bad-entry', 'checkpoint index too large');
  }
  let headerBytes: Uint8Array, indexCiphertext: Uint8Array, signature: Uint8Array;
  try {
    const d = decoding.createDecoder(bytes);
    headerBytes = decoding.readVarUint8Array(d);
    indexCiphertext = decoding.readVarUint8Array(d);
    signature = decoding.readUint8Array(d, SIGNATURE_BYTES);
    if (decoding.hasContent(d)) throw new AppError('bad-entry', 'trailing checkpoint index bytes');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad-entry', 'truncated or malformed checkpoint index');
  }
  if (indexCiphertext.length === 0 || indexCiphertext.length > MAX_CHECKPOINT_INDEX_BYTES) {
    throw new AppError('bad-entry', 'a checkpoint index of no size or too large');
  }
  const { header, core } = parseHeader(headerBytes);
  verifyHeader(header, headerBytes, signature);
  checkIndexHash(header, indexCiphertext);
  return { header, headerBytes, core, indexCiphertext };
}

/**
 * The heads a checkpoint names, its signature unchecked: only for one this device verified when it
 * made or took it (what a sender reads before it sends it on). Throws AppError('bad-entry').
 */
export function checkpointContentHeads(bytes: Uint8Array): readonly ChainHead[] {
  return parseCheckpoint(bytes).entry.header.content;
}

function parseHeader(headerBytes: Uint8Array): { header: CheckpointHeader; core: Uint8Array } {
  try {
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
    const indexNonce = decoding.readUint8Array(hd, 24);
    const core = headerBytes.subarray(0, hd.pos);
    const stateHash = decoding.readUint8Array(hd, 32) as Hash;
    const indexHash = decoding.readUint8Array(hd, 32) as Hash;
    if (decoding.hasContent(hd)) throw new AppError('bad-entry', 'trailing checkpoint header bytes');
    const header = { version, space, author, epoch, at, access, content, nonce, indexNonce, stateHash, indexHash };
    return { header, core };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad-entry', 'truncated or malformed checkpoint');
  }
}

function parseCheckpoint(bytes: Uint8Array): { entry: CheckpointEntry; signature: Uint8Array } {
  if (bytes.length > MAX_CHECKPOINT_BYTES) throw new AppError('bad-entry', 'checkpoint too large');
  let headerBytes: Uint8Array, indexCiphertext: Uint8Array, ciphertext: Uint8Array, signature: Uint8Array;
  try {
    const d = decoding.createDecoder(bytes);
    headerBytes = decoding.readVarUint8Array(d);
    indexCiphertext = decoding.readVarUint8Array(d);
    ciphertext = decoding.readVarUint8Array(d);
    signature = decoding.readUint8Array(d, SIGNATURE_BYTES);
    if (decoding.hasContent(d)) throw new AppError('bad-entry', 'trailing checkpoint bytes');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad-entry', 'truncated or malformed checkpoint');
  }
  if (indexCiphertext.length > MAX_CHECKPOINT_INDEX_BYTES)
    throw new AppError('bad-entry', 'checkpoint index too large');
  const { header, core } = parseHeader(headerBytes);
  return { entry: { header, headerBytes, core, ciphertext, indexCiphertext, bytes }, signature };
}

/** Opens one part with one of the epoch's keys. Throws 'decrypt-failed', 'over-compressed', 'bad-entry'. */
function openPart(
  header: CheckpointHeader,
  core: Uint8Array,
  tag: number,
  ciphertext: Uint8Array,
  keys: readonly SymmetricKey[],
): Uint8Array {
  const nonce = tag === STATE_PART ? header.nonce : header.indexNonce;
  let payload: Uint8Array | undefined;
  for (const key of keys) {
    try {
      payload = open(key, { nonce, ciphertext }, partAd(core, tag));
      break;
    } catch {
      // Concurrent rotations may share an epoch number: try the next key.
    }
  }
  if (!payload) throw new AppError('decrypt-failed', 'no key of its epoch opens the checkpoint');
  return decodeContentPayload(payload).update;
}

/** The state, opened with one of the epoch's keys. Throws 'decrypt-failed', 'over-compressed', 'bad-entry'. */
export function openCheckpointState(c: CheckpointEntry, keys: readonly SymmetricKey[]): Uint8Array {
  return openPart(c.header, c.core, STATE_PART, c.ciphertext, keys);
}

/**
 * The roster index's pieces, opened with one of the epoch's keys and unpacked within the content
 * limits. Throws 'decrypt-failed', 'over-compressed', 'bad-entry'.
 */
export function openCheckpointIndex(part: CheckpointIndexPart, keys: readonly SymmetricKey[]): Uint8Array[] {
  const plain = openPart(part.header, part.core, INDEX_PART, part.indexCiphertext, keys);
  try {
    const d = decoding.createDecoder(plain);
    const count = decoding.readVarUint(d);
    if (count === 0 || count > MAX_CHECKPOINT_INDEX_PIECES) throw new AppError('bad-entry', 'bad piece count');
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < count; i++) pieces.push(decoding.readVarUint8Array(d));
    if (decoding.hasContent(d)) throw new AppError('bad-entry', 'trailing checkpoint index bytes');
    return pieces;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad-entry', 'a truncated or malformed checkpoint index');
  }
}

/** Its id: base64url of the hash of its bytes. */
export function checkpointId(c: CheckpointEntry): string {
  return toBase64Url(hash(c.bytes));
}

/** The author a checkpoint's (or its index part's) header names, unverified (for reports about one that was refused), or undefined. */
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
