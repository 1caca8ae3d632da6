/**
 * The plaintext inside a content entry (sealed under the epoch key):
 *
 *   version u8 | flags u8 | at var-uint (ms since 1970, author's clock) | [size var-uint] | update bytes
 *
 * `at` lets the history view say when a change was made without putting a
 * timestamp in the clear. Flag bit 0: the Yjs update is deflated (fflate),
 * and `size` says how many bytes it unpacks to: the reader checks it against
 * MAX_UNPACKED_UPDATE before inflating anything (util/inflate.ts), since any
 * member can seal a decompression bomb (SECURITY.md "At rest").
 *
 * Why compress: a vault keeps each change twice (the entry and, merged, the
 * local snapshot), while plaintext y-indexeddb keeps it once. Yjs updates of
 * member records and notes deflate well (measured: the 10k-member chapter's
 * 41 MB update deflates to 7.9 MB at level 1, 7.2 MB at level 6 for 3x the
 * time), which pays for the second copy: bytes at rest 1.19x the plaintext
 * baseline (`npm run bench`) instead of ~2x. Compression must happen before sealing: ciphertext does
 * not compress. Level 1 is chosen because inflating is fast at any level and
 * the higher levels gain little on this data for several times the CPU.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { deflateSync } from 'fflate';
import { AppError } from '../errors';
import { allowedUnpackedSize, inflateExactly, type InflateLimit } from '../util/inflate';

const PAYLOAD_VERSION = 2;
const DEFLATED = 1;

/**
 * What one content entry may unpack to. The absolute cap is far above an
 * honest entry (the whole 10k-member chapter in one entry is 41 MB, deflated
 * about 5x); the ratio cap is far above what Yjs updates deflate to. Both
 * bound what a hostile member's entry costs each peer that receives it.
 */
export const MAX_UNPACKED_UPDATE: InflateLimit = {
  maxBytes: 128 * 1024 * 1024,
  maxRatio: 64,
  ratioFloor: 64 * 1024,
};
/**
 * Small updates (a field, a short note) shrink little, and inflating each one
 * on arrival was a tenth of receiving a day's work (`npm run bench`, sync_2k_entries).
 */
const MIN_COMPRESS_BYTES = 1024;

export interface ContentPayload {
  /** When the author made the change, ms since 1970 (the author's clock: a hint, not a proof). */
  readonly at: number;
  readonly update: Uint8Array;
}

/**
 * Throws AppError('change-too-large') on an update larger than any reader
 * unpacks (MAX_UNPACKED_UPDATE), before spending time deflating it; the
 * sealed entry is checked against what readers take by createEntry.
 */
export function encodeContentPayload(p: ContentPayload, compress = true): Uint8Array {
  if (p.update.length > MAX_UNPACKED_UPDATE.maxBytes) {
    throw new AppError('change-too-large', `an update of ${p.update.length} bytes is more than readers unpack`);
  }
  let flags = 0;
  let data = p.update;
  if (compress && p.update.length >= MIN_COMPRESS_BYTES) {
    const deflated = deflateSync(p.update, { level: 1 });
    // Kept plain when it shrinks more than any reader would unpack: an honest change must open everywhere.
    const readable = allowedUnpackedSize(deflated.length, MAX_UNPACKED_UPDATE) >= p.update.length;
    if (deflated.length < p.update.length && readable) {
      data = deflated;
      flags |= DEFLATED;
    }
  }
  const e = encoding.createEncoder();
  encoding.writeUint8(e, PAYLOAD_VERSION);
  encoding.writeUint8(e, flags);
  encoding.writeVarUint(e, Math.max(0, Math.floor(p.at)));
  if (flags & DEFLATED) encoding.writeVarUint(e, p.update.length);
  encoding.writeUint8Array(e, data);
  return encoding.toUint8Array(e);
}

/**
 * The most a sealed payload of `sealedBytes` can unpack to: what a receiver
 * must be ready to hold before it has opened the entry (space-receive.ts).
 */
export function worstUnpackedSize(sealedBytes: number): number {
  return Math.max(sealedBytes, allowedUnpackedSize(sealedBytes, MAX_UNPACKED_UPDATE));
}

/**
 * Throws AppError('over-compressed') on an update that would unpack past
 * MAX_UNPACKED_UPDATE, AppError('bad-entry') on a payload this version
 * cannot read.
 */
export function decodeContentPayload(bytes: Uint8Array): ContentPayload {
  let at: number, flags: number, size: number, data: Uint8Array;
  try {
    const d = decoding.createDecoder(bytes);
    const version = decoding.readUint8(d);
    if (version !== PAYLOAD_VERSION) throw new AppError('bad-entry', `unknown content payload version ${version}`);
    flags = decoding.readUint8(d);
    at = decoding.readVarUint(d);
    size = flags & DEFLATED ? decoding.readVarUint(d) : 0;
    data = bytes.subarray(d.pos);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad-entry', 'malformed content payload');
  }
  if (!(flags & DEFLATED)) return { at, update: data };
  return { at, update: inflateExactly(data, size, MAX_UNPACKED_UPDATE, 'a change', 'bad-entry') };
}
