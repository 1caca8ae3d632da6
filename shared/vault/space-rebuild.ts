/**
 * A space document rebuilt from the stored content entries still allowed,
 * for when the access log withdrew entries already applied (invalidation.ts),
 * or when Yjs threw midway through a received update (apply-updates.ts):
 * Yjs cannot take changes back, so the document is made anew (with a fresh
 * clientID, as at every load).
 */
import * as Y from 'yjs';
import type { Entry } from '../log/entry';
import { decodeContentPayload } from '../log/content-payload';
import type { SpaceAccess } from '../space';
import { buildFromEntries, readContentUpdates, type LoadContext } from './space-load';

/**
 * Reads every stored content entry not in `ignored`, then, synchronously (no
 * edit can slip in between), asks `sealPending` to turn pending local edits
 * into entries and return own entries not yet stored, and applies them all.
 */
export async function rebuildDocument(
  ctx: LoadContext,
  access: SpaceAccess,
  ignored: ReadonlySet<string>,
  sealPending: () => readonly Entry[],
): Promise<Y.Doc> {
  const read = await readContentUpdates(ctx, access, () => 0, ignored);
  const storedIds = new Set(read.entries.map((e) => e.id));
  const own = sealPending().filter((e) => !storedIds.has(e.id));
  const updates = [
    ...read.updates,
    ...own.map((e) => decodeContentPayload(access.openContent(e, ctx.identity)).update),
  ];
  return buildFromEntries(ctx, () => new Y.Doc(), updates, [...read.sources, ...own]);
}
