/**
 * One entry of a space's signed change log (ARCHITECTURE.md "From an edit to disk").
 *
 * Version 2 binary layout (all integers are lib0 var-uints):
 *   header  = version u8 | log u8 | space 16B | author 32B | seq | prev 32B | epoch | nonce 24B
 *   entry   = header-length | header | ciphertext-length | ciphertext | signature 64B
 *
 * - `log` separates the two logs of a space: `access` (signed control records,
 *   readable by every device of the space, no member data) and `content`
 *   (a Yjs update sealed with XChaCha20-Poly1305 under the epoch key).
 * - The header is the AEAD associated data; the signature covers the context
 *   'entry' (shared/crypto `sign`), header and ciphertext. Per (space, log,
 *   author) entries form a hash chain through `prev`.
 * - Entries are stored and sent as these exact bytes; the id of an entry is the
 *   BLAKE2b hash of them.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { AppError } from '../errors';
import {
  bytesEqual,
  fromBase64Url,
  hash,
  open,
  sign,
  signingKeyOf,
  toBase64Url,
  verify,
  type DeviceId,
  type DeviceIdentity,
  type Hash,
  type SignatureContext,
  type SpaceId,
  type SymmetricKey,
  deviceIdOf,
  randomBytes,
  sealWithNonce,
} from '../crypto';

/** 2: the signature covers the context 'entry' first (SECURITY.md "Device cards and invites"). */
export const ENTRY_VERSION = 2;
/** Larger entries are refused on arrival: a hostile peer cannot make us allocate without bound. */
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

/**
 * Whether entry bytes of this length are ones every reader takes. The one check of both sides:
 * readers refuse larger entries, so this device never makes one (SECURITY.md "At rest"): a stored
 * entry no one can read would be a change shown as saved and then lost.
 */
export function entryFits(length: number): boolean {
  return length <= MAX_ENTRY_BYTES;
}

export type LogKind = 'access' | 'content';
const LOG_CODES: Record<LogKind, number> = { access: 1, content: 2 };

export interface EntryHeader {
  readonly version: number;
  readonly log: LogKind;
  readonly space: SpaceId;
  readonly author: DeviceId;
  /** 1 for an author's first entry in this log, then +1 each time. */
  readonly seq: number;
  /** Hash of the author's previous entry in this log; all zeros when seq = 1. */
  readonly prev: Hash;
  /** Epoch of the key that sealed a content entry; 0 for access entries. */
  readonly epoch: number;
  readonly nonce: Uint8Array;
}

/** A decoded entry. `bytes` are exactly what was signed, stored and sent. */
export interface Entry {
  readonly header: EntryHeader;
  readonly headerBytes: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly signature: Uint8Array;
  readonly bytes: Uint8Array;
  /** base64url of hash(bytes). */
  readonly id: string;
}

export const ZERO_HASH = new Uint8Array(32) as Hash;

function encodeHeader(h: EntryHeader): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, h.version);
  encoding.writeUint8(e, LOG_CODES[h.log]);
  encoding.writeUint8Array(e, fixed(fromBase64Url(h.space), 16, 'space'));
  encoding.writeUint8Array(e, fixed(fromBase64Url(h.author), 32, 'author'));
  encoding.writeVarUint(e, h.seq);
  encoding.writeUint8Array(e, fixed(h.prev, 32, 'prev'));
  encoding.writeVarUint(e, h.epoch);
  encoding.writeUint8Array(e, fixed(h.nonce, 24, 'nonce'));
  return encoding.toUint8Array(e);
}

function fixed(bytes: Uint8Array, length: number, what: string): Uint8Array {
  if (bytes.length !== length) throw new AppError('bad-entry', `${what} must be ${length} bytes`);
  return bytes;
}

