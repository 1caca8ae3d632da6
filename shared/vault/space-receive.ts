/**
 * Entries from peers (or a bundle): verified once here, on arrival, then
 * chained per author, checked against the access rules and decrypted BEFORE
 * anything is stored. What fails is rejected with a code and stores nothing.
 */
import type { SpaceId } from '../crypto';
import { isAppError, type ErrorCode, AppError } from '../errors';
import { bytesEqual } from '../crypto';
import { decodeEntry, openContent, type Entry } from '../log/entry';
import { forkReport, type ChainAcceptor, type ForkReport } from '../log/chain';
import { decodeContentPayload } from '../log/content-payload';
import type { Database } from '../store/database';
import { entryKey, getEntry } from '../store/entry-store';
import type { SpaceAccess } from './space-access';

export interface ReceiveReport {
  /** Entries stored and applied (including buffered ones this batch released). */
  readonly accepted: number;
  /** Already held: ignored. */
  readonly duplicates: number;
  /** Ahead of their author's chain: held in memory until the gap is filled. */
  readonly buffered: number;
  /** Not taken, with why (index into the batch). Nothing of them was stored. */
  readonly rejected: readonly { readonly index: number; readonly code: ErrorCode }[];
  /** Evidence that an author signed two different histories. */
  readonly forks: readonly ForkReport[];
}

export interface Accepted {
  readonly entry: Entry;
  /** The decrypted Yjs update (content entries only). */
  readonly update?: Uint8Array;
  readonly at?: number;
}

export interface ReceiveContext {
  readonly db: Database;
  readonly space: SpaceId;
  readonly access: SpaceAccess;
  readonly content: ChainAcceptor;
  readonly accessLog: ChainAcceptor;
}

function code(e: unknown): ErrorCode {
  return isAppError(e) ? e.code : 'bad-entry';
}

/** Opens a content entry; throws AppError('not-allowed' | 'decrypt-failed' | 'bad-entry'). */
function openIncoming(ctx: ReceiveContext, entry: Entry): { update: Uint8Array; at: number } {
  ctx.access.checkContentAuthor(entry.header.author, entry.header.epoch);
  const key = ctx.access.epochKey(entry.header.epoch);
  if (!key) throw new AppError('not-allowed', 'no key for this epoch');
  return decodeContentPayload(openContent(entry, key));
}

/**
 * Works out which of `batch` to store and apply. Decrypted content is kept
 * for entries that the acceptor buffers, keyed by entry id, in `opened`.
 */
export async function receive(
  ctx: ReceiveContext,
  batch: readonly Uint8Array[],
  opened: Map<string, { update: Uint8Array; at: number }>,
): Promise<{ report: ReceiveReport; accepted: Accepted[] }> {
  let duplicates = 0;
  let buffered = 0;
  const rejected: { index: number; code: ErrorCode }[] = [];
  const forks: ForkReport[] = [];
  const accepted: Accepted[] = [];
  const accessAccepted: Entry[] = [];
  for (let index = 0; index < batch.length; index++) {
    let entry: Entry;
    try {
      entry = decodeEntry(batch[index]!);
      if (entry.header.space !== ctx.space) throw new AppError('unknown-space', 'entry is for another space');
      if (entry.header.log === 'content' && !opened.has(entry.id)) opened.set(entry.id, openIncoming(ctx, entry));
    } catch (e) {
      rejected.push({ index, code: code(e) });
      continue;
    }
    const acceptor = entry.header.log === 'content' ? ctx.content : ctx.accessLog;
    let result;
    try {
      result = acceptor.offer(entry);
    } catch (e) {
      rejected.push({ index, code: code(e) });
      continue;
    }
    forks.push(...result.forks);
    if (result.status === 'duplicate') duplicates++;
    else if (result.status === 'buffered') buffered++;
    else if (result.status === 'dropped') rejected.push({ index, code: 'bad-entry' });
    else if (result.status === 'fork') rejected.push({ index, code: 'entry-fork' });
    else if (result.status === 'behind-head') {
      const h = entry.header;
      const held = await getEntry(ctx.db, entryKey(ctx.space, h.log, h.author, h.seq));
      if (held && bytesEqual(held, entry.bytes)) duplicates++;
      else {
        rejected.push({ index, code: 'entry-fork' });
        if (held) forks.push(forkReport(ctx.space, h.log, h.seq, 'same-seq', '(stored)', entry));
      }
    }
    for (const e of result.accepted) {
      if (e.header.log === 'access') {
        accessAccepted.push(e);
        accepted.push({ entry: e });
        continue;
      }
      const content = opened.get(e.id);
      opened.delete(e.id);
      accepted.push({ entry: e, update: content?.update, at: content?.at });
    }
  }
  if (accessAccepted.length > 0) ctx.access.checkAccessEntries(accessAccepted);
  return {
    report: { accepted: accepted.length, duplicates, buffered, rejected, forks },
    accepted,
  };
}
