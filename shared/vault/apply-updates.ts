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
    return false; // the answer: the caller builds the document anew and tells which update (buildDocument)
  }
}

/**
 * Updates read a round at a time, so that no more than one round is held
 * unpacked (space-content.ts). Called again for each new build: it must
 * yield the same updates in the same order every time.
 */
export type UpdateRounds = () => Iterable<readonly Uint8Array[]>;

/**
 * A document made by `fresh` (empty, or a snapshot's state) with the updates applied, leaving out
 * those Yjs throws on. Each throw costs one more build, one update at a time, without the update
 * that threw: nothing of a refused update stays in the document. Returns the refused indexes
 * (positions in the order the updates come, across rounds).
 */
export function buildDocument(
  fresh: () => Y.Doc,
  updates: readonly Uint8Array[] | UpdateRounds,
  origin: unknown,
): { doc: Y.Doc; refused: number[] } {
  const rounds: UpdateRounds = typeof updates === 'function' ? updates : () => [updates];
  let doc = fresh();
  if (applyRounds(doc, rounds, origin)) return { doc, refused: [] };
  const refused = new Set<number>();
  for (;;) {
    doc.destroy();
    doc = fresh();
    const failed = firstFailure(doc, rounds, refused, origin);
    if (failed < 0) return { doc, refused: [...refused] };
    refused.add(failed);
  }
}

/** Every round applied (applyUpdates); false once one threw (the later ones are not applied). */
function applyRounds(doc: Y.Doc, rounds: UpdateRounds, origin: unknown): boolean {
  for (const round of rounds()) if (round.length > 0 && !applyUpdates(doc, round, origin)) return false;
  return true;
}

function firstFailure(doc: Y.Doc, rounds: UpdateRounds, skip: ReadonlySet<number>, origin: unknown): number {
  let i = 0;
  for (const round of rounds()) {
    for (const update of round) {
      if (!skip.has(i)) {
        try {
          Y.applyUpdate(doc, update, origin);
        } catch {
          // The answer: which update Yjs threw on, left out and told by the caller.
          return i;
        }
      }
      i++;
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
