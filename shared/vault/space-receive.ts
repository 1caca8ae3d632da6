/**
 * Entries from peers (or a bundle, or this device's own admin actions),
 * verified on arrival (signatures, one per author run: log/verify-batch.ts), then chained per author,
 * checked against the space's access rules and, for content, decrypted —
 * all BEFORE anything is stored. What fails is rejected with a code and
 * leaves the store as it was.
 */
import { bytesEqual, type DeviceIdentity, type SpaceId } from '../crypto';
import { AppError, isAppError, type ErrorCode } from '../errors';
import type { Entry } from '../log/entry';
import type { DecodedEntry } from '../log/verify-batch';
import { forkReport, type ChainAcceptor, type ForkReport, type OfferResult } from '../log/chain';
import { decodeContentPayload, worstUnpackedSize } from '../log/content-payload';
import type { SpaceAccess } from '../space';
import type { BoundStore } from '../store/bound-store';
import { entryKey } from '../store/entry-store';
import type { EntryKey } from '../store/records';
import { scanUpdate } from './update-scan';
import { UPDATES_PER_TASK_BYTES } from './space-content';

export interface ReceiveReport {
  /** Entries stored (and, for content, applied), including buffered ones this batch released. */
  readonly accepted: number;
  /** Already held: ignored. */
  readonly duplicates: number;
  /** Ahead of their author's chain, or waiting for access parents: held in memory until the gap is filled. */
  readonly buffered: number;
  /**
   * Not held: the waiting quotas were full (or, for access entries, their
   * author is not known to be entitled and strangers' quota was full). Not an
   * error: asked for again later from the heads.
   */
  readonly dropped: number;
  /** Not taken, with why (index into the batch). Nothing of them was stored. */
  readonly rejected: readonly { readonly index: number; readonly code: ErrorCode }[];
  /** Evidence that an author signed two different histories. */
  readonly forks: readonly ForkReport[];
}

export interface Accepted {
  readonly entry: Entry;
  /** The decrypted Yjs update (content entries only). */
  readonly update?: Uint8Array;
}

export interface ReceiveContext {
  readonly store: BoundStore;
  readonly space: SpaceId;
  readonly identity: DeviceIdentity;
  readonly access: SpaceAccess;
  readonly content: ChainAcceptor;
}

function code(e: unknown): ErrorCode {
  return isAppError(e) ? e.code : 'bad-entry';
}

/** Checks the author's right and decrypts; throws AppError('not-allowed' | 'decrypt-failed' | 'bad-entry'). */
function openIncoming(ctx: ReceiveContext, entry: Entry): Uint8Array {
  const check = ctx.access.checkContentEntry(entry);
  if (!check.ok) throw check.error;
  return readableUpdate(decodeContentPayload(ctx.access.openContent(entry, ctx.identity)).update);
}

/** Throws AppError('bad-entry') for an update that does not read whole (update-scan.ts). */
function readableUpdate(update: Uint8Array): Uint8Array {
  scanUpdate(update);
  return update;
}

/** The stored bytes at `key`; a record whose MAC fails counts as none (it was reported at unlock). */
async function heldBytes(ctx: ReceiveContext, key: EntryKey): Promise<Uint8Array | undefined> {
  try {
    return (await ctx.store.getEntry(key))?.bytes;
  } catch {
    return undefined; // counts as none: it was told at unlock, and the peer's copy is taken instead
  }
}

/**
 * Works out which entries of `batch` to store and apply. Decrypted updates
 * of entries the acceptor buffers wait in `opened`, keyed by entry id.
 */
