/**
 * A co-organizer's copy of a space (device `dev-B`): their edits reach ours as a sync would, one Yjs
 * update each, with the origin a sync uses. `arrive` wraps applying it (React tests pass `act`).
 */
import * as Y from 'yjs';
import { SpaceData } from '../../../shared/model';

export function coOrganizer(ours: SpaceData, arrive: (apply: () => void) => void = (apply) => apply()) {
  let n = 0;
  const theirs = new SpaceData(new Y.Doc(), 'dev-B', { newId: () => `b${++n}` });
  Y.applyUpdate(theirs.doc, Y.encodeStateAsUpdate(ours.doc));
  return {
    theirs,
    /** Their edit, then the update it made applied to our document. */
    edit(change: (data: SpaceData) => void): void {
      const before = Y.encodeStateVector(ours.doc);
      change(theirs);
      arrive(() => Y.applyUpdate(ours.doc, Y.encodeStateAsUpdate(theirs.doc, before), 'sync'));
    },
  };
}
