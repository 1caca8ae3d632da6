/**
 * The history view's raw material: who authored which content entry and when.
 * Read on demand (it decrypts every stored content entry of the space), never
 * at unlock.
 */
import type { DeviceId, DeviceIdentity, SpaceId } from '../crypto';
import { readStoredEntry } from '../log/entry';
import { decodeContentPayload } from '../log/content-payload';
import type { Database } from '../store/database';
import { readLog } from '../store/entry-store';
import { problemCode, type StoreProblem } from '../store/problems';
import type { SpaceAccess } from '../space';

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
  readonly db: Database;
  readonly space: SpaceId;
  readonly access: SpaceAccess;
  readonly identity: DeviceIdentity;
  readonly report: (p: StoreProblem) => void;
}): Promise<HistoryItem[]> {
  const { entries, unreadable } = await readLog(ctx.db, ctx.space, 'content');
  const items: HistoryItem[] = [];
  for (const u of unreadable) {
    ctx.report({
      kind: 'entry',
      space: ctx.space,
      log: 'content',
      author: u.key[2],
      seq: u.key[3],
      code: problemCode(u.error),
    });
  }
  for (const s of entries) {
    try {
      const entry = readStoredEntry(s.bytes);
      const { author, seq, epoch } = entry.header;
      const { at, update } = decodeContentPayload(ctx.access.openContent(entry, ctx.identity));
      items.push({ id: entry.id, author, seq, epoch, at, update });
    } catch (e) {
      ctx.report({
        kind: 'entry',
        space: ctx.space,
        log: 'content',
        author: s.key[2],
        seq: s.key[3],
        code: problemCode(e),
      });
    }
  }
  return items.sort((a, b) => a.at - b.at || (a.author < b.author ? -1 : a.author > b.author ? 1 : a.seq - b.seq));
}
