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
 * Applies the updates. A member can seal any update that parses; Yjs throws on some of them while
 * integrating (SECURITY.md "On the wire and on the LAN"). Such an update must not stop the space
 * from opening at every unlock: after a throw, the updates are applied again one by one (Yjs skips
 * what it already holds) and those that throw are left out. Returns how many were left out.
 */
export function applyUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): number {
  try {
    applyAll(doc, updates, origin);
    return 0;
  } catch {
    let refused = 0;
    for (const u of updates) {
      try {
        Y.applyUpdate(doc, u, origin);
      } catch {
        refused++;
      }
    }
    return refused;
  }
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
