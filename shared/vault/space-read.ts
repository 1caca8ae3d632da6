/**
 * Reading a space's stored entries for peers (sync, bundles): exact stored
 * bytes, each author's in chain order. Unreadable records (or records whose
 * MAC fails) are reported and skipped, never deleted.
 */
import type { DeviceId, SpaceId } from '../crypto';
import type { ChainHead } from '../log/chain';
import type { LogKind } from '../log/entry';
import type { BoundStore } from '../store/bound-store';
import type { StoreProblem } from '../store/problems';
import { reportUnreadable } from './space-content';

export interface ReadContext {
  readonly store: BoundStore;
  readonly space: SpaceId;
  readonly report: (p: StoreProblem) => void;
}

/** Per-author heads of both logs: what sync peers exchange. */
export interface SpaceHeads {
  readonly access: readonly ChainHead[];
  readonly content: readonly ChainHead[];
}

/** The stored entries of one author in one log with `afterSeq` < seq <= `upToSeq`. */
export async function entriesInRange(
  ctx: ReadContext,
  log: LogKind,
  author: DeviceId,
  afterSeq: number,
  upToSeq: number = Infinity,
): Promise<Uint8Array[]> {
  const { entries, unreadable } = await ctx.store.readAuthorAfter(ctx.space, log, author, afterSeq, upToSeq);
  reportUnreadable(ctx, log, unreadable);
  return entries.map((e) => e.bytes);
}

/** Stored entries a peer with heads `theirs` lacks: access log first, then content. */
export async function entriesAfter(
  ctx: ReadContext,
  mine: SpaceHeads,
  theirs: SpaceHeads,
  limit: number,
  /** Per author, the content seqs compacted away here: a peer behind one gets none of that author's tail (it would not chain). */
  bases: ReadonlyMap<DeviceId, number> = new Map(),
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const logs: [LogKind, readonly ChainHead[], readonly ChainHead[]][] = [
    ['access', mine.access, theirs.access],
    ['content', mine.content, theirs.content],
  ];
  for (const [log, ours, their] of logs) {
    const seen = new Map(their.map((h) => [h.author, h.seq]));
    for (const head of ours) {
      const after = seen.get(head.author) ?? 0;
      if (head.seq <= after || (log === 'content' && after < (bases.get(head.author) ?? 0))) continue;
      for (const bytes of await entriesInRange(ctx, log, head.author, after)) {
        if (out.length >= limit) return out;
        out.push(bytes);
      }
    }
  }
  return out;
}
