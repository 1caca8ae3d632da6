/**
 * Entries of the change logs, stored exactly as received under the key
 * [space, log, author, seq], so that "everything of author A in log L of space
 * S after seq N" is one key range.
 */
import type { DeviceId, SpaceId } from '../crypto';
import type { LogKind } from '../log/entry';
import { requestResult, walk, walkKeys, type Database } from './database';
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
    for (const e of entries) store.put({ v: 1, bytes: e.bytes } satisfies EntryRecord, e.key);
    if (snapshot) s(SNAPSHOTS).put(snapshot.record, snapshot.space);
  });
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
  await db.transact([ENTRIES], 'readonly', (s) =>
    walk(s(ENTRIES), range, ({ key, value }) => {
      try {
        entries.push({ key: key as EntryKey, bytes: readEntryRecord(value).bytes });
      } catch (error) {
        unreadable.push({ key: key as EntryKey, error });
      }
    }),
  );
  return { entries, unreadable };
}