function decodeHeader(bytes: Uint8Array): EntryHeader {
  const d = decoding.createDecoder(bytes);
  const version = decoding.readUint8(d);
  if (version !== ENTRY_VERSION) throw new AppError('bad-entry', `unknown entry version ${version}`);
  const logCode = decoding.readUint8(d);
  const log = logCode === 1 ? 'access' : logCode === 2 ? 'content' : null;
  if (!log) throw new AppError('bad-entry', 'unknown log');
  const space = toBase64Url(decoding.readUint8Array(d, 16)) as SpaceId;
  const author = toBase64Url(decoding.readUint8Array(d, 32)) as DeviceId;
  const seq = decoding.readVarUint(d);
  const prev = decoding.readUint8Array(d, 32) as Hash;
  const epoch = decoding.readVarUint(d);
  const nonce = decoding.readUint8Array(d, 24);
  if (decoding.hasContent(d)) throw new AppError('bad-entry', 'trailing header bytes');
  if (seq < 1) throw new AppError('bad-entry', 'seq must start at 1');
  if (log === 'access' && epoch !== 0) throw new AppError('bad-entry', 'access entries carry epoch 0');
  return { version, log, space, author, seq, prev, epoch, nonce };
}

/**
 * Parses bytes into an entry and checks its signature against the author named
 * in its header. Does not decide whether that author may write (see
 * shared/space) nor decrypt. Throws AppError('bad-entry' | 'bad-signature').
 */
export function decodeEntry(bytes: Uint8Array): Entry {
  const entry = readStoredEntry(bytes);
  verifyEntrySignature(entry);
  return entry;
}

/** Checks the author's signature over header and ciphertext. Throws AppError('bad-signature'). */
export function verifyEntrySignature(entry: Entry): void {
  if (!verifyFrame(signingKeyOf(entry.header.author), 'entry', entry.bytes, entry.signature)) {
    throw new AppError('bad-signature', 'entry signature does not verify');
  }
}

/**
 * Parses bytes that this device verified with `decodeEntry` when they
 * arrived and then stored: unlock must not pay ~90 µs per entry again
 * (SECURITY.md "At rest" says how stored records are protected instead). Never use it for bytes from outside. Throws AppError('bad-entry').
 */
export function readStoredEntry(bytes: Uint8Array): Entry {
  if (!entryFits(bytes.length)) throw new AppError('bad-entry', 'entry too large');
  let headerBytes: Uint8Array, ciphertext: Uint8Array, signature: Uint8Array;
  let header: EntryHeader;
  try {
    ({ headerBytes, ciphertext, signature } = readSignedFrame(bytes));
    header = decodeHeader(headerBytes);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad-entry', 'truncated or malformed entry');
  }
  return { header, headerBytes, ciphertext, signature, bytes, id: toBase64Url(hash(bytes)) };
}

/**
 * The entry in a buffer of its own. An arriving entry is a view into its
 * batch message (up to 2 MiB): what is kept for long (buffered ahead of its
 * chain, the access log in memory) must not pin the whole message.
 */
export function detachedEntry(entry: Entry): Entry {
  const b = entry.bytes;
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) return entry;
  return readStoredEntry(b.slice());
}

/**
 * The header of entry bytes, without hashing, copying or verifying the rest:
 * for bookkeeping (who, which seq) on bytes that are verified elsewhere.
 * Throws AppError('bad-entry').
 */
export function peekEntryHeader(bytes: Uint8Array): EntryHeader {
  let headerBytes: Uint8Array;
  try {
    headerBytes = decoding.readVarUint8Array(decoding.createDecoder(bytes));
  } catch {
    throw new AppError('bad-entry', 'truncated or malformed entry');
  }
  try {
    return decodeHeader(headerBytes);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad-entry', 'truncated or malformed entry');
  }
}

const SIGNATURE_BYTES = 64;

/**
 * The signed frame of an entry, and of a signed checkpoint (checkpoint-entry.ts: only the header
 * differs):
 *   header-length | header | ciphertext-length | ciphertext | signature 64B
 * the signature, under its purpose's context, covering everything before it.
 */
export interface SignedFrame {
  readonly headerBytes: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly signature: Uint8Array;
}

/** Bytes of lib0's var-uint encoding of `n`. */
function varUintLength(n: number): number {
  let length = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    length++;
  }
  return length;
}

/** The frame, signed by `author` under `context`. */
export function writeSignedFrame(
  author: DeviceIdentity,
  context: SignatureContext,
  headerBytes: Uint8Array,
  ciphertext: Uint8Array,
): { readonly bytes: Uint8Array; readonly signature: Uint8Array } {
  const e = encoding.createEncoder();
  encoding.writeVarUint8Array(e, headerBytes);
  encoding.writeVarUint8Array(e, ciphertext);
  const signature = sign(author.signSecret, context, encoding.toUint8Array(e));
  encoding.writeUint8Array(e, signature);
  return { bytes: encoding.toUint8Array(e), signature };
}

