/**
 * The history view's raw material: who authored which content entry and when.
 * Read on demand (it decrypts every stored content entry of the space), never
 * at unlock.
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

export async function readHistory(ctx: {
  readonly store: BoundStore;
  readonly space: SpaceId;
  readonly access: SpaceAccess;
  readonly identity: DeviceIdentity;
  readonly report: (p: StoreProblem) => void;
}): Promise<HistoryItem[]> {
  const scan = await ctx.store.readLog(ctx.space, 'content');
  reportUnreadable(ctx, 'content', scan.unreadable);
  const entries = parseStored(ctx.space, 'content', scan.entries, (row, e) =>
    reportEntry(ctx, 'content', row.key[2], row.key[3], e),
  );
  const items: HistoryItem[] = [];
  for (const entry of entries) {
    const { author, seq, epoch } = entry.header;
    try {
      const { at, update } = decodeContentPayload(ctx.access.openContent(entry, ctx.identity));
      items.push({ id: entry.id, author, seq, epoch, at, update });
    } catch (e) {
      reportEntry(ctx, 'content', author, seq, e);
    }
  }
  return items.sort((a, b) => a.at - b.at || (a.author < b.author ? -1 : a.author > b.author ? 1 : a.seq - b.seq));
}
