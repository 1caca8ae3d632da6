/**
 * Opening a space at unlock: decrypt the snapshot, then apply only the
 * content entries past the heads it covers. Stored entries were verified when
 * they arrived, so content entries are parsed, not re-verified; but first the
 * store is compared with the manifest, every record read has its MAC checked,
 * and the access log (small) has its signatures checked whole (SECURITY.md
 * "At rest"). Any difference throws TamperedSpaceError before anything is
 * used: nothing is obeyed that the vault did not write.
 *
 * Records that authenticate but cannot be used (an entry whose key this
 * device lacks, an update Yjs throws on midway: left out whole,
 * space-content.ts) are reported and skipped, never deleted. A snapshot that
 * cannot be read is treated as missing (applySnapshot).
 */
import * as Y from 'yjs';
import { deviceIdOf, hash, type DeviceId, type DeviceIdentity, type Hash, type SpaceId } from '../crypto';
import { entryHash, type Entry } from '../log/entry';
import type { ChainHead } from '../log/chain';
import { decodeEntries } from '../log/verify-batch';
import { SpaceAccess } from '../space';
import { checkpointRef, snapshotRef, TamperError } from '../store/binding';
import { requestResult } from '../store/database';
import type { BoundStore } from '../store/bound-store';
import type { StoredEntry } from '../store/entry-store';
import { EMPTY_SPACE, type BoundHead, type Manifest } from '../store/manifest';
import { problemCode, type StoreProblem } from '../store/problems';
import { readCheckpointRecord, readSnapshotRecord, type SnapshotRecord } from '../store/records';
import type { MasterKeys } from './keys';
import { openSnapshot } from './snapshot';
import { openCheckpoint, type Checkpoint } from './checkpoint';
import type { SnapshotBacklog } from './snapshot-policy';
import { ignoredId, readIgnored, type IgnoredEntry } from './ignored';
import { TamperedSpaceError } from '../store/problems';
import { compareLog, Findings } from './space-check';
import { buildContent, parseStored } from './space-content';

/** Transaction origin of updates that came from the store or from peers (not re-sent by the batcher). */
export const REMOTE_ORIGIN = Symbol('sealed-roster/remote');

export interface LoadedSpace {
  /** A fresh document: new Y.Doc, so a new random clientID on every load. */
  readonly doc: Y.Doc;
  /** Heads to continue the content chains from (what peers are told this device holds). */
  readonly contentHeads: ChainHead[];
  /** The space's access state, rebuilt from its stored access log. */
  readonly access: SpaceAccess;
  /** Stored content entries left out of the document (invalidation.ts). */
  readonly ignored: IgnoredEntry[];
  /** Content entries applied on top of the snapshot, their stored bytes, and the snapshot's size (0: none). */
  readonly backlog: SnapshotBacklog;
}

export interface LoadContext {
  readonly store: BoundStore;
  readonly keys: MasterKeys;
  readonly space: SpaceId;
  readonly identity: DeviceIdentity;
  readonly report: (p: StoreProblem) => void;
}

/** What the stored snapshot holds, and a new document with its state applied. */
interface AppliedSnapshot {
  readonly doc: Y.Doc;
  readonly state: Uint8Array;
  readonly heads: readonly ChainHead[];
  readonly bytes: number;
}

/**
 * The stored snapshot applied to a new document, if it is the one the manifest names and it can be used.
 *
 * The snapshot is a cache of the space's entries, and every entry is kept, so one that cannot be
 * read (its bytes or file damaged by a crash or a bad disk sector, its seal failing under the
 * generation the manifest names, its plaintext malformed, unpacking too far, or Yjs throwing on it)
 * is treated as missing: reported as a store problem, and the space is built from all its entries,
 * each MAC-checked as it is read (SECURITY.md "At rest"). Ignoring it obeys nothing and loses
 * nothing, so the organizer is not asked. A whole record that is not the one the vault last wrote
 * (an older copy put back, one of another space, one the manifest does not name) is still a tamper
 * finding: that is a sign of an edit, not of damage.
 */
