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
import { decodeContentPayload } from '../log/content-payload';
import type { SpaceAccess } from '../space';
import type { Database } from '../store/database';
import { entryKey, getEntry } from '../store/entry-store';
import { scanUpdate } from './update-scan';

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
  readonly db: Database;
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
        if (!opened.has(entry.id)) opened.set(entry.id, openIncoming(ctx, entry));
        result = ctx.content.offer(entry);
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
        const held = await getEntry(ctx.db, entryKey(ctx.space, h.log, h.author, h.seq));
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
