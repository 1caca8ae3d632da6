/**
 * Opening a space at unlock: decrypt the snapshot, then apply only the
 * content entries past the heads it covers. Stored entries were verified when
 * they arrived, so they are parsed, not re-verified. A record that cannot be
 * used is reported and skipped, never deleted.
 */
import * as Y from 'yjs';
import { buildDocument } from './apply-updates';
import type { DeviceId, DeviceIdentity, SpaceId } from '../crypto';
import { AppError, type ErrorCode } from '../errors';
import { entryHash, readStoredEntry, type Entry, type LogKind } from '../log/entry';
import type { ChainHead } from '../log/chain';
import { decodeContentPayload } from '../log/content-payload';
import type { Database } from '../store/database';
import { readLog } from '../store/entry-store';
import { problemCode, type StoreProblem } from '../store/problems';
import { SNAPSHOTS, readSnapshotRecord } from '../store/records';
import type { MasterKeys } from './keys';
import { openSnapshot } from './snapshot';
import type { SnapshotBacklog } from './snapshot-policy';
import { ignoredId, readIgnored, type IgnoredEntry } from './ignored';
import { SpaceAccess } from '../space';

/** Transaction origin of updates that came from the store or from peers (not re-sent by the batcher). */
export const REMOTE_ORIGIN = Symbol('sealed-roster/remote');

export interface LoadedSpace {
  /** A fresh document: new Y.Doc, so a new random clientID on every load. */
  readonly doc: Y.Doc;
  /** Heads of the stored content log (what this device holds). */
  readonly contentHeads: ChainHead[];
  /** The space's access state, rebuilt from its stored access log. */
  readonly access: SpaceAccess;
  /** Stored content entries left out of the document (invalidation.ts). */
  readonly ignored: IgnoredEntry[];
  /** Content entries applied on top of the snapshot, their stored bytes, and the snapshot's size (0: none). */
  readonly backlog: SnapshotBacklog;
}

export interface LoadContext {
  readonly db: Database;
  readonly keys: MasterKeys;
  readonly space: SpaceId;
  readonly identity: DeviceIdentity;
  readonly report: (p: StoreProblem) => void;
}

/** Reads stored entries of one log, reporting unreadable records; returns entries with their keys checked. */
async function storedEntries(
  ctx: LoadContext,
  log: LogKind,
  coveredUpTo: (author: DeviceId) => number,
): Promise<Entry[]> {
  const { entries, unreadable } = await readLog(ctx.db, ctx.space, log, coveredUpTo);
  const out: Entry[] = [];
  const problem = (key: readonly [SpaceId, LogKind, DeviceId, number], e: unknown) =>
    ctx.report({ kind: 'entry', space: ctx.space, log, author: key[2], seq: key[3], code: problemCode(e) });
  for (const u of unreadable) problem(u.key, u.error);
  for (const s of entries) {
    try {
      const entry = readStoredEntry(s.bytes);
      const h = entry.header;
      if (h.space !== ctx.space || h.log !== log || h.author !== s.key[2] || h.seq !== s.key[3]) {
        throw new AppError('vault-corrupt', 'entry does not match its key');
      }
      out.push(entry);
    } catch (e) {
      problem(s.key, e);
    }
  }
  return out;
}

/** Heads after `base`, advanced by the stored entries (in key order). */
function headsAfter(base: readonly ChainHead[], entries: readonly Entry[]): ChainHead[] {
  const heads = new Map(base.map((h) => [h.author, h]));
  for (const e of entries) {
    const h = heads.get(e.header.author);
    if (!h || e.header.seq > h.seq)
      heads.set(e.header.author, { author: e.header.author, seq: e.header.seq, hash: entryHash(e) });
  }
  return [...heads.values()];
}

/**
 * The decrypted Yjs updates of the stored content entries past `coveredUpTo`,
 * leaving out `ignored` ones (see invalidation.ts). `entries` lists every
 * entry read, ignored ones included (they are in the chain: heads count them); `sources` names the
 * entry of each update.
 */
