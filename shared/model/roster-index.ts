/**
 * What a space's read index holds (ARCHITECTURE.md "The roster's read index"): what the roster, its
 * search and its filters read, so that they can be shown at unlock before the document is loaded.
 * The vault seals and stores the pieces (shared/vault/read-index.ts); this file says what is in them.
 *
 * Each piece is one UTF-8 JSON object, versioned, of one kind: a run of members as the model returns
 * them (`members.all()`), or the regions, skills, member skills or attendance records. Nothing else
 * of the space is in it (no notes, no history), and nothing the model does not return as valid: the
 * index never holds more than the snapshot written with it.
 *
 * A piece's bytes: version u8 | flags u8 | [unpacked size var-uint] | JSON. Flag bit 0: the JSON is
 * deflated (fflate, level 1, as content entries: log/content-payload.ts). Sealed bytes do not
 * compress, and the roster's JSON is most of the index: deflated, the 10k workload's index is about
 * an eighth of its JSON, which keeps the bytes a vault stores near the plaintext design's
 * (`npm run bench vault-storage`). The reader checks the stated size before inflating anything
 * (util/inflate.ts), so a crafted piece cannot make it unpack more.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { deflateSync } from 'fflate';
import { AppError } from '../errors';
import { allowedUnpackedSize, inflateExactly, type InflateLimit } from '../util/inflate';
import type { Attendance } from './attendance';
import type { CatalogueRecord } from './catalogue';
import { activeRule, DEFAULT_ACTIVE_RULE, type ActiveRule } from './chapter-rules';
import type { Group } from './group';
import type { Member } from './member';
import type { Region } from './region';
import type { MemberSkill, Skill } from './skill';
import type { SpaceData } from './space-data';

/** Bumped when a piece's shape changes; a piece of another version is not read (the space opens as before). */
export const ROSTER_INDEX_VERSION = 3;

/** Plaintext bytes a piece aims at: one piece is decoded per task at unlock. */
export const ROSTER_INDEX_PIECE_BYTES = 192 * 1024;

/**
 * What one piece's JSON may unpack to: far above an honest piece (it aims at 192 KiB; one record
 * larger than that makes a piece of its own), and a ratio far above what the roster's JSON deflates to.
 */
export const MAX_UNPACKED_PIECE: InflateLimit = { maxBytes: 32 * 1024 * 1024, maxRatio: 64, ratioFloor: 64 * 1024 };
const DEFLATED = 1;

/** A piece's bytes (above): deflated, unless that would shrink it past what a reader unpacks. */
function encodePiece(json: Uint8Array): Uint8Array {
  const deflated = deflateSync(json, { level: 1 });
  const packed =
    deflated.length < json.length && allowedUnpackedSize(deflated.length, MAX_UNPACKED_PIECE) >= json.length;
  const e = encoding.createEncoder();
  encoding.writeUint8(e, ROSTER_INDEX_VERSION);
  encoding.writeUint8(e, packed ? DEFLATED : 0);
  if (packed) encoding.writeVarUint(e, json.length);
  encoding.writeUint8Array(e, packed ? deflated : json);
  return encoding.toUint8Array(e);
}

/** The JSON of a piece's bytes; throws AppError('vault-corrupt' | 'over-compressed'). */
export function rosterIndexPieceJson(bytes: Uint8Array): Uint8Array {
  try {
    const d = decoding.createDecoder(bytes);
    if (decoding.readUint8(d) !== ROSTER_INDEX_VERSION) {
      throw new AppError('vault-corrupt', 'a roster index piece is not one this version writes');
    }
    const flags = decoding.readUint8(d);
    if (flags & ~DEFLATED) throw new AppError('vault-corrupt', 'a roster index piece has unknown flags');
    if (!(flags & DEFLATED)) return bytes.subarray(d.pos);
    const size = decoding.readVarUint(d);
    return inflateExactly(bytes.subarray(d.pos), size, MAX_UNPACKED_PIECE, 'a roster index piece', 'vault-corrupt');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('vault-corrupt', 'a roster index piece is cut short');
  }
}

/** What the roster reads, as the model returned it when the index was written. */
export interface RosterIndex {
  readonly members: readonly Member[];
  readonly regions: readonly Region[];
  readonly skills: readonly Skill[];
  readonly memberSkills: readonly MemberSkill[];
  readonly attendance: readonly Attendance[];
  /** For the roster's filters (names only are shown). */
  readonly groups: readonly Group[];
  /** The chapter's names for needs, resources, languages and tags: the filters show them, not the codes. */
  readonly catalogue: readonly CatalogueRecord[];
  /** The chapter's "active" rule (meetings), which the attendance column and filter count by. */
  readonly activeRule: ActiveRule;
}