export async function receive(
  ctx: ReceiveContext,
  decoded: readonly DecodedEntry[],
  opened: Map<string, Uint8Array>,
): Promise<{ report: ReceiveReport; accepted: Accepted[] }> {
  const tally = { duplicates: 0, buffered: 0, dropped: 0 };
  const rejected: { index: number; code: ErrorCode }[] = [];
  const forks: ForkReport[] = [];
  const accepted: Accepted[] = [];

  async function take(item: DecodedEntry): Promise<void> {
    const index = item.index;
    let result: OfferResult;
    let entry: Entry;
    try {
      if (!item.entry) throw item.error;
      entry = item.entry;
      if (entry.header.space !== ctx.space) throw new AppError('unknown-space', 'entry is for another space');
      if (entry.header.log === 'access') {
        result = ctx.access.applyAccessEntry(entry);
      } else {
        let update = opened.get(entry.id);
        if (!update) opened.set(entry.id, (update = openIncoming(ctx, entry)));
        // Held while buffered: counted in the acceptor's byte budget with the entry.
        result = ctx.content.offer(entry, update.length);
      }
    } catch (e) {
      rejected.push({ index, code: code(e) });
      return;
    }
    forks.push(...result.forks);
    switch (result.status) {
      case 'duplicate':
        tally.duplicates++;
        break;
      case 'buffered':
        tally.buffered++;
        break;
      case 'dropped':
        tally.dropped++; // asked for again later: not the sender's fault
        break;
      case 'fork':
        rejected.push({ index, code: 'entry-fork' });
        break;
      case 'behind-head': {
        // Restored heads only: compare with what the store holds at that seq.
        const h = entry.header;
        const held = await heldBytes(ctx, entryKey(ctx.space, h.log, h.author, h.seq));
        if (held && bytesEqual(held, entry.bytes)) tally.duplicates++;
        else {
          rejected.push({ index, code: 'entry-fork' });
          if (held) forks.push(forkReport(ctx.space, h.log, h.seq, 'same-seq', '(stored)', entry));
        }
        break;
      }
      case 'accepted':
        break;
    }
    for (const e of result.accepted) {
      accepted.push(e.header.log === 'access' ? { entry: e } : { entry: e, update: opened.get(e.id) });
      opened.delete(e.id);
    }
    if (result.status !== 'buffered') opened.delete(entry.id);
  }

  // Access entries first: content in the same batch may be authorised by them. They may come in
  // any order among themselves; the waiting quotas apply once the batch's access entries are through.
  ctx.access.beginBatch();
  try {
    for (const item of decoded) if (item.entry?.header.log === 'access') await take(item);
  } finally {
    tally.dropped += ctx.access.endBatch();
  }
  for (const item of decoded) if (item.entry?.header.log !== 'access') await take(item);
  rejected.sort((a, b) => a.index - b.index);
  return { report: { accepted: accepted.length, ...tally, rejected, forks }, accepted };
}

/**
 * A batch cut into parts whose content entries weigh at most `budget` bytes
 * together, as `weigh` counts them (or one entry alone, when it weighs more).
 * By default an entry weighs what it may unpack to whatever it holds
 * (worstUnpackedSize), so that receiving a large bundle never holds more than
 * that many unpacked bytes at once: each part is stored and applied before
 * the next is opened. Access entries (and entries that failed to decode) go
 * in the first part: content may depend on them.
 */
export function partsWithin(
  decoded: readonly DecodedEntry[],
  budget: number,
  weigh: (sealedBytes: number) => number = worstUnpackedSize,
): DecodedEntry[][] {
  const first = decoded.filter((d) => d.entry?.header.log !== 'content');
  const parts: DecodedEntry[][] = [first];
  let held = 0;
  for (const d of decoded) {
    if (d.entry?.header.log !== 'content') continue;
    const weight = weigh(d.entry.ciphertext.length);
    const part = parts[parts.length - 1]!;
    if (held + weight > budget && part.some((p) => p.entry?.header.log === 'content')) {
      parts.push([d]);
      held = weight;
    } else {
      part.push(d);
      held += weight;
    }
  }
  return parts;
}

/**
 * What content is received per task (partsWithin with `sealedWeight`): each
 * group is decrypted, inflated, stored and applied before the event loop is
 * given back. A quarter of what unlock applies per task (UPDATES_PER_TASK_BYTES),
 * since updates deflate several times over (content-payload.ts) and here each
 * is also decrypted, inflated and scanned.
 */
export const SEALED_PER_TASK_BYTES = UPDATES_PER_TASK_BYTES / 4;

/**
 * What an entry weighs in a group beyond its sealed bytes: each one, however
 * small, has its own chain check, MAC, decryption, scan and Yjs apply, which
 * cost about what this many sealed bytes of a large entry cost. So a group is
 * bounded by its entries as well as by its bytes: a day of small edits (a few
 * hundred bytes each) comes in groups that take about as long as a group of
 * large entries, and no group holds more than SEALED_PER_TASK_BYTES / ENTRY_WEIGHT_BYTES.
 */
export const ENTRY_WEIGHT_BYTES = 256;

/** An entry's weight (partsWithin): its sealed size plus the fixed ENTRY_WEIGHT_BYTES. */
export const sealedWeight = (sealedBytes: number): number => sealedBytes + ENTRY_WEIGHT_BYTES;

/** One report for a batch received in parts. */
export function mergeReports(reports: readonly ReceiveReport[]): ReceiveReport {
  const sum = (count: (r: ReceiveReport) => number) => reports.reduce((n, r) => n + count(r), 0);
  return {
    accepted: sum((r) => r.accepted),
    duplicates: sum((r) => r.duplicates),
    buffered: sum((r) => r.buffered),
    dropped: sum((r) => r.dropped),
    rejected: reports.flatMap((r) => r.rejected).sort((a, b) => a.index - b.index),
    forks: reports.flatMap((r) => r.forks),
  };
}
