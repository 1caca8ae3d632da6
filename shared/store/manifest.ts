/**
 * The manifest: one sealed record naming everything the vault holds
 * (SECURITY.md "At rest"). It is rewritten in the same transaction as every
 * write, so after any crash it still matches the store; at unlock, a store
 * that differs from it was edited outside the app.
 *
 * It names, per space and log, each author's head (seq and hash of the
 * newest entry stored), the seqs below it known to be missing (`lost`:
 * only after the organizer chose to go on with a tampered store) and its
 * compacted base (`base`: entries 1..base were dropped, their effect is in the
 * space's checkpoint, ARCHITECTURE.md "Checkpoints and compaction"); and the
 * generation of every bound sealed record (./binding.ts). `generation` is
 * the highest generation handed out so far: a new record always gets a
 * higher one, so an older copy never matches.
 *
 * Plaintext (sealed under the vault's meta subkey, MANIFEST_AD):
 *   version u8 | generation | space count | (space | access log | content log)*
 *   | record count | (name | generation)*
 *   log = head count | (author | seq | hash 32B | base | lost count | (from | to)*)*
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { open, seal, utf8Encode, type DeviceId, type Hash, type SpaceId, type SymmetricKey } from '../crypto';
import { AppError } from '../errors';
import type { ChainHead } from '../log/chain';
import type { LogKind } from '../log/entry';
import type { ManifestRecord } from './records';

const MANIFEST_VERSION = 2;
const MANIFEST_AD = (): Uint8Array => utf8Encode('sealed-roster/manifest/v2');

/** Seqs from..to (inclusive). */
export type SeqRange = readonly [from: number, to: number];

/** An author's head in one log, and the seqs at or below it that are known to be missing. */
export interface BoundHead extends ChainHead {
  /** Sorted, disjoint. Empty unless the organizer went on with a tampered store (shared/vault/rebind.ts). */
  readonly lost: readonly SeqRange[];
  /**
   * Entries 1..base were compacted away: the space's checkpoint holds their effect and the store
   * must hold none of them (0: nothing compacted). Never above `seq`; `lost` lies above it.
   */
  readonly base: number;
}

export type SpaceManifest = Readonly<Record<LogKind, readonly BoundHead[]>>;

export interface Manifest {
  readonly generation: number;
  readonly spaces: ReadonlyMap<SpaceId, SpaceManifest>;
  /** Generation of each bound sealed record, by RecordRef name. */
  readonly records: ReadonlyMap<string, number>;
}

export const EMPTY_MANIFEST: Manifest = { generation: 0, spaces: new Map(), records: new Map() };
export const EMPTY_SPACE: SpaceManifest = { access: [], content: [] };

function writeLog(e: encoding.Encoder, heads: readonly BoundHead[]): void {
  encoding.writeVarUint(e, heads.length);
  for (const h of heads) {
    encoding.writeVarString(e, h.author);
    encoding.writeVarUint(e, h.seq);
    encoding.writeUint8Array(e, h.hash);
    encoding.writeVarUint(e, h.base);
    encoding.writeVarUint(e, h.lost.length);
    for (const [from, to] of h.lost) {
      encoding.writeVarUint(e, from);
      encoding.writeVarUint(e, to);
    }
  }
}

function readLog(d: decoding.Decoder): BoundHead[] {
  const heads: BoundHead[] = [];
  for (let i = decoding.readVarUint(d); i > 0; i--) {
    const author = decoding.readVarString(d) as DeviceId;
    const seq = decoding.readVarUint(d);
    const hash = decoding.readUint8Array(d, 32).slice() as Hash;
    const base = decoding.readVarUint(d);
    if (base > seq) throw new AppError('vault-corrupt', 'a compacted base past its head');
    const lost: SeqRange[] = [];
    for (let j = decoding.readVarUint(d); j > 0; j--) lost.push([decoding.readVarUint(d), decoding.readVarUint(d)]);
    heads.push({ author, seq, hash, lost, base });
  }
  return heads;
}

export function encodeManifest(m: Manifest): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, MANIFEST_VERSION);
  encoding.writeVarUint(e, m.generation);
  encoding.writeVarUint(e, m.spaces.size);
  for (const [space, logs] of m.spaces) {
    encoding.writeVarString(e, space);
    writeLog(e, logs.access);
    writeLog(e, logs.content);
  }
  encoding.writeVarUint(e, m.records.size);
  for (const [name, generation] of m.records) {
    encoding.writeVarString(e, name);
    encoding.writeVarUint(e, generation);
  }
  return encoding.toUint8Array(e);
}

