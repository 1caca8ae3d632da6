/**
 * The plaintext inside a content entry (sealed under the epoch key):
 *
 *   version u8 | flags u8 | at var-uint (ms since 1970, author's clock) | update bytes
 *
 * `at` lets the history view say when a change was made without putting a
 * timestamp in the clear. Flag bit 0: the Yjs update is deflated (fflate).
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
import { deflateSync, inflateSync } from 'fflate';
import { AppError } from '../errors';

const PAYLOAD_VERSION = 1;
const DEFLATED = 1;
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

export function encodeContentPayload(p: ContentPayload, compress = true): Uint8Array {
  let flags = 0;
  let data = p.update;
  if (compress && p.update.length >= MIN_COMPRESS_BYTES) {
    const deflated = deflateSync(p.update, { level: 1 });
    if (deflated.length < p.update.length) {
      data = deflated;
      flags |= DEFLATED;
    }
  }
  const e = encoding.createEncoder();
  encoding.writeUint8(e, PAYLOAD_VERSION);
  encoding.writeUint8(e, flags);
  encoding.writeVarUint(e, Math.max(0, Math.floor(p.at)));
  encoding.writeUint8Array(e, data);
  return encoding.toUint8Array(e);
}

/** Throws AppError('bad-entry') on a payload this version cannot read. */
export function decodeContentPayload(bytes: Uint8Array): ContentPayload {
  try {
    const d = decoding.createDecoder(bytes);
    const version = decoding.readUint8(d);
    if (version !== PAYLOAD_VERSION) throw new AppError('bad-entry', `unknown content payload version ${version}`);
    const flags = decoding.readUint8(d);
    const at = decoding.readVarUint(d);
    const data = bytes.subarray(d.pos);
    return { at, update: flags & DEFLATED ? inflateSync(data) : data };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad-entry', 'malformed content payload');
  }
}
