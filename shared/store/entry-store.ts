/**
 * Entries of the change logs, stored exactly as received under the key
 * [space, log, author, seq], so that "everything of author A in log L of space
 * S after seq N" is one key range.
 */
import type { DeviceId, SpaceId } from '../crypto';
import type { LogKind } from '../log/entry';
import { requestResult, walkKeys, type Database } from './database';
import type { IdbKey } from './indexeddb-types';
import { ENTRIES, SNAPSHOTS, readEntryRecord, type EntryKey, type EntryRecord, type SnapshotRecord } from './records';

export interface StoredEntry {
  readonly key: EntryKey;
  readonly bytes: Uint8Array;
}

/** A stored row whose value could not be read as an entry record. */
export interface UnreadableEntry {
  readonly key: EntryKey;
  readonly error: unknown;
}

export function entryKey(space: SpaceId, log: LogKind, author: DeviceId, seq: number): EntryKey {
  return [space, log, author, seq];
}

/** Stores entries (and optionally a snapshot that covers them) in one transaction. */
export function putEntries(
  db: Database,
  entries: readonly StoredEntry[],
  snapshot?: { readonly space: SpaceId; readonly record: SnapshotRecord },
): Promise<void> {
  const stores = snapshot ? [ENTRIES, SNAPSHOTS] : [ENTRIES];
  return db.transact(stores, 'readwrite', (s) => {
    const store = s(ENTRIES);
    for (const e of entries) store.put({ v: 1, bytes: compact(e.bytes) } satisfies EntryRecord, e.key);
    if (snapshot) s(SNAPSHOTS).put(snapshot.record, snapshot.space);
  });
}

/**
 * The bytes in a buffer of their own. An entry that arrived in a batch is a
 * view into the whole message, and IndexedDB's structured clone stores a
 * view's entire ArrayBuffer: every entry of a 256-entry batch would be
 * stored (and copied) as the whole batch.
 */
function compact(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

export async function getEntry(db: Database, key: EntryKey): Promise<Uint8Array | undefined> {
  const value = await db.transact([ENTRIES], 'readonly', (s) => requestResult(s(ENTRIES).get(key)));
  return value === undefined ? undefined : readEntryRecord(value).bytes;
}

/**
 * Walks one log of a space in key order (author, then seq), skipping for each
 * author the entries up to `coveredUpTo(author)`: they are already in the
 * snapshot, so their values are never read.
 */
export async function readLog(
  db: Database,
  space: SpaceId,
  log: LogKind,
  coveredUpTo: (author: DeviceId) => number = () => 0,
): Promise<{ entries: StoredEntry[]; unreadable: UnreadableEntry[] }> {
  const entries: StoredEntry[] = [];
  const unreadable: UnreadableEntry[] = [];
  const range = db.keyRange.bound([space, log], [space, log, []]);
  await db.transact([ENTRIES], 'readonly', async (s) => {
    const store = s(ENTRIES);
    // Keys first: values of covered entries (possibly megabytes) are never loaded.
    const wanted: EntryKey[] = [];
    await walkKeys(store, range, (key): IdbKey | void => {
      const k = key as EntryKey;
      const covered = coveredUpTo(k[2]);
      if (k[3] <= covered) return [space, log, k[2], covered + 1];
      wanted.push(k);
    });
    const values = await Promise.all(wanted.map((k) => requestResult(store.get(k))));
    wanted.forEach((key, i) => {
      try {
        entries.push({ key, bytes: readEntryRecord(values[i]).bytes });
      } catch (error) {
        unreadable.push({ key, error });
      }
    });
  });
  return { entries, unreadable };
}

/** Entries of one author in one log with `after` < seq <= `upTo`, in order. */
export async function readAuthorAfter(
  db: Database,
  space: SpaceId,
  log: LogKind,
  author: DeviceId,
  after: number,
  upTo: number = Infinity,
): Promise<{ entries: StoredEntry[]; unreadable: UnreadableEntry[] }> {
  const entries: StoredEntry[] = [];
  const unreadable: UnreadableEntry[] = [];
  const range = db.keyRange.bound([space, log, author, after + 1], [space, log, author, upTo]);
  // Two bulk reads rather than a cursor: a cursor pays a round of the event loop (and, in fake-indexeddb, a
  // tree search) per entry; sync reads hundreds of entries at a time.
  const [keys, values] = await db.transact([ENTRIES], 'readonly', (s) => {
    const store = s(ENTRIES);
    return Promise.all([requestResult(store.getAllKeys(range)), requestResult(store.getAll(range))]);
  });
  keys.forEach((key, i) => {
    try {
      entries.push({ key: key as EntryKey, bytes: readEntryRecord(values[i]).bytes });
    } catch (error) {
      unreadable.push({ key: key as EntryKey, error });
    }
  });
  return { entries, unreadable };
}
