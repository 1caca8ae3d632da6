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
 * cannot be read is treated as missing; a checkpoint, the only copy of what
 * it covers, is a finding (readBase).
 */
import * as Y from 'yjs';
import { deviceIdOf, hash, type DeviceId, type DeviceIdentity, type Hash, type Sealed, type SpaceId } from '../crypto';
import { entryHash, type Entry } from '../log/entry';
import type { ChainHead } from '../log/chain';
import { decodeEntries } from '../log/verify-batch';
import { SpaceAccess } from '../space';
import { checkpointRef, snapshotRef, TamperError, type RecordRef } from '../store/binding';
import type { BoundStore } from '../store/bound-store';
import type { StoredEntry } from '../store/entry-store';
import { EMPTY_SPACE, type BoundHead, type Manifest } from '../store/manifest';
import { problemCode, type StoreProblem } from '../store/problems';
import { readCheckpointRecord, readSnapshotRecord, type CheckpointRecord, type SnapshotRecord } from '../store/records';
import type { MasterKeys } from './keys';
import { openSnapshot, type OpenedSnapshot } from './snapshot';
import { nextTask } from '../timers';
import { openCheckpointHeader } from './checkpoint';
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
 * A record a space's document is built on: the snapshot, or the checkpoint of a compacted space.
 * Both are read the same way (the one named, its heads opened, its pieces applied one per task);
 * they differ in what one that cannot be used means (`cache`).
 */
interface BaseRecord<R extends { readonly space: SpaceId }> {
  readonly record: 'snapshot' | 'checkpoint';
  readonly ref: RecordRef;
  /**
   * The snapshot is a cache of the space's entries, and every entry is kept, so one that cannot be
   * read (its bytes or file damaged by a crash or a bad disk sector, its seal failing under the
   * generation the manifest names, its plaintext malformed, unpacking too far, or Yjs throwing on
   * it) is treated as missing: reported as a store problem, and the space is built from all its
   * entries, each MAC-checked as it is read (SECURITY.md "At rest"). Ignoring it obeys nothing and
   * loses nothing, so the organizer is not asked. The checkpoint is the only copy of what it
   * covers: one that cannot be used is a finding, and the space stays closed until the organizer
   * goes on without it. Either way a whole record that is not the one the vault last wrote (an
   * older copy put back, one of another space, one the manifest does not name) is a tamper
   * finding: that is a sign of an edit, not of damage.
   */
  readonly cache: boolean;
  /** The stored value's shape. Throws AppError('vault-corrupt'). */
  read(value: unknown): R;
  /** Its header opened under the generation the manifest names (`named`); its pieces open when applied. */
  open(record: R, named: number | undefined): OpenedSnapshot;
  /** Its sealed size. */
  bytes(record: R): number;
}

/** The sealed size of a record's header and state pieces. */
function sealedBytes(record: { readonly sealed: Sealed; readonly pieces: readonly Sealed[] }): number {
  return record.pieces.reduce((n, p) => n + p.ciphertext.length, record.sealed.ciphertext.length);
}

function snapshotBase(ctx: LoadContext): BaseRecord<SnapshotRecord> {
  return {
    record: 'snapshot',
    ref: snapshotRef(ctx.space),
    cache: true,
    read: readSnapshotRecord,
    open: (record, named) => openSnapshot(ctx.keys, ctx.space, record, named),
    bytes: sealedBytes,
  };
}

function checkpointBase(ctx: LoadContext): BaseRecord<CheckpointRecord> {
  return {
    record: 'checkpoint',
    ref: checkpointRef(ctx.space),
    cache: false,
    read: readCheckpointRecord,
    open: (record, named) => openCheckpointHeader(ctx.keys, ctx.space, record, named),
    bytes: sealedBytes,
  };
}

/**
 * The named base record, checked (`apply` false: its header only, unlock does not read it) or
 * applied to a new document, one piece per task. What cannot be used is told by the record's rule
 * (BaseRecord `cache`); undefined then, and when there is none.
 */
async function readBase<R extends { readonly space: SpaceId }>(
  ctx: LoadContext,
  manifest: Manifest,
  findings: Findings,
  base: BaseRecord<R>,
  apply: boolean,
): Promise<AppliedSnapshot | undefined> {
  const named = manifest.records.get(base.ref.name);
  const unusable = (e: unknown): undefined => {
    if (!base.cache || (e instanceof TamperError && e.change !== 'altered')) {
      findings.addError(base.record, e);
      return undefined;
    }
    // A seal that fails under the named generation is damage as far as anyone can tell: told as such.
    const code = e instanceof TamperError ? 'vault-corrupt' : problemCode(e);
    ctx.report({ kind: 'snapshot', space: ctx.space, code });
    return undefined;
  };
  let stored: unknown;
  try {
    stored = await ctx.store.db.get(base.ref.store, base.ref.key);
  } catch (e) {
    return unusable(e); // the browser could not read the value (a damaged or missing blob file)
  }
  if (stored === undefined) {
    if (named !== undefined) findings.add(base.record, 'removed');
    return undefined;
  }
  let record: R;
  try {
    record = base.read(stored);
  } catch (e) {
    return unusable(e);
  }
  if (record.space !== ctx.space) {
    findings.add(base.record, 'altered'); // a whole record of another space: moved here, this vault never does
    return undefined;
  }
  try {
    const opened = base.open(record, named);
    if (!apply) return undefined;
    return { doc: await applyInTasks(ctx, opened), opened, bytes: base.bytes(record) };
  } catch (e) {
    return unusable(e);
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
  const snapshot = await readBase(ctx, manifest, findings, snapshotBase(ctx), true);
  // With a usable snapshot (taken after it, so holding its state) the checkpoint is not applied, but
  // its header is checked: an older one put back is found now, not when it is next read or sent.
  const checkpoint = await readBase(ctx, manifest, findings, checkpointBase(ctx), snapshot === undefined);
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