async function applySnapshot(
  ctx: LoadContext,
  manifest: Manifest,
  findings: Findings,
): Promise<AppliedSnapshot | undefined> {
  const ref = snapshotRef(ctx.space);
  const named = manifest.records.get(ref.name);
  const unreadable = (e: unknown): undefined => {
    // A seal that fails under the named generation is damage as far as anyone can tell: told as such.
    ctx.report({
      kind: 'snapshot',
      space: ctx.space,
      code: e instanceof TamperError ? 'vault-corrupt' : problemCode(e),
    });
    return undefined;
  };
  let stored: unknown;
  try {
    stored = await ctx.store.db.get(ref.store, ref.key);
  } catch (e) {
    return unreadable(e); // the browser could not read the value (a damaged or missing blob file)
  }
  if (stored === undefined) {
    if (named !== undefined) findings.add('snapshot', 'removed');
    return undefined;
  }
  let record: SnapshotRecord;
  try {
    record = readSnapshotRecord(stored);
  } catch (e) {
    return unreadable(e);
  }
  if (record.space !== ctx.space) {
    findings.add('snapshot', 'altered'); // a whole snapshot of another space: moved here, this vault never does
    return undefined;
  }
  const doc = new Y.Doc();
  try {
    const snapshot = openSnapshot(ctx.keys, ctx.space, record, named);
    Y.applyUpdate(doc, snapshot.state, REMOTE_ORIGIN);
    return { doc, state: snapshot.state, heads: snapshot.heads, bytes: record.sealed.ciphertext.length };
  } catch (e) {
    doc.destroy(); // nothing of a snapshot Yjs threw on midway
    if (e instanceof TamperError && e.change !== 'altered') findings.addError('snapshot', e);
    else unreadable(e);
    return undefined;
  }
}

/**
 * The checkpoint the manifest names, if any (checkpoint.ts). With a usable snapshot (taken after
 * it, so holding its state) only its presence is checked: unlock does not read it. Without one it
 * is the base the entries are applied to. It is the only copy of what it covers, so one missing or
 * not opening is a finding: the space stays closed until the organizer goes on without it.
 */
async function readCheckpoint(
  ctx: LoadContext,
  manifest: Manifest,
  findings: Findings,
  withSnapshot: boolean,
): Promise<Checkpoint | undefined> {
  const ref = checkpointRef(ctx.space);
  const named = manifest.records.get(ref.name);
  try {
    if (withSnapshot) {
      const present = await ctx.store.db.transact([ref.store], 'readonly', (s) =>
        requestResult(s(ref.store).count(ref.key)),
      );
      if (present === 0 && named !== undefined) findings.add('checkpoint', 'removed');
      if (present > 0 && named === undefined) findings.add('checkpoint', 'added');
      return undefined;
    }
    const stored = await ctx.store.db.get(ref.store, ref.key);
    if (stored === undefined) {
      if (named !== undefined) findings.add('checkpoint', 'removed');
      return undefined;
    }
    return openCheckpoint(ctx.keys, ctx.space, readCheckpointRecord(stored), named);
  } catch (e) {
    findings.addError('checkpoint', e);
    return undefined;
  }
}

/** The stored access entries whose signatures hold (checked once per author run: log/verify-batch.ts). */
function signedAccess(ctx: LoadContext, rows: readonly StoredEntry[], findings: Findings): Entry[] {
  const decoded = decodeEntries(rows.map((r) => r.bytes));
  const signed = rows.filter((row, i) => {
    if (decoded[i]!.entry) return true;
    findings.add('access-entry', 'altered', row.key[2], [row.key[3]]);
    return false;
  });
  return parseStored(ctx.space, 'access', signed, (row) =>
    findings.add('access-entry', 'altered', row.key[2], [row.key[3]]),
  );
}

async function ignoredEntries(ctx: LoadContext, manifest: Manifest, findings: Findings): Promise<IgnoredEntry[]> {
  try {
    return await readIgnored(ctx.store.db, ctx.keys, manifest, ctx.space);
  } catch (e) {
    findings.addError('set-aside', e);
    return [];
  }
}

/**
 * Where each author's content chain continues. Normally the manifest's
 * heads. When entries are known lost (the organizer went on after tampering:
 * rebind.ts), another author's chain restarts before the first lost one, so
 * that peers send it again; this device's own chain continues after its
 * true head, so it never signs a second entry at a seq it already used.
 */
