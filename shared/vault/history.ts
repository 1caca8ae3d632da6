/**
 * The history view's raw material: who authored which content entry and when.
 * Read on demand, never at unlock; a reader that already holds some entries names
 * them (`known`), and only the others are decrypted (ARCHITECTURE.md "Views read what they show").
 */
import type { DeviceId, DeviceIdentity, SpaceId } from '../crypto';
import { decodeContentPayload } from '../log/content-payload';
import type { BoundStore } from '../store/bound-store';
import type { StoreProblem } from '../store/problems';
import type { SpaceAccess } from '../space';
import { parseStored, reportEntry, reportUnreadable } from './space-content';

export interface HistoryItem {
  /** Entry id (base64url hash of its bytes). */
  readonly id: string;
  readonly author: DeviceId;
  readonly seq: number;
  readonly epoch: number;
  /** When the author made the change, ms since 1970, by the author's clock. */
  readonly at: number;
  /** The Yjs update the entry carried (to find which records it touched). */
  readonly update: Uint8Array;
}

/** Oldest first by the author's clock; ties by author, then seq (so merged reads sort the same way). */
export function historyOrder(a: HistoryOrdered, b: HistoryOrdered): number {
  return a.at - b.at || (a.author < b.author ? -1 : a.author > b.author ? 1 : a.seq - b.seq);
}

export type HistoryOrdered = Pick<HistoryItem, 'at' | 'author' | 'seq'>;

/**
 * The stored content entries, oldest first, except those whose id is in `known`: stored entries never
 * change (their id is the hash of their bytes), so a reader keeps what it read and asks for the rest.
 */
export async function readHistory(
  ctx: {
    readonly store: BoundStore;
    readonly space: SpaceId;
    readonly access: SpaceAccess;
    readonly identity: DeviceIdentity;
    readonly report: (p: StoreProblem) => void;
  },
  known: ReadonlySet<string> = new Set(),
): Promise<HistoryItem[]> {
  const scan = await ctx.store.readLog(ctx.space, 'content');
  reportUnreadable(ctx, 'content', scan.unreadable);
  const entries = parseStored(ctx.space, 'content', scan.entries, (row, e) =>
    reportEntry(ctx, 'content', row.key[2], row.key[3], e),
  );
  const items: HistoryItem[] = [];
  for (const entry of entries) {
    if (known.has(entry.id)) continue;
    const { author, seq, epoch } = entry.header;
    try {
      const { at, update } = decodeContentPayload(ctx.access.openContent(entry, ctx.identity));
      items.push({ id: entry.id, author, seq, epoch, at, update });
    } catch (e) {
      reportEntry(ctx, 'content', author, seq, e);
    }
  }
  return items.sort(historyOrder);
}
