/**
 * A space document rebuilt from the stored content entries still allowed,
 * for when the access log withdrew entries already applied (invalidation.ts),
 * or when Yjs threw midway through a received update (apply-updates.ts):
 * Yjs cannot take changes back, so the document is made anew (with a fresh
 * clientID, as at every load), on the space's checkpoint if it was compacted.
 */
import * as Y from 'yjs';
import type { Entry } from '../log/entry';
import type { SpaceAccess } from '../space';
import type { BoundStore } from '../store/bound-store';
import { readStoredCheckpoint } from './checkpoint';
import type { MasterKeys } from './keys';
import { REMOTE_ORIGIN } from './space-load';
import { buildContent, parseStored, reportEntry, reportUnreadable, type ContentContext } from './space-content';

export interface RebuildContext extends ContentContext {
  readonly store: BoundStore;
  readonly keys: MasterKeys;
}

/**
 * Reads every stored content entry, then, synchronously (no edit can slip in
 * between), asks `sealPending` to turn pending local edits into entries and
 * return own entries not yet stored, and applies them all but `ignored`
 * (and but any update Yjs refuses: buildContent).
 */
export async function rebuildDocument(
  ctx: RebuildContext,
  access: SpaceAccess,
  ignored: ReadonlySet<string>,
  sealPending: () => readonly Entry[],
): Promise<Y.Doc> {
  // A compacted space starts from its checkpoint: the entries it covers are gone (checkpoint.ts).
  const checkpoint = await readStoredCheckpoint(ctx.store, ctx.keys, ctx.space);
  const scan = await ctx.store.readLog(ctx.space, 'content');
  reportUnreadable(ctx, 'content', scan.unreadable);
  const stored = parseStored(ctx.space, 'content', scan.entries, (row, e) =>
    reportEntry(ctx, 'content', row.key[2], row.key[3], e),
  );
  const storedIds = new Set(stored.map((e) => e.id));
  const own = sealPending().filter((e) => !storedIds.has(e.id));
  const fresh = () => {
    const doc = new Y.Doc();
    for (const piece of checkpoint?.pieces ?? []) Y.applyUpdateV2(doc, piece, REMOTE_ORIGIN);
    return doc;
  };
  return buildContent(ctx, access, [...stored, ...own], ignored, fresh, REMOTE_ORIGIN);
}