async function chainHeads(
  ctx: LoadContext,
  named: readonly BoundHead[],
  read: readonly Entry[],
  snapshotHeads: readonly ChainHead[],
): Promise<ChainHead[]> {
  const me = deviceIdOf(ctx.identity.signPublic);
  const heads: ChainHead[] = [];
  for (const h of named) {
    if (h.lost.length === 0 || h.author === me) {
      heads.push({ author: h.author, seq: h.seq, hash: h.hash });
      continue;
    }
    const seq = h.lost[0]![0] - 1;
    if (seq < 1) continue;
    const hash = await hashAt(ctx, h.author, seq, read, snapshotHeads);
    if (hash) heads.push({ author: h.author, seq, hash });
  }
  return heads;
}

async function hashAt(
  ctx: LoadContext,
  author: DeviceId,
  seq: number,
  read: readonly Entry[],
  snapshotHeads: readonly ChainHead[],
): Promise<Hash | undefined> {
  const entry = read.find((e) => e.header.author === author && e.header.seq === seq);
  if (entry) return entryHash(entry);
  const head = snapshotHeads.find((h) => h.author === author && h.seq === seq);
  if (head) return head.hash;
  try {
    const stored = await ctx.store.getEntry([ctx.space, 'content', author, seq]);
    return stored && hash(stored.bytes);
  } catch {
    // A record that does not authenticate was found and told by the check at unlock; peers send it again.
    return undefined;
  }
}

/** Throws TamperedSpaceError when the store is not what the vault wrote. */
export async function loadSpace(ctx: LoadContext): Promise<LoadedSpace> {
  const manifest = ctx.store.manifest;
  const findings = new Findings(ctx.space);
  if (!manifest) throw new TamperedSpaceError([{ record: 'manifest', change: 'altered', count: 1 }]);
  const named = manifest.spaces.get(ctx.space) ?? EMPTY_SPACE;
  const snapshot = await applySnapshot(ctx, manifest, findings);
  const checkpoint = await readCheckpoint(ctx, manifest, findings, snapshot !== undefined);
  const base = snapshot ?? checkpoint;
  const snapshotHeads = base?.heads ?? [];
  // Entries up to a compacted base are not stored: counted (as none), never read.
  const covered = new Map(named.content.filter((h) => h.base > 0).map((h) => [h.author, h.base]));
  for (const h of snapshotHeads) covered.set(h.author, Math.max(h.seq, covered.get(h.author) ?? 0));
  const [accessScan, contentScan] = await Promise.all([
    ctx.store.readLog(ctx.space, 'access'),
    ctx.store.readLog(ctx.space, 'content', covered),
  ]);
  compareLog(findings, 'access', named.access, accessScan);
  compareLog(findings, 'content', named.content, contentScan, covered);
  const accessEntries = signedAccess(ctx, accessScan.entries, findings);
  const content = parseStored(ctx.space, 'content', contentScan.entries, (row) =>
    findings.add('content-entry', 'altered', row.key[2], [row.key[3]]),
  );
  const ignored = await ignoredEntries(ctx, manifest, findings);
  if (findings.size > 0) {
    snapshot?.doc.destroy();
    throw new TamperedSpaceError(findings.list());
  }
  const access = SpaceAccess.restore(ctx.space, accessEntries);
  const ids = new Set(ignored.map((x) => ignoredId(x.author, x.seq)));
  // The snapshot is applied once; again only if an entry's update must be left out (buildContent).
  let first = snapshot?.doc;
  const fresh = () => {
    const doc = first ?? new Y.Doc();
    if (!first && base) Y.applyUpdate(doc, base.state, REMOTE_ORIGIN);
    first = undefined;
    return doc;
  };
  const doc = buildContent(ctx, access, content, ids, fresh, REMOTE_ORIGIN);
  return {
    doc,
    contentHeads: await chainHeads(ctx, named.content, content, snapshotHeads),
    access,
    ignored,
    backlog: {
      entries: content.length,
      bytes: content.reduce((n, e) => n + e.bytes.length, 0),
      snapshotBytes: snapshot?.bytes ?? 0,
    },
  };
}
