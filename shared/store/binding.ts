/**
 * How each stored record is bound to this vault, so that records edited on
 * disk while the vault was locked are found at unlock (SECURITY.md "At rest"):
 *
 * - an entry record carries a keyed BLAKE2b MAC over its key (space, log,
 *   author, seq) and the entry's hash, under a master subkey: a record
 *   inserted, moved to another key or space, or copied from another vault
 *   fails it. Entries were verified when they arrived; the MAC costs about a
 *   microsecond where a signature check costs ~90.
 * - a sealed record (snapshot, space name, private record) has a
 *   `generation` in its associated data, and the manifest (./manifest.ts)
 *   names the generation of each: an older copy put back, or one moved to
 *   another name, fails to open or does not match.
 * - the manifest names, per space and log, each author's head, so a deleted
 *   entry or a deleted tail is missed at unlock.
 */
import * as encoding from 'lib0/encoding';
import { bytesEqual, hash, open, seal, utf8Encode, type Hash, type SpaceId, type SymmetricKey } from '../crypto';
import { AppError } from '../errors';
import type { TamperChange } from './problems';
import { META, SNAPSHOTS, readEntryRecord, type BoundRecord, type EntryKey, type EntryRecord } from './records';

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

/** The MAC of an entry record stored under `key` holding an entry whose hash is `entryHash`. */
export function entryMac(macKey: SymmetricKey, key: EntryKey, entryHash: Hash): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, key[0]);
  encoding.writeVarString(e, key[1]);
  encoding.writeVarString(e, key[2]);
  encoding.writeVarUint(e, key[3]);
  encoding.writeUint8Array(e, entryHash);
  return hash(encoding.toUint8Array(e), macKey);
}

export function entryRecord(macKey: SymmetricKey, key: EntryKey, bytes: Uint8Array, entryHash: Hash): EntryRecord {
  return { v: 2, bytes, mac: entryMac(macKey, key, entryHash) };
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
 * The entry bytes of a stored record, once its MAC holds for `key`, with
 * their hash. Throws AppError('vault-corrupt') for a value that is not an
 * entry record, AppError('vault-tampered') when the MAC does not hold.
 */
export function readBoundEntry(macKey: SymmetricKey, key: EntryKey, value: unknown): { bytes: Uint8Array; hash: Hash } {
  if (!isEntryKey(key)) throw new AppError('vault-tampered', 'entry record is stored under a key this app never uses');
  const record = readEntryRecord(value);
  const entryHash = hash(record.bytes);
  if (!bytesEqual(entryMac(macKey, key, entryHash), record.mac)) {
    throw new AppError('vault-tampered', 'entry record was not written by this vault at this place');
  }
  return { bytes: record.bytes, hash: entryHash };
}