/** Throws AppError('vault-corrupt') on bytes this version cannot read. */
export function decodeManifest(bytes: Uint8Array): Manifest {
  try {
    const d = decoding.createDecoder(bytes);
    if (decoding.readUint8(d) !== MANIFEST_VERSION) throw new AppError('vault-corrupt', 'unknown manifest version');
    const generation = decoding.readVarUint(d);
    const spaces = new Map<SpaceId, SpaceManifest>();
    for (let i = decoding.readVarUint(d); i > 0; i--) {
      const space = decoding.readVarString(d) as SpaceId;
      spaces.set(space, { access: readLog(d), content: readLog(d) });
    }
    const records = new Map<string, number>();
    for (let i = decoding.readVarUint(d); i > 0; i--) records.set(decoding.readVarString(d), decoding.readVarUint(d));
    if (decoding.hasContent(d)) throw new AppError('vault-corrupt', 'trailing manifest bytes');
    return { generation, spaces, records };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('vault-corrupt', 'manifest is malformed');
  }
}

export function sealManifest(key: SymmetricKey, m: Manifest): ManifestRecord {
  return { v: 1, sealed: seal(key, encodeManifest(m), MANIFEST_AD()) };
}

/** Throws AppError('decrypt-failed') when it was not sealed by this vault or was changed. */
export function openManifest(key: SymmetricKey, record: ManifestRecord): Manifest {
  return decodeManifest(open(key, record.sealed, MANIFEST_AD()));
}

/** The heads of one log as a map by author. */
export function headsByAuthor(heads: readonly BoundHead[]): Map<DeviceId, BoundHead> {
  return new Map(heads.map((h) => [h.author, h]));
}

/**
 * The heads after storing `entries` (each with its hash, in chain order per
 * author): a head moves forward to a newer entry; an entry at or below it
 * fills a lost seq.
 */
export function advanceHeads(
  heads: readonly BoundHead[],
  entries: readonly { readonly author: DeviceId; readonly seq: number; readonly hash: Hash }[],
): BoundHead[] {
  const by = headsByAuthor(heads);
  for (const { author, seq, hash } of entries) {
    const h = by.get(author);
    if (!h) by.set(author, { author, seq, hash, lost: [], base: 0 });
    else if (seq > h.seq) by.set(author, { author, seq, hash, lost: h.lost, base: h.base });
    else if (isLost(h, seq)) by.set(author, { ...h, lost: withoutSeq(h.lost, seq) });
  }
  return [...by.values()].sort((a, b) => (a.author < b.author ? -1 : a.author > b.author ? 1 : 0));
}

/**
 * The heads after compacting up to `upTo` (per author, the seq a checkpoint covers): each base moves
 * forward to it, never back, and lost seqs at or below the new base are forgotten (nothing is asked
 * for there any more: the checkpoint holds what the chain held).
 */
export function compactHeads(heads: readonly BoundHead[], upTo: ReadonlyMap<DeviceId, number>): BoundHead[] {
  return heads.map((h) => {
    const base = Math.max(h.base, Math.min(upTo.get(h.author) ?? 0, h.seq));
    if (base === h.base) return h;
    const lost = h.lost.flatMap(([from, to]): SeqRange[] => (to <= base ? [] : [[Math.max(from, base + 1), to]]));
    return { ...h, base, lost };
  });
}

/** The heads after a received checkpoint moved some forward (their base with them); never back. */
export function jumpHeads(heads: readonly BoundHead[], jump: readonly ChainHead[]): BoundHead[] {
  const by = headsByAuthor(heads);
  for (const { author, seq, hash } of jump) {
    if ((by.get(author)?.seq ?? 0) < seq) by.set(author, { author, seq, hash, lost: [], base: seq });
  }
  return [...by.values()].sort((a, b) => (a.author < b.author ? -1 : a.author > b.author ? 1 : 0));
}

export function isLost(head: BoundHead, seq: number): boolean {
  return head.lost.some(([from, to]) => from <= seq && seq <= to);
}

/** How many lost seqs are at or below `upTo`. */
export function lostUpTo(head: BoundHead, upTo: number): number {
  return head.lost.reduce((n, [from, to]) => n + Math.max(0, Math.min(to, upTo) - from + 1), 0);
}

function withoutSeq(lost: readonly SeqRange[], seq: number): SeqRange[] {
  return lost.flatMap(([from, to]): SeqRange[] => {
    if (seq < from || seq > to) return [[from, to]];
    return [...(from < seq ? [[from, seq - 1] as const] : []), ...(seq < to ? [[seq + 1, to] as const] : [])];
  });
}

/** The seqs in 1..upTo not in `present` (sorted), as ranges. */
export function missingRanges(present: readonly number[], upTo: number): SeqRange[] {
  const have = [...new Set(present)].filter((s) => s >= 1 && s <= upTo).sort((a, b) => a - b);
  const out: SeqRange[] = [];
  let next = 1;
  for (const s of [...have, upTo + 1]) {
    if (s > next) out.push([next, s - 1]);
    next = s + 1;
  }
  return out;
}
