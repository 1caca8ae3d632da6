/**
 * Entries of the change logs, stored exactly as received under the key
 * [space, log, author, seq], so that "everything of author A in log L of space
 * S after seq N" is one key range. Every read checks each record's MAC
 * (./binding.ts): a record that fails it is returned as unreadable, never as
 * an entry. Writes go through BoundStore, which keeps the manifest current.
 */
import type { DeviceId, SpaceId, SymmetricKey } from '../crypto';
import type { LogKind } from '../log/entry';
import { isEntryKey, readBoundEntry } from './binding';
import { requestResult, walkKeys, type Database } from './database';
import type { IdbKey } from './indexeddb-types';
import { ENTRIES, type EntryKey } from './records';

export interface StoredEntry {
  readonly key: EntryKey;
  readonly bytes: Uint8Array;
}

/** A stored row whose value could not be used: not an entry record, or its MAC fails. */
export interface UnreadableEntry {
  /** As stored; not necessarily a key this app writes (see isEntryKey). */
  readonly key: unknown;
  readonly error: unknown;
}

export interface EntryRows {
  readonly entries: StoredEntry[];
  readonly unreadable: UnreadableEntry[];
}

export function entryKey(space: SpaceId, log: LogKind, author: DeviceId, seq: number): EntryKey {
  return [space, log, author, seq];
}

function sortRows(keys: readonly unknown[], values: readonly unknown[], macKey: SymmetricKey): EntryRows {
  const entries: StoredEntry[] = [];
  const unreadable: UnreadableEntry[] = [];
  keys.forEach((key, i) => {
    try {
      entries.push({ key: key as EntryKey, bytes: readBoundEntry(macKey, key as EntryKey, values[i]) });
    } catch (error) {
      unreadable.push({ key, error });
    }
  });
  return { entries, unreadable };
}

export async function getEntry(db: Database, macKey: SymmetricKey, key: EntryKey): Promise<StoredEntry | undefined> {
  const value = await db.transact([ENTRIES], 'readonly', (s) => requestResult(s(ENTRIES).get(key)));
  if (value === undefined) return undefined;
  return { key, bytes: readBoundEntry(macKey, key, value) };
}

/** What `readLog` found besides the entries: enough to compare the log with the manifest. */
export interface LogScan extends EntryRows {
  /** Per author, the seqs stored past `covered` (readable or not). */
  readonly present: Map<DeviceId, number[]>;
  /** Per author with a covered range, how many records it holds (their values are not read). */
  readonly coveredCounts: Map<DeviceId, number>;
}

/**
 * Walks one log of a space in key order (author, then seq), skipping for each
 * author the entries up to `covered.get(author)`: they are already in the
 * snapshot, so their values are never read, only counted.
 */
export async function readLog(
  db: Database,
  macKey: SymmetricKey,
  space: SpaceId,
  log: LogKind,
  covered: ReadonlyMap<DeviceId, number> = new Map(),
): Promise<LogScan> {
  const range = db.keyRange.bound([space, log], [space, log, []]);
  const present = new Map<DeviceId, number[]>();
  const coveredCounts = new Map<DeviceId, number>();
  const [wanted, values] = await db.transact([ENTRIES], 'readonly', async (s) => {
    const store = s(ENTRIES);
    // Keys first: values of covered entries (possibly megabytes) are never loaded.
    const keys: unknown[] = [];
    await walkKeys(store, range, (key): IdbKey | void => {
      const k = key as unknown[];
      const author = k[2] as DeviceId;
      const upTo = typeof author === 'string' ? (covered.get(author) ?? 0) : 0;
      if (typeof k[3] === 'number' && k[3] <= upTo) return [space, log, author, upTo + 1];
      keys.push(key);
      if (!isEntryKey(key)) return;
      const seqs = present.get(author);
      if (seqs) seqs.push(key[3]);
      else present.set(author, [key[3]]);
    });
    const counted = [...covered].filter(([, upTo]) => upTo > 0);
    const gets = keys.map((k) => requestResult(store.get(k as IdbKey)));
    const counts = counted.map(([author, upTo]) =>
      requestResult(store.count(db.keyRange.bound([space, log, author, 1], [space, log, author, upTo]))),
    );
    const n = await Promise.all(counts);
    counted.forEach(([author], i) => coveredCounts.set(author, n[i]!));
    return [keys, await Promise.all(gets)] as const;
  });
  return { ...sortRows(wanted, values, macKey), present, coveredCounts };
}

/** Entries of one author in one log with `after` < seq <= `upTo`, in order. */
export async function readAuthorAfter(
  db: Database,
  macKey: SymmetricKey,
  space: SpaceId,
  log: LogKind,
  author: DeviceId,
  after: number,
  upTo: number = Infinity,
): Promise<EntryRows> {
  const range = db.keyRange.bound([space, log, author, after + 1], [space, log, author, upTo]);
  // Two bulk reads rather than a cursor: a cursor pays a round of the event loop (and, in fake-indexeddb, a
  // tree search) per entry; sync reads hundreds of entries at a time.
  const [keys, values] = await db.transact([ENTRIES], 'readonly', (s) => {
    const store = s(ENTRIES);
    return Promise.all([requestResult(store.getAllKeys(range)), requestResult(store.getAll(range))]);
  });
  return sortRows(keys, values, macKey);
}