type Kind = Exclude<keyof RosterIndex, 'activeRule'>;
const KINDS: readonly Kind[] = ['members', 'regions', 'skills', 'memberSkills', 'attendance', 'groups', 'catalogue'];

/** Every kind with no records. */
function emptyParts(): Record<Kind, unknown[]> {
  return Object.fromEntries(KINDS.map((kind) => [kind, []])) as unknown as Record<Kind, unknown[]>;
}

/** An index with nothing in it (what a released preview holds). */
export function emptyRosterIndex(): RosterIndex {
  return { ...(emptyParts() as unknown as Omit<RosterIndex, 'activeRule'>), activeRule: DEFAULT_ACTIVE_RULE };
}

interface Piece {
  readonly v: typeof ROSTER_INDEX_VERSION;
  readonly kind: Kind | 'rule';
  readonly records: readonly unknown[];
}

/** How many records of `records` fit a piece, from the size of the first few. */
function perPiece(records: readonly unknown[]): number {
  const sample = records.slice(0, 32);
  if (sample.length === 0) return 1;
  const average = JSON.stringify(sample).length / sample.length;
  return Math.max(1, Math.floor(ROSTER_INDEX_PIECE_BYTES / Math.max(average, 1)));
}

/**
 * The index of `data` as it is now, as one function per piece (shared/vault/read-index.ts
 * ReadIndexWriter): the records are taken now (the model's records do not change once read: an edit
 * makes a new one), each piece is encoded when its function is called.
 */
export function rosterIndexPieces(data: SpaceData): (() => Uint8Array)[] {
  const index: RosterIndex = {
    members: data.members.all(),
    regions: data.regions.all(),
    skills: data.skills.all(),
    memberSkills: data.memberSkills.all(),
    attendance: data.attendance.all(),
    groups: data.groups.all(),
    catalogue: data.catalogue.all(),
    activeRule: activeRule(data),
  };
  const encoder = new TextEncoder();
  const pieces: (() => Uint8Array)[] = [];
  for (const kind of KINDS) {
    const records = index[kind];
    const per = perPiece(records);
    // Each kind has at least one piece, so an empty collection is told apart from a missing one.
    for (let from = 0; from === 0 || from < records.length; from += per) {
      const piece: Piece = { v: ROSTER_INDEX_VERSION, kind, records: records.slice(from, from + per) };
      pieces.push(() => encodePiece(encoder.encode(JSON.stringify(piece))));
    }
  }
  const rule: Piece = { v: ROSTER_INDEX_VERSION, kind: 'rule', records: [{ id: 'activeRule', ...index.activeRule }] };
  pieces.push(() => encodePiece(encoder.encode(JSON.stringify(rule))));
  return pieces;
}

/** Reads pieces into `into`, one at a time (the caller decodes one per task). */
export class RosterIndexReader {
  private readonly parts = emptyParts();
  private rule: ActiveRule | null = null;
  private readonly seen = new Set<Kind>();
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  /** Throws AppError('vault-corrupt') for a piece this version did not write, 'over-compressed' for a bomb. */
  add(bytes: Uint8Array): void {
    const json = rosterIndexPieceJson(bytes);
    let piece: unknown;
    try {
      piece = JSON.parse(this.decoder.decode(json));
    } catch {
      throw new AppError('vault-corrupt', 'a roster index piece is not JSON');
    }
    const p = piece as Partial<Piece> | null;
    if (
      typeof p !== 'object' ||
      p === null ||
      p.v !== ROSTER_INDEX_VERSION ||
      !(KINDS.includes(p.kind as Kind) || p.kind === 'rule') ||
      !Array.isArray(p.records) ||
      !p.records.every((r) => typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string')
    ) {
      throw new AppError('vault-corrupt', 'a roster index piece is not one this version writes');
    }
    if (p.kind === 'rule') {
      const { id: _id, ...rule } = p.records![0] as ActiveRule & { id: string };
      this.rule = rule;
      return;
    }
    this.seen.add(p.kind!);
    this.parts[p.kind!].push(...p.records!);
  }

  /** The whole index; throws AppError('vault-corrupt') when a kind had no piece. */
  result(): RosterIndex {
    if (KINDS.some((k) => !this.seen.has(k)) || !this.rule)
      throw new AppError('vault-corrupt', 'the roster index lacks a part');
    return { ...(this.parts as unknown as Omit<RosterIndex, 'activeRule'>), activeRule: this.rule };
  }
}

/** All the pieces at once (tests, and small spaces). */
export function readRosterIndex(pieces: readonly Uint8Array[]): RosterIndex {
  const reader = new RosterIndexReader();
  for (const piece of pieces) reader.add(piece);
  return reader.result();
}
