import * as Y from 'yjs';
import { applyUpdates, buildDocument } from '../../../shared/vault/apply-updates';
import { halfApplying } from './helpers';

/** A base state and `n` edits on it by two authors, each edit's update kept. */
function edits(n: number) {
  const a = new Y.Doc();
  a.getMap('members').set('base', 'x');
  const base = Y.encodeStateAsUpdate(a);
  const b = new Y.Doc();
  Y.applyUpdate(b, base);
  const updates: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const doc = i % 2 ? a : b;
    const record = (u: Uint8Array) => updates.push(u);
    doc.on('update', record);
    doc.getMap('members').set(`m${i % 7}`, { n: i });
    doc.getText('notes').insert(0, `note ${i} `);
    doc.off('update', record);
  }
  return {
    base,
    updates,
    expected: (() => {
      const all = new Y.Doc();
      Y.applyUpdate(all, Y.mergeUpdates([base, ...updates]));
      return all;
    })(),
  };
}

const state = (doc: Y.Doc) => ({ members: doc.getMap('members').toJSON(), notes: doc.getText('notes').toString() });

describe('applyUpdates', () => {
  test('in order, out of order (pending), with or without the base, the document ends the same', () => {
    const { base, updates, expected } = edits(40);
    const orders = [
      [base, ...updates],
      [...updates].reverse().concat(base),
      [...updates.slice(20), base, ...updates.slice(0, 20)],
    ];
    for (const order of orders) {
      const doc = new Y.Doc();
      applyUpdates(doc, order, 'remote');
      expect(state(doc)).toEqual(state(expected));
      expect(doc.store.pendingStructs).toBeNull();
    }
  });

  test('all of a batch is one transaction with the given origin', () => {
    const { base, updates } = edits(10);
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
    applyUpdates(doc, [base, ...updates], 'remote');
    expect(origins).toEqual(['remote']);
  });
});

describe('buildDocument', () => {
  test('an update Yjs throws on halfway is left out whole, wherever it is in the list', () => {
    const { base, updates, expected } = edits(6);
    const poisoned = halfApplying();
    expect(() => Y.applyUpdate(new Y.Doc(), poisoned)).toThrow();
    for (const at of [0, 3, updates.length + 1]) {
      const list = [base, ...updates];
      list.splice(at, 0, poisoned);
      const { doc, refused } = buildDocument(() => new Y.Doc(), list, 'remote');
      expect(refused).toEqual([at]);
      expect(state(doc)).toEqual(state(expected));
      expect(() => Y.encodeStateAsUpdate(doc)).not.toThrow();
    }
  });

  test('updates read in rounds: the refused index counts across rounds, each round is read again per build', () => {
    const { base, updates, expected } = edits(6);
    const poisoned = halfApplying();
    const list = [base, ...updates.slice(0, 3), poisoned, ...updates.slice(3)];
    let reads = 0;
    function* rounds() {
      reads++;
      for (let i = 0; i < list.length; i += 3) yield list.slice(i, i + 3);
    }
    const { doc, refused } = buildDocument(() => new Y.Doc(), rounds, 'remote');
    expect(refused).toEqual([4]);
    expect(state(doc)).toEqual(state(expected));
    expect(reads).toBe(3); // the fast build, the one that finds the refused update, the one without it
  });
});
