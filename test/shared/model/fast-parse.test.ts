/**
 * The read fast path (shared/model/fast-parse.ts) must accept exactly what
 * zod accepts and return exactly zod's output: checked on generated chapter
 * records mutated at random (wrong types, padded and over-long strings,
 * astral characters at the length limits, impossible dates, unknown keys,
 * missing fields, malformed nested values).
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { COLLECTIONS, SpaceData, memberRecord, memberSkillRecord, noteRecord } from '../../../shared/model';
import { generateChapter } from '../../../shared/sample/generate';
import type { AnyKind } from '../../../shared/model';
import { REFUSED, compileFastParse, delegatedPaths } from '../../../shared/model/fast-parse';

const chapter = generateChapter({ members: 40, memberSkills: 30, notes: 40, events: 4, seed: 3 });

/** Stored records of one collection as plain data, defaults filled in: what the read path validates. */
function samples(name: (typeof COLLECTIONS)[number]): Record<string, unknown>[] {
  const c = chapter.space[name];
  return c.ids().map((id) => ({ ...(c.kind.defaults as object), ...c.raw(id)! }));
}

const astral = '😀';
const tricky = fc.constantFrom<unknown>(
  '',
  ' ',
  '  padded  ',
  'a'.repeat(100),
  'a'.repeat(101),
  ` ${'a'.repeat(100)} `,
  astral.repeat(100), // 200 UTF-16 units, 100 code points
  astral.repeat(101),
  astral,
  '2024-02-29',
  '2023-02-29',
  '2024-13-01',
  '90012',
  '90012-1234',
  'x@y',
  'no at sign',
  '(213) 555-0101',
  '55',
  'good_standing',
  'can_teach',
  'one_on_one',
  'standard',
  'en',
  'EN',
  'déjà_vu',
  0,
  -1,
  1,
  5,
  6,
  1.5,
  NaN,
  Infinity,
  2 ** 53,
  true,
  false,
  null,
  undefined,
  [],
  ['en', 'es'],
  [' a '],
  { lines: ['1 Main St'], city: ' LA ' },
  { lines: ['1 Main St'], zip: '90012' },
  { lines: 'x' },
  [{ value: 3, at: 1, by: 'dev' }],
  [{ value: null, at: 0, by: 'dev', extra: 1 }],
  [{ value: 7, at: 1, by: 'dev' }],
  [{ name: ' first aid ', date: '2024-01-01' }],
  [{ name: 'cpr', other: true }],
  { key: 'value' },
  { ['k'.repeat(101)]: 'v' },
);
const value = fc.oneof(tricky, fc.anything(), fc.string(), fc.integer(), fc.double());

/** One level down: an object (or a list's first object) gets an unknown key or one of its fields changed. */
function nestedEdit(current: unknown, v: unknown): unknown {
  const edit = (o: Record<string, unknown>) => {
    const keys = Object.keys(o);
    const key = keys.length && typeof v !== 'string' ? keys[Math.abs(Number(v) || 0) % keys.length]! : 'unknownKey';
    return { ...o, [key]: v };
  };
  if (Array.isArray(current))
    return current.length && typeof current[0] === 'object' && current[0] !== null
      ? [edit(current[0] as Record<string, unknown>), ...current.slice(1)]
      : [...current, v];
  if (typeof current === 'object' && current !== null) return edit(current as Record<string, unknown>);
  return current;
}

/** A sample record with a few fields set, removed or added at random. */
function mutated(kind: AnyKind, base: readonly Record<string, unknown>[]) {
  const keys = [...Object.keys(kind.stored.shape), 'unknownField', 'constructor'];
  const edit = fc.record({
    key: fc.constantFrom(...keys),
    op: fc.constantFrom('set', 'set', 'remove', 'nested'),
    value,
    fromOther: fc.nat(),
  });
  return fc.tuple(fc.nat(), fc.array(edit, { maxLength: 4 }), fc.boolean()).map(([pick, edits, borrow]) => {
    const record: Record<string, unknown> = { ...base[pick % base.length]! };
    for (const e of edits) {
      if (e.op === 'remove') delete record[e.key];
      else if (e.op === 'set') record[e.key] = borrow ? base[e.fromOther % base.length]![e.key] : e.value;
      else record[e.key] = nestedEdit(record[e.key], e.value);
    }
    return record;
  });
}

