/**
 * Inflating deflated data without trusting it (SECURITY.md "At rest",
 * decompression bombs). Deflate can expand about 1,000-fold: 16 MiB of
 * crafted bytes become 16 GiB. Whoever compresses names the unpacked size
 * beside the data; it is checked against a limit before any work, and the
 * stream is then inflated a slice at a time into a buffer of exactly that
 * size, stopping as soon as it produces more. So neither memory nor time
 * grows past the named size (and what one slice can unpack past it, about
 * 17 MB), whatever the bytes say.
 */
import { Inflate } from 'fflate';
import { AppError } from '../errors';

/** How far deflate can expand (its format allows about 1032:1); a slice of input can produce this much. */
const DEFLATE_MAX_RATIO = 1032;
/** Input fed per step: about as fast as one-shot inflation on large updates (`npm run bench`). */
const MAX_SLICE = 64 * 1024;
/**
 * The smallest step. Each step costs fflate a fixed overhead: 1 KiB steps made the roster index's
 * pieces (about 24 KiB deflated each) inflate several times slower than one shot, most of unlock's
 * time in Chromium. A step this size unpacks at most about 17 MB past what is left, then stops.
 */
const MIN_SLICE = 16 * 1024;

export interface InflateLimit {
  /** Absolute cap on the unpacked size. */
  readonly maxBytes: number;
  /** Cap on unpacked size / packed size. */
  readonly maxRatio: number;
  /** Below this unpacked size the ratio is not checked (tiny data can legitimately shrink a lot). */
  readonly ratioFloor: number;
}

/** The most `packed` bytes may unpack to under `limit`. */
export function allowedUnpackedSize(packed: number, limit: InflateLimit): number {
  return Math.min(limit.maxBytes, Math.max(limit.ratioFloor, packed * limit.maxRatio));
}

/** Throws AppError('over-compressed') when `size` is more than `limit` allows for `packed` bytes. */
export function checkUnpackedSize(size: number, packed: number, limit: InflateLimit, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new AppError('over-compressed', `${what}: bad unpacked size`);
  const allowed = allowedUnpackedSize(packed, limit);
  if (size > allowed) {
    throw new AppError('over-compressed', `${what} would unpack to ${size} bytes, more than the ${allowed} allowed`);
  }
}

/**
 * Inflates `data`, which must unpack to exactly `size` bytes (checked with
 * `checkUnpackedSize` first). Throws AppError('over-compressed') as soon as
 * it produces more, AppError(`malformed`) when the stream is bad or shorter.
 */
export function inflateExactly(
  data: Uint8Array,
  size: number,
  limit: InflateLimit,
  what: string,
  malformed: 'bad-entry' | 'vault-corrupt',
): Uint8Array {
  checkUnpackedSize(size, data.length, limit, what);
  const out = new Uint8Array(size);
  let at = 0;
  const inflate = new Inflate((chunk) => {
    if (chunk.length > size - at) throw new AppError('over-compressed', `${what} unpacks past its stated size`);
    out.set(chunk, at);
    at += chunk.length;
  });
  try {
    let offset = 0;
    do {
      // Small slices near the end: one slice can never produce much more than what is left.
      const slice = Math.max(MIN_SLICE, Math.min(MAX_SLICE, Math.ceil((size - at) / DEFLATE_MAX_RATIO)));
      const end = Math.min(data.length, offset + slice);
      inflate.push(data.subarray(offset, end), end === data.length);
      offset = end;
    } while (offset < data.length);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(malformed, `${what} is not valid deflate data`);
  }
  if (at !== size) throw new AppError(malformed, `${what} unpacks to less than its stated size`);
  return out;
}
