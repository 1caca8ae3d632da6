/**
 * The roster's read index as the app writes it (ARCHITECTURE.md "The roster's read index"): beside
 * each snapshot, the vault asks for the index of the document (shared/vault/read-index.ts) and this
 * writer makes it from the space's live model, whose records are read already (the roster and Today
 * read them), so taking them costs no second read of 10,000 members. A document no view has opened
 * gets no index (undefined): the vault then drops the old one, which would describe an older state.
 */
import type * as Y from 'yjs';
import { rosterIndexPieces } from '../../shared/model/roster-index';
import { SpaceData } from '../../shared/model/space-data';
import type { ReadIndexWriter } from '../../shared/vault/read-index';

const live = new WeakMap<Y.Doc, SpaceData>();

/** The model the views read `data.doc` through: the index of that document is made from it. */
export function followSpaceData(data: SpaceData): void {
  live.set(data.doc, data);
}

export const rosterIndexWriter: ReadIndexWriter = (doc) => {
  const data = live.get(doc);
  return data ? rosterIndexPieces(data) : undefined;
};

/**
 * An admin's checkpoint's roster index (shared/vault/compaction.ts): from the live model when there
 * is one, else read from the document now (retention may compact as the space opens, before a view
 * follows it; compaction is rare, and a newcomer shows this index first).
 */
export const checkpointIndexWriter: ReadIndexWriter = (doc) =>
  rosterIndexPieces(live.get(doc) ?? new SpaceData(doc, 'roster-index', { migrate: false }));
