import * as Y from 'yjs';
import { Prng } from '../../../shared/sample/prng';
import { generateChapter } from '../../../shared/sample/generate';
import { encodePieces } from '../../../shared/vault/snapshot-pieces';

const ROOTS = ['members', 'notes', 'meta'] as const;

/** One random edit by `doc`'s client: inserts, overwrites, deletions, nested types. */
function edit(doc: Y.Doc, rng: Prng): void {
  const root = doc.getMap<unknown>(ROOTS[rng.int(ROOTS.length)]!);
  const keys = [...root.keys()];
  const key = keys.length > 0 && rng.next() < 0.6 ? keys[rng.int(keys.length)]! : `k${rng.int(40)}`;
  const value = root.get(key);
  const roll = rng.next();
  if (value instanceof Y.Map && roll < 0.5) {
    const field = `f${rng.int(5)}`;
    if (rng.next() < 0.2) value.delete(field);
    else value.set(field, rng.next() < 0.5 ? `v${rng.int(1000)}` : [rng.int(9), { a: 'x'.repeat(rng.int(20)) }]);
  } else if (value instanceof Y.Text && roll < 0.6) {
    const at = rng.int(value.length + 1);
    if (value.length > 3 && rng.next() < 0.3) value.delete(rng.int(value.length - 2), 2);
    else value.insert(at, 'héllo ✓ '.slice(0, 1 + rng.int(8)));
  } else if (value instanceof Y.Array && roll < 0.6) {
    if (value.length > 1 && rng.next() < 0.3) value.delete(rng.int(value.length));
    else value.insert(rng.int(value.length + 1), [rng.int(100), `s${rng.int(9)}`]);
  } else if (roll < 0.75) {
    root.delete(key); // a whole nested type deleted: its content is garbage-collected
  } else {
    const kind = rng.int(4);
    if (kind === 0) root.set(key, `plain ${rng.int(1000)}`);
    else if (kind === 1) {
      const map = new Y.Map<unknown>();
      map.set('name', `n${rng.int(100)}`);
      root.set(key, map);
    } else if (kind === 2) root.set(key, new Y.Text('start'));
    else root.set(key, Y.Array.from([1, 2, 3]));
  }
}

/** Several clients editing concurrently, synced now and then, merged into one document at the end. */
function randomDocument(seed: number, gc: boolean): Y.Doc {
  const rng = new Prng(seed);
  const docs = Array.from({ length: 2 + rng.int(3) }, (_, i) => {
    const doc = new Y.Doc({ gc });
    doc.clientID = seed * 100 + i; // the same document every run
    return doc;
  });
  for (let round = 0; round < 30; round++) {
    for (const doc of docs) for (let i = rng.int(6); i > 0; i--) edit(doc, rng);
    if (rng.next() < 0.4) {
      const [a, b] = [docs[rng.int(docs.length)]!, docs[rng.int(docs.length)]!];
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    }
  }
  const merged = new Y.Doc({ gc });
  for (const doc of docs) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
  return merged;
}

function appliedInOrder(pieces: readonly Uint8Array[], gc = true): Y.Doc {
  const doc = new Y.Doc({ gc });
  for (const piece of pieces) {
    Y.applyUpdateV2(doc, piece);
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
  }
  return doc;
}

function expectSame(copy: Y.Doc, original: Y.Doc): void {
  expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(original));
  for (const name of original.share.keys()) expect(copy.getMap(name).toJSON()).toEqual(original.getMap(name).toJSON());
  // Yjs merges neighbouring structs as it applies, so the original (built edit by edit) may re-encode in
  // more, smaller structs than any copy: the pieces' copy must re-encode as a copy from one whole update does.
  const whole = new Y.Doc({ gc: original.gc });
  Y.applyUpdateV2(whole, Y.encodeStateAsUpdateV2(original));
  expect(Y.encodeStateAsUpdateV2(copy)).toEqual(Y.encodeStateAsUpdateV2(whole));
}

describe('a document in pieces', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'random document %i from several clients: applied piece by piece, the same state, nothing pending',
    (seed) => {
      for (const gc of [true, false]) {
        const original = randomDocument(seed, gc);
        // Small pieces, so that runs of one client are cut many times and depend on other clients' pieces.
        const pieces = encodePieces(original, { bytes: 64 + seed * 16, later: ['notes'] });
        expect(pieces.length).toBeGreaterThan(3);
        expectSame(appliedInOrder(pieces, gc), original);
      }
    },
  );

  test('without a later group, and with one piece for everything', () => {
    const original = randomDocument(11, true);
    expectSame(appliedInOrder(encodePieces(original, { bytes: 128 })), original);
    const whole = encodePieces(original, { bytes: Number.POSITIVE_INFINITY });
    expect(whole).toHaveLength(2); // every struct, then the delete set
    expectSame(appliedInOrder(whole), original);
  });

  test('the collections not named later are whole once their pieces are in, before the notes', () => {
    const doc = new Y.Doc();
    generateChapter({ members: 300, memberSkills: 60, notes: 600, seed: 3 }, doc);
    const pieces = encodePieces(doc, { bytes: 16 * 1024, later: ['notes'] });
    const copy = new Y.Doc();
    let i = 0;
    while (copy.getMap('members').size < doc.getMap('members').size) Y.applyUpdateV2(copy, pieces[i++]!);
    expect(i).toBeLessThan(pieces.length - 1);
    expect(copy.getMap('members').toJSON()).toEqual(doc.getMap('members').toJSON());
    expect(copy.getMap('notes').size).toBeLessThan(doc.getMap('notes').size);
    for (; i < pieces.length; i++) Y.applyUpdateV2(copy, pieces[i]!);
    expectSame(copy, doc);
  });

  test('pending structs of the original travel in the last piece, as in a whole update', () => {
    const a = new Y.Doc();
    a.getMap('members').set('x', 1);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getMap('members').set('x', 2); // an overwrite: it names a's item as its origin
    const lacking = new Y.Doc();
    lacking.getMap('notes').set('z', 3);
    Y.applyUpdate(lacking, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))); // b's edit without a's
    expect(lacking.store.pendingStructs).not.toBeNull();
    const copy = new Y.Doc();
    for (const piece of encodePieces(lacking, { bytes: 1 })) Y.applyUpdateV2(copy, piece);
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a));
    expect(copy.getMap('members').toJSON()).toEqual({ x: 2 });
    expect(copy.getMap('notes').toJSON()).toEqual({ z: 3 });
  });

  test('an empty document is one piece: its (empty) delete set', () => {
    const pieces = encodePieces(new Y.Doc());
    expect(pieces).toHaveLength(1);
    expectSame(appliedInOrder(pieces), new Y.Doc());
  });
});
