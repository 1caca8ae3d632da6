/**
 * Going on after tampering, at the organizer's word (SECURITY.md "At rest"):
 * the store is read whole, everything that does not authenticate is removed,
 * and a new manifest is written that describes what is left. Until then a
 * tampered space does not open and nothing is written on top of it.
 *
 * What is kept, what goes:
 * - entries whose MAC holds are kept (this vault verified them when they
 *   arrived); the others are deleted. An author's head never moves back: a
 *   missing entry (deleted, or a deleted tail) is recorded as lost, so this
 *   device's own chain continues after its true head, and other authors'
 *   lost entries are asked from peers again (space-load.ts chainHeads);
 * - the snapshot is kept only if it is the one the manifest named and it
 *   opens, and the set-aside list still matches what the access log
 *   withdraws; else it goes, and the next unlock replays every entry;
 * - the read index (read-index.ts) goes, whatever it holds: the next snapshot writes it again;
 * - the checkpoint (checkpoint.ts) is kept only if it is the one the
 *   manifest named and it opens; with it, the compacted bases stand; without
 *   it, what they dropped is lost like deleted entries;
 * - the set-aside list (ignored.ts) is always worked out again from the
 *   access log, so that a deleted or older list cannot bring back changes
 *   of a removed organizer;
 * - private records (pending invites, sync settings) are kept only if they
 *   are the ones the manifest named; a space's name record, if it opens.
 */
import type { DeviceId, DeviceIdentity, SpaceId } from '../crypto';
import { entryHash, readStoredEntry, type Entry, type LogKind } from '../log/entry';
import { SpaceAccess } from '../space';
import {
  checkpointRef,
  isEntryKey,
  openBound,
  privateRef,
  readBoundEntry,
  readIndexRef,
  snapshotRef,
  spaceKeysRef,
  type RecordRef,
} from '../store/binding';
import type { BoundStore, RecordWrite, Replacement } from '../store/bound-store';
import {
  headsByAuthor,
  missingRanges,
  type BoundHead,
  type Manifest,
  type SeqRange,
  type SpaceManifest,
} from '../store/manifest';
import type { Row } from '../store/database';
import {
  ENTRIES,
  META,
  SNAPSHOTS,
  PRIVATE_KEY_PREFIX,
  SPACE_KEY_PREFIX,
  readCheckpointRecord,
  readPrivateRecord,
  readSnapshotRecord,
  readSpaceKeysRecord,
  type EntryKey,
} from '../store/records';
import { ignoredId, ignoredRef, readIgnored, sealIgnored, type IgnoredEntry } from './ignored';
import { openSpaceSecrets, sealSpaceSecrets, type MasterKeys } from './keys';
import { checkSnapshot } from './snapshot';
import { openCheckpoint } from './checkpoint';

export interface RebindContext {
  readonly store: BoundStore;
  readonly keys: MasterKeys;
  readonly identity: DeviceIdentity;
}

/**
 * Generations after a rebind without a manifest start this far above any
 * kept record: records deleted meanwhile may have had higher ones than any
 * left, and no vault writes anywhere near this many times.
 */
const UNKNOWN_GENERATIONS = 2 ** 32;

interface Plan {
  /** Hands out generations above every record seen (kept or not) and the old manifest's. */
  readonly generation: () => number;
  readonly put: RecordWrite[];
  readonly remove: RecordRef[];
  readonly deleteEntries: unknown[];
  readonly spaces: Map<SpaceId, SpaceManifest>;
  readonly records: Map<string, number>;
}

export function rebind(ctx: RebindContext): Promise<void> {
  return ctx.store.replace((handedOut) => planRebind(ctx, handedOut));
}