/**
 * The frame's parts, as views into `bytes`, not copies: receiving a day's work parses thousands of
 * entries, and their garbage (young-generation GC) was most of what sync spent beyond plain Yjs.
 * Whoever keeps a part for long copies it. Only the canonical encoding (what writeSignedFrame
 * writes), so the signature covers exactly the bytes before it. Throws lib0's errors when cut
 * short, AppError('bad-entry') for bytes past the signature or another encoding.
 */
export function readSignedFrame(bytes: Uint8Array): SignedFrame {
  const d = decoding.createDecoder(bytes);
  const headerBytes = decoding.readVarUint8Array(d);
  const ciphertext = decoding.readVarUint8Array(d);
  const signature = decoding.readUint8Array(d, SIGNATURE_BYTES);
  if (decoding.hasContent(d)) throw new AppError('bad-entry', 'trailing bytes');
  const signedLength =
    varUintLength(headerBytes.length) + headerBytes.length + varUintLength(ciphertext.length) + ciphertext.length;
  if (signedLength + SIGNATURE_BYTES !== bytes.length) throw new AppError('bad-entry', 'non-canonical encoding');
  return { headerBytes, ciphertext, signature };
}

/** Whether the signature of a frame read by readSignedFrame holds under `context`. */
export function verifyFrame(
  key: ReturnType<typeof signingKeyOf>,
  context: SignatureContext,
  bytes: Uint8Array,
  signature: Uint8Array,
): boolean {
  return verify(key, context, bytes.subarray(0, bytes.length - SIGNATURE_BYTES), signature);
}

export interface NewEntry {
  readonly log: LogKind;
  readonly space: SpaceId;
  readonly seq: number;
  readonly prev: Hash;
  /** Content entries: the epoch and its key. Access entries: omit (payload is signed, not sealed). */
  readonly epoch?: { readonly number: number; readonly key: SymmetricKey };
  readonly payload: Uint8Array;
}

/**
 * Builds, seals (content) and signs an entry authored by this device. Throws
 * AppError('change-too-large') when readers would refuse it (entryFits).
 */
export function createEntry(author: DeviceIdentity, n: NewEntry): Entry {
  if (n.log === 'content' && !n.epoch) throw new AppError('bad-entry', 'content entries need an epoch key');
  // The nonce is chosen first so that the header, which names it, can be the associated data.
  const nonce = n.log === 'content' ? randomBytes(24) : new Uint8Array(24);
  const headerBytes = encodeHeader({
    version: ENTRY_VERSION,
    log: n.log,
    space: n.space,
    author: deviceIdOf(author.signPublic),
    seq: n.seq,
    prev: n.prev,
    epoch: n.log === 'content' ? (n.epoch?.number ?? 0) : 0,
    nonce,
  });
  const ciphertext =
    n.epoch && n.log === 'content' ? sealWithNonce(n.epoch.key, n.payload, headerBytes, nonce) : n.payload;
  const { bytes, signature } = writeSignedFrame(author, 'entry', headerBytes, ciphertext);
  if (!entryFits(bytes.length)) {
    throw new AppError('change-too-large', `an entry of ${bytes.length} bytes is more than readers take`);
  }
  return { header: decodeHeader(headerBytes), headerBytes, ciphertext, signature, bytes, id: toBase64Url(hash(bytes)) };
}

/** Decrypts a content entry with its epoch key. Throws AppError('decrypt-failed'). */
export function openContent(entry: Entry, key: SymmetricKey): Uint8Array {
  if (entry.header.log !== 'content') throw new AppError('bad-entry', 'not a content entry');
  return open(key, { nonce: entry.header.nonce, ciphertext: entry.ciphertext }, entry.headerBytes);
}

/** The hash that the author's next entry must name as `prev`. */
export function entryHash(entry: Entry): Hash {
  return hash(entry.bytes);
}

export function sameBytes(a: Entry, b: Entry): boolean {
  return bytesEqual(a.bytes, b.bytes);
}
