/**
 * Opening a space at unlock: decrypt the snapshot, then apply only the
 * content entries past the heads it covers. Stored entries were verified when
 * they arrived, so they are parsed, not re-verified. A record that cannot be
 * used is reported and skipped, never deleted.
 */
import * as Y from 'yjs';
import type { DeviceId, DeviceIdentity, SpaceId } from '../crypto';
import { AppError } from '../errors';
import { entryHash, readStoredEntry, type Entry, type LogKind } from '../log/entry';
import type { ChainHead } from '../log/chain';
import { decodeContentPayload } from '../log/content-payload';
import type { Database } from '../store/database';
import { readLog } from '../store/entry-store';
import { problemCode, type StoreProblem } from '../store/problems';
import { SNAPSHOTS, readSnapshotRecord } from '../store/records';
import type { MasterKeys } from './keys';
import { openSnapshot } from './snapshot';
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
  /** Content entries applied on top of the snapshot. */
  readonly entriesSinceSnapshot: number;
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

export async function loadSpace(ctx: LoadContext): Promise<LoadedSpace> {
  const doc = new Y.Doc();
  let covered: ChainHead[] = [];
  const stored = await ctx.db.get(SNAPSHOTS, ctx.space);
  if (stored !== undefined) {
    try {
      const snapshot = openSnapshot(ctx.keys, ctx.space, readSnapshotRecord(stored));
      Y.applyUpdate(doc, snapshot.state, REMOTE_ORIGIN);
      covered = [...snapshot.heads];
    } catch (e) {
      // Fall back to replaying every stored entry; the bad snapshot stays until the next one replaces it.
      ctx.report({ kind: 'snapshot', space: ctx.space, code: problemCode(e) });
    }
  }
  const coveredSeq = new Map(covered.map((h) => [h.author, h.seq]));
  const access = SpaceAccess.restore(ctx.space, await storedEntries(ctx, 'access', () => 0));
  const content = await storedEntries(ctx, 'content', (author) => coveredSeq.get(author) ?? 0);
  const updates: Uint8Array[] = [];
  for (const entry of content) {
    try {
      updates.push(decodeContentPayload(access.openContent(entry, ctx.identity)).update);
    } catch (e) {
      const h = entry.header;
      ctx.report({
        kind: 'entry',
        space: ctx.space,
        log: 'content',
        author: h.author,
        seq: h.seq,
        code: problemCode(e),
      });
    }
  }
  Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), REMOTE_ORIGIN);
  return {
    doc,
    contentHeads: headsAfter(covered, content),
    access,
    entriesSinceSnapshot: content.length,
  };
}
