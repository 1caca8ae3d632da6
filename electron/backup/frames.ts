/**
 * The frame format of every file in the backup folder (SECURITY.md "Crash safety and backups").
 * A file is an 8-byte magic naming its kind, then frames:
 *
 *   frame = u32 body length | u32 CRC-32 of body | body
 *   body  = u8 kind | u64 seq | payload
 *
 * `ops` frames carry one committed store transaction exactly as the renderer sealed and encoded
 * it: main never reads the payload. `start` and `end` bracket a complete copy (a base or an
 * exported backup); a copy without its `end` is incomplete. A reader stops at the first frame that
 * is short or fails its CRC: that is where a write was torn, and nothing after it was ever
 * acknowledged (appends are written and fsynced in order).
 */
import { crc32 } from 'node:zlib';

export const MAGIC = {
  /** A base: a complete copy of the store as of `start.seq`. */
  base: 'SRMBASE1',
  /** A journal segment: transactions after a base, in commit order. */
  journal: 'SRMJRNL1',
  /** A backup saved to a folder the organizer chose: a base and the journal after it, in one file. */
  backup: 'SRBACKP1',
} as const;
export type FileKind = keyof typeof MAGIC;
export const MAGIC_BYTES = 8;

export type FrameKind = 'ops' | 'start' | 'end';
const KIND_CODES: Record<FrameKind, number> = { ops: 1, start: 2, end: 3 };
const KINDS_BY_CODE = new Map(Object.entries(KIND_CODES).map(([k, v]) => [v, k as FrameKind]));

const HEADER_BYTES = 8;
const BODY_PREFIX_BYTES = 9;
/** Far above any transaction the renderer may send (contract LIMITS.mirrorFrameBytes). */
export const MAX_FRAME_BODY = 512 * 1024 * 1024;

export interface Frame {
  readonly kind: FrameKind;
  /** The store transaction's sequence number (for `start`/`end`: the seq the copy covers). */
  readonly seq: number;
  readonly payload: Uint8Array;
}

export function magicOf(kind: FileKind): Uint8Array {
  return new TextEncoder().encode(MAGIC[kind]);
}

export function encodeFrame(frame: Frame): Uint8Array {
  const length = BODY_PREFIX_BYTES + frame.payload.byteLength;
  const out = new Uint8Array(HEADER_BYTES + length);
  const view = new DataView(out.buffer);
  view.setUint32(0, length);
  out[HEADER_BYTES] = KIND_CODES[frame.kind];
  view.setBigUint64(HEADER_BYTES + 1, BigInt(frame.seq));
  out.set(frame.payload, HEADER_BYTES + BODY_PREFIX_BYTES);
  view.setUint32(4, crc32(out.subarray(HEADER_BYTES)));
  return out;
}

export function encodeFrames(frames: readonly Frame[]): Uint8Array {
  const parts = frames.map(encodeFrame);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export interface ParsedFile {
  readonly kind: FileKind | null;
  readonly frames: Frame[];
  /** Bytes up to the end of the last whole frame (the length to truncate a torn file to). */
  readonly validBytes: number;
  /** True when bytes follow the last whole frame (a torn write, or damage). */
  readonly torn: boolean;
}

/** Reads a file's frames up to the first torn or damaged one. A file with an unknown magic has none. */
export function parseFile(bytes: Uint8Array): ParsedFile {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC_BYTES));
  const kind = (Object.keys(MAGIC) as FileKind[]).find((k) => MAGIC[k] === magic) ?? null;
  if (kind === null) return { kind, frames: [], validBytes: 0, torn: bytes.byteLength > 0 };
  const frames: Frame[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = MAGIC_BYTES;
  while (at + HEADER_BYTES <= bytes.byteLength) {
    const length = view.getUint32(at);
    const end = at + HEADER_BYTES + length;
    if (length < BODY_PREFIX_BYTES || length > MAX_FRAME_BODY || end > bytes.byteLength) break;
    const body = bytes.subarray(at + HEADER_BYTES, end);
    if (crc32(body) !== view.getUint32(at + 4)) break;
    const frameKind = KINDS_BY_CODE.get(body[0]!);
    const seq = Number(view.getBigUint64(at + HEADER_BYTES + 1));
    if (!frameKind || !Number.isSafeInteger(seq)) break;
    frames.push({ kind: frameKind, seq, payload: body.subarray(BODY_PREFIX_BYTES) });
    at = end;
  }
  return { kind, frames, validBytes: at, torn: at < bytes.byteLength };
}

/**
 * The transactions of a complete copy (a base or an exported backup) and the seq it covers, or
 * null when the copy is incomplete or damaged: it must open with `start`, close with a matching
 * `end`, and nothing may follow.
 */
export function readCopy(parsed: ParsedFile): { covers: number; ops: Frame[] } | null {
  const { frames } = parsed;
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (parsed.torn || !first || !last || first.kind !== 'start' || last.kind !== 'end' || first.seq !== last.seq) {
    return null;
  }
  const ops = frames.slice(1, -1);
  if (ops.some((f) => f.kind !== 'ops')) return null;
  return { covers: first.seq, ops };
}