describe('fast read path', () => {
  test.each(COLLECTIONS.map((name) => [name]))('%s: accepts exactly what zod accepts, with zod’s output', (name) => {
    const kind = chapter.space[name].kind as AnyKind;
    const base = samples(name);
    expect(base.length).toBeGreaterThan(0);
    const fast = compileFastParse(kind.stored);
    // Unmodified records first: all valid, all through the fast path.
    for (const record of base) expect(fast(record)).toStrictEqual(kind.stored.parse(record));
    fc.assert(
      fc.property(mutated(kind, base), (record) => {
        const expected = kind.stored.safeParse(record);
        const got = fast(record);
        if (expected.success) expect(got).toStrictEqual(expected.data);
        else expect(got).toBe(REFUSED);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  test('nested strict objects refuse unknown keys; trims are applied', () => {
    const fast = compileFastParse(memberRecord.stored);
    const [record] = samples('members');
    const ok = fast({ ...record, address: { lines: [' 1 Main St '], city: ' LA ' }, firstName: ' Ana ' });
    expect(ok).not.toBe(REFUSED);
    expect(ok).toMatchObject({ firstName: 'Ana', address: { lines: ['1 Main St'], city: 'LA' } });
    expect(fast({ ...record, address: { lines: [], planet: 'Mars' } })).toBe(REFUSED);
    // Unknown top-level keys (a newer version's fields) are kept in the doc, left out of the typed record.
    expect(fast({ ...record, newerField: 1 })).not.toHaveProperty('newerField');
  });

  test('the hot record kinds never fall back to zod (only the free-form `extra` columns do)', () => {
    expect(delegatedPaths(memberRecord.stored)).toEqual(['extra']);
    expect(delegatedPaths(noteRecord.stored)).toEqual([]);
    expect(delegatedPaths(memberSkillRecord.stored)).toEqual([]);
  });

  test('collections read through it: same records as zod, frozen; bad records still reported', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(chapter.doc));
    const space = new SpaceData(doc, 'dev-R');
    const ids = space.members.ids();
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...Object.keys(memberRecord.stored.shape)), tricky, (n, key, v) => {
        const id = ids[n % ids.length]!;
        // Straight into the stored map, as a peer (or a corrupt write) could.
        doc.transact(() => space.members.map.get(id)!.set(key, v));
        const candidate = { ...memberRecord.defaults, ...space.members.raw(id)! };
        const expected = memberRecord.stored.safeParse(candidate);
        const read = space.members.read(id);
        if (expected.success) {
          expect(read).toStrictEqual({ ok: true, record: { ...expected.data, id } });
          expect(Object.isFrozen(read.ok && read.record)).toBe(true);
        } else {
          expect(read.problem).toBeDefined();
          expect(read.problem!.fields.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
    // The Y types (text body, assessment log) take the same path.
    const notes = space.notes.list();
    expect(notes.problems).toEqual([]);
    for (const note of notes.records) expect(typeof note.body).toBe('string');
  });

  test('a list that comes out as it went in is shared with the stored record, not copied; the document still syncs', () => {
    const fast = compileFastParse(memberRecord.stored);
    const [record] = samples('members');
    const emails = ['ana@example.org', 'ana.ruiz@example.org'];
    const parsed = fast({ ...record, emails, address: { lines: [' 1 Main St '] } }) as Record<string, unknown>;
    expect(parsed.emails).toBe(emails);
    // A list whose items change on the way (trimmed here) is a new one, as zod's.
    expect(parsed.address).toEqual({ lines: ['1 Main St'] });

    // Read from a Y.Map, the record holds (and freezes) the document's own list; the document edits and syncs on.
    const { space } = generateChapter({ members: 1, memberSkills: 0, notes: 0, events: 0, seed: 5 });
    const [id] = space.members.ids();
    space.members.update(id!, { emails: ['first@example.org'] });
    const read = space.members.get(id!)!;
    expect(read.emails).toBe(space.members.map.get(id!)!.get('emails'));
    expect(Object.isFrozen(read.emails)).toBe(true);
    space.members.update(id!, { emails: [...read.emails, 'second@example.org'] });
    const copy = new SpaceData(new Y.Doc(), 'dev-C');
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(space.doc));
    expect(copy.members.get(id!)!.emails).toEqual(['first@example.org', 'second@example.org']);
    expect(space.members.get(id!)!.emails).toEqual(['first@example.org', 'second@example.org']);
  });
});
