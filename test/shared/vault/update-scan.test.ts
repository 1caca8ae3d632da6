/**
 * The update scanner (shared/vault/update-scan.ts) against Yjs's own lazy reader: it takes every
 * update real documents make, refuses the allocation bomb, and on damaged updates never throws
 * anything but its refusal and never takes what Yjs's reader refuses.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { AppError } from '../../../shared/errors';
import { scanUpdate } from '../../../shared/vault/update-scan';

type Op =
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'map'; key: string }
  | { kind: 'nested'; key: string; value: unknown }
  | { kind: 'push'; values: unknown[] }
  | { kind: 'cut'; at: number; len: number }
  | { kind: 'type'; at: number; text: string; bold: boolean }
  | { kind: 'format'; at: number; len: number; color: string }
  | { kind: 'untype'; at: number; len: number }
  | { kind: 'embed'; at: number; value: Record<string, number> }
  | { kind: 'xml'; name: string; attr: string }
  | { kind: 'remove'; key: string }
  | { kind: 'merge' };

const key = fc.constantFrom('rosa', 'ella', 'ñandú', '会员', 'a'.repeat(40));
const value = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value }),
  fc.record({ kind: fc.constant('map' as const), key }),
  fc.record({ kind: fc.constant('nested' as const), key, value }),
  fc.record({ kind: fc.constant('push' as const), values: fc.array(value, { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(20), len: fc.nat(5) }),
  fc.record({
    kind: fc.constant('type' as const),
    at: fc.nat(40),
    text: fc.string({ unit: 'grapheme', maxLength: 12 }),
    bold: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('format' as const), at: fc.nat(40), len: fc.nat(10), color: fc.string() }),
  fc.record({ kind: fc.constant('untype' as const), at: fc.nat(40), len: fc.nat(10) }),
  fc.record({ kind: fc.constant('embed' as const), at: fc.nat(40), value: fc.dictionary(fc.string(), fc.integer()) }),
  fc.record({ kind: fc.constant('xml' as const), name: fc.constantFrom('p', 'note'), attr: fc.string() }),
  fc.record({ kind: fc.constant('remove' as const), key }),
  fc.record({ kind: fc.constant('merge' as const) }),
);

function run(doc: Y.Doc, other: Y.Doc, o: Op): void {
  const members = doc.getMap<unknown>('members');
  const list = doc.getArray<unknown>('list');
  const text = doc.getText('notes');
  const clamp = (at: number, len: number) => Math.min(at, len);
  switch (o.kind) {
    case 'set':
      members.set(o.key, o.value);
      return;
    case 'map': {
      const m = new Y.Map<unknown>();
      members.set(o.key, m);
      m.set('skills', new Y.Array());
      return;
    }
    case 'nested': {
      const inner = members.get(o.key);
      if (inner instanceof Y.Map) inner.set('v', o.value);
      else if (inner instanceof Y.Array) inner.push([o.value]);
      return;
    }
    case 'push':
      return list.push(o.values);
    case 'cut': {
      const at = clamp(o.at, list.length);
      return list.delete(at, Math.min(o.len, list.length - at));
    }
    case 'type':
      return text.insert(clamp(o.at, text.length), o.text, o.bold ? { bold: true } : undefined);
    case 'format': {
      const at = clamp(o.at, text.length);
      return text.format(at, Math.min(o.len, text.length - at), { color: o.color });
    }
    case 'untype': {
      const at = clamp(o.at, text.length);
      return text.delete(at, Math.min(o.len, text.length - at));
    }
    case 'embed':
      return text.insertEmbed(clamp(o.at, text.length), o.value);
    case 'xml': {
      const el = new Y.XmlElement(o.name);
      doc.getXmlFragment('page').push([el]);
      el.setAttribute('title', o.attr);
      return el.insert(0, [new Y.XmlText('x')]);
    }
    case 'remove':
      return members.delete(o.key);
    case 'merge':
      // Concurrent edits meet: updates then carry several clients and origins from both.
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
      other.getMap('members').set('from-other', 1);
      return Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  }
}

/** Updates real documents make from `ops`: each transaction's, the whole state, a diff, a merge with gaps. */
function realUpdates(ops: readonly Op[], gc: boolean): Uint8Array[] {
  const doc = new Y.Doc({ gc });
  const other = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const half = Math.floor(ops.length / 2);
  ops.slice(0, half).forEach((o) => run(doc, other, o));
  const vector = Y.encodeStateVector(doc);
  ops.slice(half).forEach((o) => run(doc, other, o));
  out.push(Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(doc, vector));
  // Every other transaction merged: Yjs fills the gaps with skip structs.
  const sparse = out.filter((_, i) => i % 2 === 0);
  if (sparse.length > 1) out.push(Y.mergeUpdates(sparse));
  return out;
}

function scans(u: Uint8Array): boolean {
  try {
    scanUpdate(u);
    return true;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'bad-entry') throw e;
    return false;
  }
}

function yjsReads(u: Uint8Array): boolean {
  try {
    Y.parseUpdateMeta(u);
    Y.decodeUpdate(u); // its delete set too
    return true;
  } catch {
    return false;
  }
}

const docs = fc.record({ ops: fc.array(op, { minLength: 1, maxLength: 25 }), gc: fc.boolean() });

test('the 6-byte update claiming 28 million structs is refused', () => {
  expect(() => scanUpdate(Uint8Array.from(Buffer.from('947ec5c8ad0d', 'hex')))).toThrow(AppError);
  // Counts each bounded by what is left: one client claiming 2 structs with 3 bytes left.
  expect(scans(Uint8Array.from([1, 2, 0, 0, 0]))).toBe(false);
});

test('every update of random documents is taken, as Yjs takes it', () => {
  fc.assert(
    fc.property(docs, ({ ops, gc }) => {
      for (const u of realUpdates(ops, gc)) {
        expect(yjsReads(u)).toBe(true);
        expect(scans(u)).toBe(true);
      }
    }),
    { numRuns: 300 },
  );
});

type Damage =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'drop'; at: number; len: number }
  | { kind: 'cut'; at: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);

function damaged(u: Uint8Array, d: Damage): Uint8Array {
  const at = u.length === 0 ? 0 : d.at % u.length;
  const out = Uint8Array.from(u);
  switch (d.kind) {
    case 'flip':
      out[at] = d.byte;
      return out;
    case 'insert':
      return Uint8Array.from([...u.subarray(0, at), ...d.bytes, ...u.subarray(at)]);
    case 'drop':
      return Uint8Array.from([...u.subarray(0, at), ...u.subarray(at + d.len)]);
    case 'cut':
      return u.slice(0, at);
  }
}

test('damaged updates: only the refusal is thrown, and nothing Yjs cannot read is taken', () => {
  fc.assert(
    fc.property(docs, fc.array(damage, { minLength: 1, maxLength: 4 }), ({ ops, gc }, damages) => {
      for (const u of realUpdates(ops, gc)) {
        const bad = damages.reduce(damaged, u);
        if (scans(bad)) expect(yjsReads(bad)).toBe(true);
      }
    }),
    { numRuns: 300 },
  );
});

test('random bytes: only the refusal is thrown', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      if (scans(bytes)) expect(yjsReads(bytes)).toBe(true);
    }),
    { numRuns: 5000 },
  );
});
