/**
 * The one way records are written: each write is one transaction that also
 * rewrites the manifest to match (./manifest.ts), so the manifest always
 * describes the store, whatever crash comes (SECURITY.md "At rest"). Writes
 * are serialized across the whole vault: the manifest each one writes is the
 * last committed one plus its own change, never someone else's unfinished one.
 *
 * When the manifest itself is missing or cannot be opened, nothing can be
 * checked: every write is refused until the organizer chooses to go on
 * (`rebind`, shared/vault/rebind.ts).
 */
import type { DeviceId, Hash, SpaceId, SymmetricKey } from '../crypto';
import type { ChainHead } from '../log/chain';
import { AppError } from '../errors';
import type { LogKind } from '../log/entry';
import { entryRecord, type RecordRef } from './binding';
import type { Database } from './database';
import { getEntry, readAuthorAfter, readLog, type EntryRows, type LogScan, type StoredEntry } from './entry-store';
import {
  advanceHeads,
  compactHeads,
  jumpHeads,
  EMPTY_SPACE,
  sealManifest,
  type Manifest,
  type SpaceManifest,
} from './manifest';
import { ENTRIES, MANIFEST_KEY, META, SNAPSHOTS, type BoundRecord, type EntryKey } from './records';
import { SerialQueue } from '../util/serial-queue';

export interface BoundKeys {
  /** Keyed MAC of entry records. */
  readonly entries: SymmetricKey;
  /** Seals the manifest. */
  readonly manifest: SymmetricKey;
}

/** A sealed record to write; sealed with a generation from `nextGeneration()`. */
export interface RecordWrite {
  readonly ref: RecordRef;
  readonly value: BoundRecord;
}

/** An entry to store, with its hash (entryHash), which the manifest names when it is an author's head. */
export interface NewEntry extends StoredEntry {
  readonly hash: Hash;
}

/** What one write changes. */
export interface Change {
  /** Entries to store, each author's in chain order. */
  readonly entries?: readonly NewEntry[];
  readonly put?: readonly RecordWrite[];
  readonly remove?: readonly RecordRef[];
  /** Spaces this vault now holds (created or joined), listed with empty logs. */
  readonly spaces?: readonly SpaceId[];
  /**
   * Compaction (ARCHITECTURE.md "Checkpoints and compaction"): content entries of `space` at or
   * below `upTo` (per author) are deleted and the manifest's bases move up to them. The change
   * must also put the checkpoint that holds what they held.
   */
  readonly compact?: {
    readonly space: SpaceId;
    readonly upTo: ReadonlyMap<DeviceId, number>;
    /** Heads a received checkpoint moves forward (entries this device never held: none is stored). */
    readonly jump?: readonly ChainHead[];
  };
}

/** A new manifest, the sealed records to write or remove with it, and the entry records to delete. */
export interface Replacement {
  readonly manifest: Manifest;
  readonly change: Change;
  readonly deleteEntries: readonly unknown[];
}

const ALL = [ENTRIES, META, SNAPSHOTS];

export class BoundStore {
  private committed: Manifest | null;
  private handedOut: number;
  private readonly queue = new SerialQueue();

  constructor(
    readonly db: Database,
    private readonly keys: BoundKeys,
    /** null: missing or unreadable; writes are refused until `replace`. */
    manifest: Manifest | null,
  ) {
    this.committed = manifest;
    this.handedOut = manifest?.generation ?? 0;
  }

  /** The manifest as last committed; null while it cannot be trusted. */
  get manifest(): Manifest | null {
    return this.committed;
  }

  /** A generation no stored record has: seal a new record with it. */
  nextGeneration(): number {
    return ++this.handedOut;
  }

  /** Writes `change` and the manifest that matches it, in one transaction. */
  commit(change: Change): Promise<void> {
    return this.serial(async () => {
      const before = this.committed;
      if (!before) throw new AppError('vault-tampered', 'the vault manifest cannot be trusted: nothing is written');
      const after = applyChange(before, change, this.handedOut);
      await this.write(after, change, compactedKeys(before, after, change.compact?.space));
      this.committed = after;
    });
  }

  /**
   * Replaces the manifest whatever the state, with what `build` makes of the
   * store: only for `rebind`, when the organizer chose to go on. `build` runs
   * in the write queue, so no other write lands between its reads and this
   * write; `handedOut` is the highest generation given out so far.
   */
  replace(build: (handedOut: number) => Promise<Replacement>): Promise<void> {
    return this.serial(async () => {
      const { manifest, change, deleteEntries } = await build(this.handedOut);
      await this.write(manifest, change, deleteEntries);
      this.committed = manifest;
      this.handedOut = Math.max(this.handedOut, manifest.generation);
    });
  }

