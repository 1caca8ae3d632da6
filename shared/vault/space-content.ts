/**
 * Stored content entries into a document: parsed (they were verified when
 * they arrived, and their records' MACs were checked on reading), decrypted,
 * unpacked and applied, a bounded amount at a time.
 */
import type * as Y from 'yjs';
import type { DeviceId, DeviceIdentity, SpaceId } from '../crypto';
import { AppError } from '../errors';
import { readStoredEntry, type Entry, type LogKind } from '../log/entry';
import { decodeContentPayload } from '../log/content-payload';
import type { SpaceAccess } from '../space';
import { isEntryKey } from '../store/binding';
import type { StoredEntry, UnreadableEntry } from '../store/entry-store';
import { problemCode, type StoreProblem } from '../store/problems';
import { applyUpdates, buildDocument } from './apply-updates';
import { ignoredId } from './ignored';

/**
 * Unpacked updates held at once before they are applied: a hostile member's
 * entries may each unpack to MAX_UNPACKED_UPDATE, and unlock, a rebuild or
 * a bundle may hold thousands of them.
 */
export const MAX_UNPACKED_AT_ONCE = 256 * 1024 * 1024;

/** Parses stored entries of one log, checking each is the entry its key names; the others go to `bad`. */
export function parseStored(
  space: SpaceId,
  log: LogKind,
  rows: readonly StoredEntry[],
  bad: (row: StoredEntry, error: unknown) => void,
): Entry[] {
  const out: Entry[] = [];
  for (const row of rows) {
    try {
      const entry = readStoredEntry(row.bytes);
      const h = entry.header;
      if (h.space !== space || h.log !== log || h.author !== row.key[2] || h.seq !== row.key[3]) {
        throw new AppError('vault-corrupt', 'entry does not match its key');
      }
      out.push(entry);
    } catch (e) {
      bad(row, e);
    }
  }
  return out;
}

type Reporter = Pick<ContentContext, 'space' | 'report'>;

/** Reports a stored entry that could not be used (left in place). */
export function reportEntry(ctx: Reporter, log: LogKind, author: DeviceId, seq: number, error: unknown): void {
  ctx.report({ kind: 'entry', space: ctx.space, log, author, seq, code: problemCode(error) });
}

/** Reports stored rows of one log that could not be used (left in place). */
export function reportUnreadable(ctx: Reporter, log: LogKind, rows: readonly UnreadableEntry[]): void {
  for (const u of rows) {
    if (isEntryKey(u.key)) {
      reportEntry(ctx, log, u.key[2], u.key[3], u.error);
    } else {
      const record = log === 'access' ? 'access-entry' : 'content-entry';
      ctx.report({ kind: 'tampered', finding: { record, change: 'added', space: ctx.space, count: 1 } });
    }
  }
}

export interface ContentContext {
  readonly space: SpaceId;
  readonly identity: DeviceIdentity;
  readonly report: (p: StoreProblem) => void;
}

/**
 * A document made by `fresh` (empty, or holding the snapshot's state) with
 * the updates of the content entries not in `ignored` applied with `origin`,
 * decrypted in rounds of at most MAX_UNPACKED_AT_ONCE unpacked bytes. An
 * entry that cannot be opened is reported and left out; so is one whose
 * update Yjs throws on midway, left out whole: the document is built anew
 * without it (buildDocument) and its entry reported as 'bad-entry'.
 */
export function buildContent(
  ctx: ContentContext,
  access: SpaceAccess,
  entries: readonly Entry[],
  ignored: ReadonlySet<string>,
  fresh: () => Y.Doc,
  origin: unknown,
): Y.Doc {
  const sources: Entry[] = []; // the entry of each update, by its position in the rounds
  const unopened = new Set<Entry>(); // reported once, however many builds read the rounds
  function* rounds(): Generator<Uint8Array[]> {
    let position = 0;
    let round: Uint8Array[] = [];
    let held = 0;
    const report = (entry: Entry, e: unknown) => {
      if (!unopened.has(entry)) reportEntry(ctx, 'content', entry.header.author, entry.header.seq, e);
      unopened.add(entry);
    };
    for (const { entry, update } of openedUpdates(ctx, access, entries, ignored, report)) {
      sources[position++] = entry;
      if (held + update.length > MAX_UNPACKED_AT_ONCE && round.length > 0) {
        yield round;
        round = [];
        held = 0;
      }
      round.push(update);
      held += update.length;
    }
    yield round;
  }
  const { doc, refused } = buildDocument(fresh, rounds, origin);
  for (const i of refused) {
    const h = sources[i]!.header;
    reportEntry(ctx, 'content', h.author, h.seq, new AppError('bad-entry', 'Yjs refused the update'));
  }
  return doc;
}

/**
 * The updates of the content entries not in `ignored`, in order, each with its entry; an entry that
 * cannot be opened goes to `unopened` (its caller says when to report it) and is left out.
 */
function* openedUpdates(
  ctx: ContentContext,
  access: SpaceAccess,
  entries: readonly Entry[],
  ignored: ReadonlySet<string>,
  unopened: (entry: Entry, e: unknown) => void,
): Generator<{ readonly entry: Entry; readonly update: Uint8Array }> {
  for (const entry of entries) {
    const h = entry.header;
    if (ignored.has(ignoredId(h.author, h.seq))) continue;
    let update: Uint8Array;
    try {
      update = decodeContentPayload(access.openContent(entry, ctx.identity)).update;
    } catch (e) {
      unopened(entry, e);
      continue;
    }
    yield { entry, update };
  }
}

/** Unpacked updates applied per task by applyContentInTasks: a few milliseconds of Yjs work. */
export const UPDATES_PER_TASK_BYTES = 256 * 1024;

/**
 * The common case of buildContent, a group of entries per task: the updates of
 * the entries not in `ignored` applied to `doc` in groups of about
 * UPDATES_PER_TASK_BYTES, with `yieldTask` awaited between groups, so the page
 * paints while a space opens. Entries that cannot be opened are reported and
 * left out, as by buildContent. Returns false, having reported nothing, when
 * Yjs threw on an update: `doc` then holds part of it, and the caller throws
 * it away and calls buildContent, which finds the update and leaves it out.
 */
export async function applyContentInTasks(
  ctx: ContentContext,
  access: SpaceAccess,
  entries: readonly Entry[],
  ignored: ReadonlySet<string>,
  doc: Y.Doc,
  origin: unknown,
  yieldTask: () => Promise<void>,
): Promise<boolean> {
  const unopened: [Entry, unknown][] = [];
  let group: Uint8Array[] = [];
  let held = 0;
  const applyGroup = async () => {
    if (group.length === 0) return true;
    const ok = applyUpdates(doc, group, origin);
    group = [];
    held = 0;
    await yieldTask();
    return ok;
  };
  for (const { update } of openedUpdates(ctx, access, entries, ignored, (entry, e) => unopened.push([entry, e]))) {
    group.push(update);
    held += update.length;
    if (held >= UPDATES_PER_TASK_BYTES && !(await applyGroup())) return false;
  }
  if (!(await applyGroup())) return false;
  for (const [entry, e] of unopened) reportEntry(ctx, 'content', entry.header.author, entry.header.seq, e);
  return true;
}
