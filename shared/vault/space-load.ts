/**
 * Opening a space at unlock: decrypt the snapshot (or, without a usable one,
 * the checkpoint of a compacted space: ARCHITECTURE.md "Checkpoints and
 * compaction") and apply its pieces one per task, then apply only the
 * content entries past the heads it covers, a group per task. Stored entries were verified when
 * they arrived, so content entries are parsed, not re-verified; but first the
 * store is compared with the manifest, every record read has its MAC checked,
 * and the access log (small) has its signatures checked whole (SECURITY.md
 * "At rest"). Any difference throws TamperedSpaceError before anything is
 * used: nothing is obeyed that the vault did not write.
 *
 * Records that authenticate but cannot be used (an entry whose key this
 * device lacks, an update Yjs throws on midway: left out whole,
 * space-content.ts) are reported and skipped, never deleted. A snapshot that
 * cannot be read is treated as missing (applySnapshot); a checkpoint, the
 * only copy of what it covers, is a finding (applyCheckpoint).
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
import { openSnapshot, type OpenedSnapshot } from './snapshot';
import { nextTask } from '../timers';
import { openCheckpoint, openedPieces } from './checkpoint';
import type { SnapshotBacklog } from './snapshot-policy';
import { ignoredId, readIgnored, type IgnoredEntry } from './ignored';
import { TamperedSpaceError } from '../store/problems';
import { compareLog, Findings } from './space-check';
import { applyContentInTasks, buildContent, parseStored } from './space-content';

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
  /** Content entries applied on top of the snapshot (or checkpoint), their stored bytes, and its size (0: none). */
  readonly backlog: SnapshotBacklog;
}

export interface LoadContext {
  readonly store: BoundStore;
  readonly keys: MasterKeys;
  readonly space: SpaceId;
  readonly identity: DeviceIdentity;
  readonly report: (p: StoreProblem) => void;
  /** Gives the event loop back between the snapshot's pieces (default: the next task). */
  readonly yieldTask?: () => Promise<void>;
}

/** What the stored snapshot (or, without one, the checkpoint) holds, and a new document with its state applied. */
interface AppliedSnapshot {
  readonly doc: Y.Doc;
  /** Its pieces, decrypted again if the document must be built anew (loadSpace). */
  readonly opened: OpenedSnapshot;
  readonly bytes: number;
}

/** Every piece into `doc`, in order, in one go (the rare second build of loadSpace). */
function applyPieces(doc: Y.Doc, opened: OpenedSnapshot): void {
  for (let i = 0; i < opened.count; i++) Y.applyUpdateV2(doc, opened.piece(i), REMOTE_ORIGIN);
}

/**
 * The pieces applied to a new document, one per task: each is decrypted (a snapshot's) and applied
 * whole (snapshot-pieces.ts), then the window may paint. Throws what piece() or Yjs throws, having
 * destroyed the document (nothing of a state Yjs threw on midway is kept).
 */
async function applyInTasks(ctx: LoadContext, opened: OpenedSnapshot): Promise<Y.Doc> {
  const doc = new Y.Doc();
  try {
    for (let i = 0; i < opened.count; i++) {
      if (i > 0) await (ctx.yieldTask ?? nextTask)();
      Y.applyUpdateV2(doc, opened.piece(i), REMOTE_ORIGIN);
    }
    return doc;
  } catch (e) {
    doc.destroy();
    throw e;
  }
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
  try {
    const opened = openSnapshot(ctx.keys, ctx.space, record, named);
    const doc = await applyInTasks(ctx, opened);
    const bytes = record.pieces.reduce((n, p) => n + p.ciphertext.length, record.sealed.ciphertext.length);
    return { doc, opened, bytes };
  } catch (e) {
    if (e instanceof TamperError && e.change !== 'altered') findings.addError('snapshot', e);
    else unreadable(e);
    return undefined;
  }
}

/**
 * The checkpoint the manifest names, if any (checkpoint.ts). With a usable snapshot (taken after
 * it, so holding its state) only its presence is checked: unlock does not read it. Without one it
 * is the base the entries are applied to, its pieces one per task like a snapshot's. It is the only
 * copy of what it covers, so one missing, not opening, or whose state Yjs throws on is a finding:
 * the space stays closed until the organizer goes on without it.
 */
async function applyCheckpoint(
  ctx: LoadContext,
  manifest: Manifest,
  findings: Findings,
  withSnapshot: boolean,
): Promise<AppliedSnapshot | undefined> {
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
    const record = readCheckpointRecord(stored);
    const opened = openedPieces(openCheckpoint(ctx.keys, ctx.space, record, named));
    return { doc: await applyInTasks(ctx, opened), opened, bytes: record.sealed.ciphertext.length };
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
  // With a usable snapshot only the checkpoint's presence is checked (nothing returned).
  const checkpoint = await applyCheckpoint(ctx, manifest, findings, snapshot !== undefined);
  const base = snapshot ?? checkpoint;
  const snapshotHeads = base?.opened.heads ?? [];
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
    base?.doc.destroy();
    throw new TamperedSpaceError(findings.list());
  }
  const access = SpaceAccess.restore(ctx.space, accessEntries);
  const ids = new Set(ignored.map((x) => ignoredId(x.author, x.seq)));
  // The entries past the snapshot (or checkpoint), a group per task; only if Yjs throws on one is
  // the document built again, with the base's pieces applied anew, without it (buildContent).
  let doc = base?.doc ?? new Y.Doc();
  if (!(await applyContentInTasks(ctx, access, content, ids, doc, REMOTE_ORIGIN, ctx.yieldTask ?? nextTask))) {
    doc.destroy();
    const fresh = () => {
      const again = new Y.Doc();
      if (base) applyPieces(again, base.opened);
      return again;
    };
    doc = buildContent(ctx, access, content, ids, fresh, REMOTE_ORIGIN);
  }
  return {
    doc,
    contentHeads: await chainHeads(ctx, named.content, content, snapshotHeads),
    access,
    ignored,
    backlog: {
      entries: content.length,
      bytes: content.reduce((n, e) => n + e.bytes.length, 0),
      snapshotBytes: base?.bytes ?? 0,
    },
  };
}