export async function readContentUpdates(
  ctx: LoadContext,
  access: SpaceAccess,
  coveredUpTo: (author: DeviceId) => number,
  ignored: ReadonlySet<string>,
): Promise<{ entries: Entry[]; updates: Uint8Array[]; sources: Entry[] }> {
  const entries = await storedEntries(ctx, 'content', coveredUpTo);
  const updates: Uint8Array[] = [];
  const sources: Entry[] = [];
  for (const entry of entries) {
    const h = entry.header;
    if (ignored.has(ignoredId(h.author, h.seq))) continue;
    try {
      updates.push(decodeContentPayload(access.openContent(entry, ctx.identity)).update);
      sources.push(entry);
    } catch (e) {
      reportContentProblem(ctx, entry, problemCode(e));
    }
  }
  return { entries, updates, sources };
}

function reportContentProblem(ctx: LoadContext, entry: Entry, code: ErrorCode): void {
  const h = entry.header;
  ctx.report({ kind: 'entry', space: ctx.space, log: 'content', author: h.author, seq: h.seq, code });
}

/**
 * A document built from `fresh` and the updates (buildDocument), each update Yjs threw on reported
 * as a problem of its entry ('bad-entry'): the entry stays stored and in the chain, its update left out.
 */
export function buildFromEntries(
  ctx: LoadContext,
  fresh: () => Y.Doc,
  updates: readonly Uint8Array[],
  sources: readonly Entry[],
): Y.Doc {
  const { doc, refused } = buildDocument(fresh, updates, REMOTE_ORIGIN);
  for (const i of refused) if (sources[i]) reportContentProblem(ctx, sources[i]!, 'bad-entry');
  return doc;
}

async function ignoredEntries(ctx: LoadContext): Promise<IgnoredEntry[]> {
  try {
    return await readIgnored(ctx.db, ctx.keys, ctx.space);
  } catch (e) {
    // A META record under the vault's meta key, like the space's keys: reported as such, and left in place.
    ctx.report({ kind: 'space-keys', space: ctx.space, code: problemCode(e) });
    return [];
  }
}

export async function loadSpace(ctx: LoadContext): Promise<LoadedSpace> {
  let first: Y.Doc | undefined = new Y.Doc();
  let state: Uint8Array | undefined;
  let covered: ChainHead[] = [];
  let snapshotBytes = 0;
  const stored = await ctx.db.get(SNAPSHOTS, ctx.space);
  if (stored !== undefined) {
    try {
      const record = readSnapshotRecord(stored);
      const snapshot = openSnapshot(ctx.keys, ctx.space, record);
      snapshotBytes = record.sealed.ciphertext.length;
      Y.applyUpdate(first, snapshot.state, REMOTE_ORIGIN);
      state = snapshot.state;
      covered = [...snapshot.heads];
    } catch (e) {
      // Fall back to replaying every stored entry; the bad snapshot stays until the next one replaces it.
      ctx.report({ kind: 'snapshot', space: ctx.space, code: problemCode(e) });
      first = new Y.Doc(); // nothing of a snapshot that threw midway
      snapshotBytes = 0;
    }
  }
  // The snapshot is applied once; again only if an entry's update must be left out (buildDocument).
  const fresh = () => {
    const doc = first ?? new Y.Doc();
    if (!first && state) Y.applyUpdate(doc, state, REMOTE_ORIGIN);
    first = undefined;
    return doc;
  };
  const coveredSeq = new Map(covered.map((h) => [h.author, h.seq]));
  const access = SpaceAccess.restore(ctx.space, await storedEntries(ctx, 'access', () => 0));
  const ignored = await ignoredEntries(ctx);
  const ids = new Set(ignored.map((x) => ignoredId(x.author, x.seq)));
  const { entries, updates, sources } = await readContentUpdates(ctx, access, (a) => coveredSeq.get(a) ?? 0, ids);
  const doc = buildFromEntries(ctx, fresh, updates, sources);
  return {
    doc,
    contentHeads: headsAfter(covered, entries),
    access,
    ignored,
    backlog: { entries: entries.length, bytes: entries.reduce((n, e) => n + e.bytes.length, 0), snapshotBytes },
  };
}
