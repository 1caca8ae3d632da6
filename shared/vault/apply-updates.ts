/**
 * Applying many Yjs updates to a space document at once (a received batch,
 * the entries past the snapshot at unlock, a rebuild).
 *
 * One by one, each update whose dependencies are missing (a newcomer
 * receiving one author's edits before the state they edit, sent by another
 * author) lands in Yjs's pending set, and every later applyUpdate re-merges
 * that growing set: quadratic (measured: most of a 10k-member initial sync).
 * So small updates are merged first (in groups, see mergeInGroups) and
 * applied once; large ones (whole states) are applied as they are, first,
 * since merging would re-encode megabytes for nothing and the small ones
 * usually depend on them. Yjs updates commute: the result is the same.
 */
import * as Y from 'yjs';
import { mergeInGroups } from '../log/batcher';

/** Updates above this size are applied on their own. */
const LARGE_UPDATE_BYTES = 256 * 1024;

export function applyUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): void {
  const large = updates.filter((u) => u.length > LARGE_UPDATE_BYTES);
  const small = updates.filter((u) => u.length <= LARGE_UPDATE_BYTES);
  Y.transact(
    doc,
    () => {
      for (const u of large) Y.applyUpdate(doc, u);
      if (small.length > 0) Y.applyUpdate(doc, small.length === 1 ? small[0]! : mergeInGroups(small));
    },
    origin,
  );
}
