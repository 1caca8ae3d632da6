/**
 * How each stored record is bound to this vault, so that records edited on
 * disk while the vault was locked are found at unlock (SECURITY.md "At rest"):
 *
 * - an entry record carries a keyed BLAKE2b MAC of the entry's bytes, under
 *   a master subkey, and those bytes name their own place (the signed header
 *   names space, log, author and seq), which must be the record's key: a
 *   record inserted, moved to another key or space, or copied from another
 *   vault fails. Entries were verified when they arrived; the MAC is one
 *   hash pass, where a signature check costs ~90 µs.
 * - a sealed record (snapshot, space name, private record) has a
 *   `generation` in its associated data, and the manifest (./manifest.ts)
 *   names the generation of each: an older copy put back, or one moved to
 *   another name, fails to open or does not match.
 * - the manifest names, per space and log, each author's head, so a deleted
 *   entry or a deleted tail is missed at unlock.
 */
import { bytesEqual, hash, open, seal, utf8Encode, type Sealed, type SpaceId, type SymmetricKey } from '../crypto';
import { AppError } from '../errors';
import { peekEntryHeader } from '../log/entry';
import type { TamperChange } from './problems';
import {
  CHECKPOINT_KEY_PREFIX,
  META,
  READ_INDEX_KEY_PREFIX,
  SNAPSHOTS,
  readEntryRecord,
  type BoundRecord,
  type EntryKey,
  type EntryRecord,
} from './records';

/**
 * A record that differs from what the vault wrote. `ofManifest`: the record
 * is newer than the manifest says, so it is the manifest that was put back.
 */
export class TamperError extends AppError {
  constructor(
    readonly change: TamperChange,
    message: string,
    readonly ofManifest = false,
  ) {
    super('vault-tampered', message);
  }
}

/** A sealed record the manifest lists: where it is stored, and the name the manifest uses. */
export interface RecordRef {
  readonly store: typeof META | typeof SNAPSHOTS;
  readonly key: string;
  /** Unique across stores; also part of the record's associated data. */
  readonly name: string;
}

export function snapshotRef(space: SpaceId): RecordRef {
  return { store: SNAPSHOTS, key: space, name: `snapshot:${space}` };
}

/**
 * A space's read index (shared/vault/read-index.ts), beside its snapshot (unmirrored, like it). Sealed
 * at the generation of the snapshot written with it, so the manifest names both at the same one.
 */
export function readIndexRef(space: SpaceId): RecordRef {
  return { store: SNAPSHOTS, key: `${READ_INDEX_KEY_PREFIX}${space}`, name: `readindex:${space}` };
}

/** A space's checkpoint: what its compacted entries held (shared/vault/checkpoint.ts). In META, so it is mirrored. */
export function checkpointRef(space: SpaceId): RecordRef {
  return { store: META, key: `${CHECKPOINT_KEY_PREFIX}${space}`, name: `checkpoint:${space}` };
}

export function spaceKeysRef(space: SpaceId): RecordRef {
  return { store: META, key: `space:${space}`, name: `space:${space}` };
}

export function privateRef(name: string): RecordRef {
  return { store: META, key: `private:${name}`, name: `private:${name}` };
}

/** Associated data of a bound sealed record: what it is, and which generation. */
export function boundAd(ref: RecordRef, generation: number): Uint8Array {
  return utf8Encode(`sealed-roster/bound/v1/${ref.name}/${generation}`);
}

export function sealBound(key: SymmetricKey, ref: RecordRef, generation: number, plaintext: Uint8Array): BoundRecord {
  return { generation, sealed: seal(key, plaintext, boundAd(ref, generation)) };
}

/**
 * Associated data of one piece of a bound record sealed in pieces (a snapshot: shared/vault/snapshot.ts):
 * the record's name and generation, the piece's place and how many there are, so that a piece
 * moved to another place, another record or another generation, or a record missing a piece, fails.
 */
export function pieceAd(ref: RecordRef, generation: number, index: number, count: number): Uint8Array {
  return utf8Encode(`sealed-roster/bound-piece/v1/${ref.name}/${generation}/${index}/${count}`);
}

export function sealPiece(
  key: SymmetricKey,
  ref: RecordRef,
  generation: number,
  index: number,
  count: number,
  plaintext: Uint8Array,
): Sealed {
  return seal(key, plaintext, pieceAd(ref, generation, index, count));
}

/** Throws TamperError('altered') when the piece is not the one the vault sealed at this place. */
export function openPiece(
  key: SymmetricKey,
  ref: RecordRef,
  generation: number,
  index: number,
  count: number,
  sealed: Sealed,
): Uint8Array {
  try {
    return open(key, sealed, pieceAd(ref, generation, index, count));
  } catch {
    throw new TamperError('altered', `piece ${index} of ${ref.name} does not open`);
  }
}

/**
 * Opens a bound record once the manifest names it (`named`: the generation
 * it names, undefined when it names none) at the record's generation.
 * Throws TamperError: added, rolled-back, or altered (does not open).
 */
export function openBound(
  key: SymmetricKey,
  ref: RecordRef,
  record: BoundRecord,
  named: number | undefined,
): Uint8Array {
  if (named === undefined) throw new TamperError('added', `${ref.name} is not one the vault wrote`);
  if (record.generation < named) throw new TamperError('rolled-back', `${ref.name} is an older copy`);
  if (record.generation > named) throw new TamperError('rolled-back', `${ref.name} is newer than the manifest`, true);
  try {
    return open(key, record.sealed, boundAd(ref, record.generation));
  } catch {
    throw new TamperError('altered', `${ref.name} does not open`);
  }
}

/** The MAC of an entry record: keyed BLAKE2b of the entry's bytes. */
export function entryMac(macKey: SymmetricKey, bytes: Uint8Array): Uint8Array {
  return hash(bytes, macKey);
}

export function entryRecord(macKey: SymmetricKey, bytes: Uint8Array): EntryRecord {
  return { v: 2, bytes, mac: entryMac(macKey, bytes) };
}

/** A key as this app writes them: strings, then a whole seq >= 1 (IndexedDB also takes 2.5 or 'x'). */
export function isEntryKey(key: unknown): key is EntryKey {
  return (
    Array.isArray(key) &&
    key.length === 4 &&
    typeof key[0] === 'string' &&
    (key[1] === 'access' || key[1] === 'content') &&
    typeof key[2] === 'string' &&
    Number.isSafeInteger(key[3]) &&
    (key[3] as number) >= 1
  );
}

/**
 * The entry bytes of a stored record, once its MAC holds and they name the
 * record's key. Throws AppError('vault-corrupt') for a value that is not an
 * entry record, AppError('vault-tampered') when it is not one this vault
 * wrote at this key.
 */
export function readBoundEntry(macKey: SymmetricKey, key: EntryKey, value: unknown): Uint8Array {
  if (!isEntryKey(key)) throw new AppError('vault-tampered', 'entry record is stored under a key this app never uses');
  const record = readEntryRecord(value);
  if (!bytesEqual(entryMac(macKey, record.bytes), record.mac)) {
    throw new AppError('vault-tampered', 'entry record was not written by this vault');
  }
  const h = peekEntryHeader(record.bytes);
  if (h.space !== key[0] || h.log !== key[1] || h.author !== key[2] || h.seq !== key[3]) {
    throw new AppError('vault-tampered', 'entry record was moved from another place');
  }
  return record.bytes;
}