  /**
   * Runs `work` with no write of this store between its start and its end: a master-key change
   * (shared/vault/rotation.ts), and every read that compares records with the manifest. A write is
   * in IndexedDB before `commit` returns (its frame still travels to the second copy) and
   * `manifest` moves on only then, so such a read between the two would see a record the manifest
   * does not name yet, and tell a false tampering (shared/vault/meta-records.ts).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.serial(work);
  }

  private write(manifest: Manifest, change: Change, deleteEntries: readonly unknown[]): Promise<void> {
    const sealed = sealManifest(this.keys.manifest, manifest);
    const records = (change.entries ?? []).map(
      (e) => [entryRecord(this.keys.entries, compact(e.bytes)), e.key] as const,
    );
    return this.db.transact(ALL, 'readwrite', (s) => {
      const entries = s(ENTRIES);
      for (const key of deleteEntries) entries.delete(key as EntryKey);
      for (const [record, key] of records) entries.put(record, key);
      for (const ref of change.remove ?? []) s(ref.store).delete(ref.key);
      for (const { ref, value } of change.put ?? []) s(ref.store).put(value, ref.key);
      s(META).put(sealed, MANIFEST_KEY);
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
  }

  // ------------------------------------------------------------------ reads (every entry's MAC checked)

  /** One log of a space, values past `covered` (entries in the snapshot are counted, not read). */
  readLog(space: SpaceId, log: LogKind, covered?: ReadonlyMap<DeviceId, number>): Promise<LogScan> {
    return readLog(this.db, this.keys.entries, space, log, covered);
  }

  readAuthorAfter(space: SpaceId, log: LogKind, author: DeviceId, after: number, upTo?: number): Promise<EntryRows> {
    return readAuthorAfter(this.db, this.keys.entries, space, log, author, after, upTo);
  }

  getEntry(key: EntryKey): Promise<StoredEntry | undefined> {
    return getEntry(this.db, this.keys.entries, key);
  }
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

/** The keys of the content entries a compaction of `space` drops: from each author's old base to its new one. */
export function compactedKeys(before: Manifest, after: Manifest, space: SpaceId | undefined): EntryKey[] {
  if (space === undefined) return [];
  const old = new Map((before.spaces.get(space)?.content ?? []).map((h) => [h.author, h]));
  const keys: EntryKey[] = [];
  for (const h of after.spaces.get(space)?.content ?? []) {
    // Only seqs this vault may hold: a checkpoint's head far past ours names entries never stored here.
    const was = old.get(h.author);
    const upTo = Math.min(h.base, was?.seq ?? 0);
    for (let seq = (was?.base ?? 0) + 1; seq <= upTo; seq++) keys.push([space, 'content', h.author, seq]);
  }
  return keys;
}

/** The manifest after `change`. */
export function applyChange(m: Manifest, change: Change, generation: number): Manifest {
  const spaces = new Map(m.spaces);
  for (const space of change.spaces ?? []) if (!spaces.has(space)) spaces.set(space, EMPTY_SPACE);
  const grouped = new Map<
    string,
    { space: SpaceId; log: LogKind; heads: { author: DeviceId; seq: number; hash: Hash }[] }
  >();
  for (const e of change.entries ?? []) {
    const [space, log, author, seq] = e.key;
    const id = `${space}/${log}`;
    const group = grouped.get(id) ?? { space, log, heads: [] };
    group.heads.push({ author, seq, hash: e.hash });
    grouped.set(id, group);
  }
  for (const { space, log, heads } of grouped.values()) {
    const logs: SpaceManifest = spaces.get(space) ?? EMPTY_SPACE;
    spaces.set(space, { ...logs, [log]: advanceHeads(logs[log], heads) });
  }
  if (change.compact) {
    const { space, upTo, jump = [] } = change.compact;
    const logs: SpaceManifest = spaces.get(space) ?? EMPTY_SPACE;
    spaces.set(space, { ...logs, content: compactHeads(jumpHeads(logs.content, jump), upTo) });
  }
  const records = new Map(m.records);
  for (const ref of change.remove ?? []) records.delete(ref.name);
  for (const { ref, value } of change.put ?? []) records.set(ref.name, value.generation);
  return { generation: Math.max(m.generation, generation), spaces, records };
}