async function planRebind(ctx: RebindContext, handedOut: number): Promise<Replacement> {
  const { store } = ctx;
  const old = store.manifest;
  const meta = await store.db.rows(META);
  const snapshots = await store.db.rows(SNAPSHOTS);
  let floor = Math.max(old?.generation ?? 0, handedOut);
  for (const row of [...meta, ...snapshots]) floor = Math.max(floor, clearGeneration(row.value));
  if (!old) floor += UNKNOWN_GENERATIONS;
  const plan: Plan = {
    generation: () => ++floor,
    put: [],
    remove: [],
    deleteEntries: [],
    spaces: new Map(),
    records: new Map(),
  };
  const spaces = new Set<SpaceId>(old?.spaces.keys() ?? []);
  for (const row of meta) {
    if (typeof row.key === 'string' && row.key.startsWith(SPACE_KEY_PREFIX)) {
      spaces.add(row.key.slice(SPACE_KEY_PREFIX.length) as SpaceId);
    }
  }
  for (const space of spaces) await rebindSpace(ctx, old, space, meta, snapshots, plan);
  const ignoredNames = new Set([...spaces].map((s) => ignoredRef(s).name));
  for (const row of meta) {
    if (typeof row.key !== 'string' || !row.key.startsWith(PRIVATE_KEY_PREFIX) || ignoredNames.has(row.key)) continue;
    const ref = privateRef(row.key.slice(PRIVATE_KEY_PREFIX.length));
    keepIf(plan, ref, () => {
      const record = readPrivateRecord(row.value);
      openBound(ctx.keys.meta, ref, record, old?.records.get(ref.name));
      return record.generation;
    });
  }
  const manifest: Manifest = { generation: floor, spaces: plan.spaces, records: plan.records };
  return { manifest, change: { put: plan.put, remove: plan.remove }, deleteEntries: plan.deleteEntries };
}

/** Keeps a sealed record under its generation if `check` returns it; else removes it. */
function keepIf(plan: Plan, ref: RecordRef, check: () => number): boolean {
  try {
    plan.records.set(ref.name, check());
    return true;
  } catch {
    // Does not authenticate: the organizer chose to go on without such records, already told of them.
    plan.remove.push(ref);
    return false;
  }
}

/** The generation a record states in the clear (0 when it states none, or an absurd one a forger wrote). */
function clearGeneration(value: unknown): number {
  const g = (value as { generation?: unknown } | null)?.generation;
  return typeof g === 'number' && Number.isSafeInteger(g) && g > 0 && g < 2 ** 48 ? g : 0;
}

async function rebindSpace(
  ctx: RebindContext,
  old: Manifest | null,
  space: SpaceId,
  meta: readonly Row[],
  snapshots: readonly Row[],
  plan: Plan,
): Promise<void> {
  const { keys } = ctx;
  const named = old?.spaces.get(space);

  const nameRef = spaceKeysRef(space);
  const nameRow = meta.find((r) => r.key === nameRef.key);
  const nameKept = keepIf(plan, nameRef, () => {
    const record = readSpaceKeysRecord(nameRow?.value);
    openSpaceSecrets(keys, space, record, record.generation);
    return record.generation;
  });
  if (!nameKept) {
    // The name is lost; the space and its entries are not.
    const record = sealSpaceSecrets(keys, space, { name: '' }, plan.generation());
    plan.put.push({ ref: nameRef, value: record });
    plan.records.set(nameRef.name, record.generation);
  }

  // The compacted bases stand only with the checkpoint that holds what they dropped; without it,
  // those seqs are lost like any deleted entry (and asked of peers again).
  const checkRef = checkpointRef(space);
  const checkRow = meta.find((r) => r.key === checkRef.key)?.value;
  const checkpointKept =
    checkRow !== undefined &&
    keepIf(plan, checkRef, () => {
      const record = readCheckpointRecord(checkRow);
      openCheckpoint(keys, space, record, old?.records.get(checkRef.name));
      return record.generation;
    });
  const access = await rebindLog(ctx, space, 'access', named?.access ?? [], plan, false);
  const content = await rebindLog(ctx, space, 'content', named?.content ?? [], plan, checkpointKept);
  plan.spaces.set(space, { access: access.heads, content: content.heads });

  const rights = SpaceAccess.restore(space, access.entries);
  const ignored: IgnoredEntry[] = content.entries
    .filter((e) => !rights.checkContentEntry(e).ok)
    .map((e) => ({ author: e.header.author, seq: e.header.seq }));
  const same = old ? await sameIgnored(ctx, old, space, ignored) : ignored.length === 0;
  const ignoredRefOf = ignoredRef(space);
  const keptGeneration = old?.records.get(ignoredRefOf.name);
  if (same) {
    if (keptGeneration !== undefined) plan.records.set(ignoredRefOf.name, keptGeneration);
  } else if (ignored.length > 0) {
    const record = sealIgnored(keys, space, ignored, plan.generation());
    plan.put.push({ ref: ignoredRefOf, value: record });
    plan.records.set(ignoredRefOf.name, record.generation);
  } else plan.remove.push(ignoredRefOf);

  // The read index is a cache the next snapshot writes again: going on after tampering drops it (read-index.ts).
  plan.remove.push(readIndexRef(space));
  const snapRef = snapshotRef(space);
  const snapRow = snapshots.find((r) => r.key === snapRef.key)?.value;
  if (snapRow === undefined) return;
  keepIf(plan, snapRef, () => {
    if (!same) throw new Error('the set-aside list changed: the snapshot may hold withdrawn changes');
    const record = readSnapshotRecord(snapRow);
    checkSnapshot(keys, space, record, old?.records.get(snapRef.name));
    return record.generation;
  });
}

