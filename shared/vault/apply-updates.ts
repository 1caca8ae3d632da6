/**
 * Applying many Yjs updates to a space document at once (a received batch,
 * the entries past the snapshot at unlock, a rebuild).
 *
 * Each update is applied as it is while the document has nothing pending:
 * the common case (peers who both hold the state being edited), where
 * merging first would decode and re-encode every update for nothing. Once
 * an update's dependencies are missing (a newcomer receiving one author's
 * edits before the state they edit, sent by another author), it lands in
 * Yjs's pending set, and every later applyUpdate would re-merge that growing
 * set: quadratic (measured: most of a 10k-member initial sync). So from
 * there the remaining small updates are merged (in groups, see
 * mergeInGroups) and applied once. Large ones (whole states) go first, on
 * their own: merging would re-encode megabytes, and the small ones usually
 * depend on them. Yjs updates commute: the result is the same.
 */
import * as Y from 'yjs';
import { mergeInGroups } from '../log/batcher';

/** Updates above this size are applied on their own. */
const LARGE_UPDATE_BYTES = 256 * 1024;

/**
 * Applies the updates to `doc`; false if Yjs threw on one. A member can seal an update that reads
 * whole but makes Yjs throw midway, after part of it went into the document (SECURITY.md "The access
 * log against its own members"): the document must then be thrown away and built anew (buildDocument).
 */
export function applyUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): boolean {
  try {
    applyAll(doc, updates, origin);
    return true;
  } catch {
    return false;
  }
}

/**
 * A document made by `fresh` (empty, or a snapshot's state) with the updates applied, leaving out
 * those Yjs throws on. Each throw costs one more build, one update at a time, without the update
 * that threw: nothing of a refused update stays in the document. Returns the refused indexes.
 */
export function buildDocument(
  fresh: () => Y.Doc,
  updates: readonly Uint8Array[],
  origin: unknown,
): { doc: Y.Doc; refused: number[] } {
  let doc = fresh();
  if (applyUpdates(doc, updates, origin)) return { doc, refused: [] };
  const refused = new Set<number>();
  for (;;) {
    doc.destroy();
    doc = fresh();
    const failed = firstFailure(doc, updates, refused, origin);
    if (failed < 0) return { doc, refused: [...refused] };
    refused.add(failed);
  }
}

function firstFailure(doc: Y.Doc, updates: readonly Uint8Array[], skip: ReadonlySet<number>, origin: unknown): number {
  for (let i = 0; i < updates.length; i++) {
    if (skip.has(i)) continue;
    try {
      Y.applyUpdate(doc, updates[i]!, origin);
    } catch {
      return i;
    }
  }
  return -1;
}

function applyAll(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): void {
  const large = updates.filter((u) => u.length > LARGE_UPDATE_BYTES);
  const small = updates.filter((u) => u.length <= LARGE_UPDATE_BYTES);
  Y.transact(
    doc,
    () => {
      for (const u of large) Y.applyUpdate(doc, u);
      let i = 0;
      for (; i < small.length && !hasPending(doc); i++) Y.applyUpdate(doc, small[i]!);
      const rest = small.slice(i);
      if (rest.length > 0) Y.applyUpdate(doc, rest.length === 1 ? rest[0]! : mergeInGroups(rest));
    },
    origin,
  );
}

function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}
