import * as Y from 'yjs';
import { SpaceData } from '../../../shared/model';
import type { SpaceDataOptions } from '../../../shared/model';

/** A space with predictable ids and a clock the test moves. */
export function makeSpace(author = 'device-A', doc = new Y.Doc(), opts: SpaceDataOptions = {}) {
  const clock = { t: 1_700_000_000_000 };
  let n = 0;
  const space = new SpaceData(doc, author, { now: () => clock.t, newId: () => `${author}-${n++}`, ...opts });
  return { doc, space, clock };
}

export function snapshot(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

/** Exchanges full state both ways, as sync would. */
export function syncDocs(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