/** Whether the stored set-aside list is the one the manifest names and holds exactly `ignored`. */
async function sameIgnored(
  ctx: RebindContext,
  old: Manifest,
  space: SpaceId,
  ignored: readonly IgnoredEntry[],
): Promise<boolean> {
  try {
    const stored = await readIgnored(ctx.store.db, ctx.keys, old, space);
    const want = new Set(ignored.map((x) => ignoredId(x.author, x.seq)));
    return stored.length === want.size && stored.every((x) => want.has(ignoredId(x.author, x.seq)));
  } catch {
    return false; // unreadable counts as changed: the list is worked out again from the access log
  }
}

/**
 * One log: entries that authenticate are kept (and returned parsed), the rest deleted; heads never
 * move back. With `keepBases` (the checkpoint is kept) each compacted base stands and any entry at or
 * below it is deleted (the vault never keeps one there).
 */
async function rebindLog(
  ctx: RebindContext,
  space: SpaceId,
  log: LogKind,
  named: readonly BoundHead[],
  plan: Plan,
  keepBases: boolean,
): Promise<{ heads: BoundHead[]; entries: Entry[] }> {
  const bases = new Map(keepBases ? named.map((h) => [h.author, h.base]) : []);
  const rows = await ctx.store.db.rows(ENTRIES, ctx.store.db.keyRange.bound([space, log], [space, log, []]));
  const entries: Entry[] = [];
  const valid = new Map<DeviceId, Map<number, Entry>>();
  for (const row of rows) {
    try {
      if (!isEntryKey(row.key)) throw new Error('not a key this app writes');
      const key: EntryKey = row.key;
      if (key[3] <= (bases.get(key[2]) ?? 0)) throw new Error('inside the compacted base');
      const entry = readStoredEntry(readBoundEntry(ctx.keys.entryMac, key, row.value));
      entries.push(entry);
      const mine = valid.get(key[2]) ?? new Map<number, Entry>();
      mine.set(key[3], entry);
      valid.set(key[2], mine);
    } catch {
      // Does not authenticate (found and told at unlock): the organizer chose to go on without it.
      plan.deleteEntries.push(row.key);
    }
  }
  const before = headsByAuthor(named);
  const authors = new Set<DeviceId>([...before.keys(), ...valid.keys()]);
  const heads: BoundHead[] = [];
  for (const author of authors) {
    const seqs = valid.get(author) ?? new Map<number, Entry>();
    let top = 0;
    for (const s of seqs.keys()) top = Math.max(top, s);
    const was = before.get(author);
    const seq = Math.max(top, was?.seq ?? 0);
    const hash = seq === top ? entryHash(seqs.get(top)!) : was!.hash;
    const base = Math.min(bases.get(author) ?? 0, seq);
    const lost = missingRanges([...seqs.keys()], seq).flatMap(([from, to]): SeqRange[] =>
      to <= base ? [] : [[Math.max(from, base + 1), to]],
    );
    heads.push({ author, seq, hash, lost, base });
  }
  heads.sort((a, b) => (a.author < b.author ? -1 : a.author > b.author ? 1 : 0));
  return { heads, entries };
}
