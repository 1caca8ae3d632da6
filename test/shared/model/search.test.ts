import fc from 'fast-check';
import {
  exactNameFirst,
  foldForSearch,
  MemberSearchIndex,
  normalizeForSearch,
  phoneDigits,
} from '../../../shared/model';
import { makeSpace } from './helpers';

function roster() {
  const { space } = makeSpace();
  const ids = {
    jose: space.members.create({
      firstName: 'José',
      lastName: 'Muñoz',
      emails: ['jmunoz@example.org'],
      phones: ['(213) 555-0101'],
    }),
    josephine: space.members.create({ firstName: 'Josephine', lastName: 'Baker', phones: ['+1 323.555.0199'] }),
    ines: space.members.create({
      firstName: 'Inés',
      lastName: 'Núñez',
      preferredName: 'Nena',
      emails: ['INES@Example.org'],
    }),
    maria: space.members.create({ firstName: 'María', lastName: 'Álvarez Ibáñez', phones: ['8185550123'] }),
    obrien: space.members.create({ firstName: 'Sean', lastName: "O'Brien", phones: ['818-555-7777'] }),
  };
  return { space, ids, index: new MemberSearchIndex(space.members.all()) };
}

describe('normalizeForSearch', () => {
  test.each([
    ['José', 'jose'],
    ['MUÑOZ', 'munoz'],
    ['Álvarez  Ibáñez ', 'alvarez ibanez'],
    ['Zoë Chloé', 'zoe chloe'],
    ['Straße', 'strasse'],
  ])('%s → %s', (input, out) => expect(normalizeForSearch(input)).toBe(out));

  test('phone digits ignore formatting', () => {
    expect(phoneDigits('(213) 555-0101')).toBe('2135550101');
    expect(phoneDigits('+1 213.555.0101')).toBe('12135550101');
  });
});

describe('MemberSearchIndex', () => {
  test.each([
    ['jose', ['jose', 'josephine']],
    ['José', ['jose', 'josephine']],
    ['munoz', ['jose']],
    ['MUÑOZ', ['jose']],
    ['nunez', ['ines']],
    ['ines', ['ines']],
    ['nena', ['ines']],
    ['alvarez ibanez', ['maria']],
    ['maria alv', ['maria']],
    ['example.org', ['jose', 'ines']], // by display name: José Muñoz, Nena Núñez
    ["o'brien", ['obrien']],
    ['xyz', []],
    ['   ', []],
  ])('%j finds %j', (query, expected) => {
    const { ids, index } = roster();
    expect(index.search(query)).toEqual(expected.map((k) => ids[k as keyof typeof ids]));
  });

  test.each([
    ['(213) 555-0101', 'jose'],
    ['213-555-0101', 'jose'],
    ['2135550101', 'jose'],
    ['+1 213 555 0101', 'jose'],
    ['323 555 0199', 'josephine'],
    ['(818) 555-0123', 'maria'],
    ['555 7777', 'obrien'],
  ])('phone %j finds %s whatever the formatting', (query, who) => {
    const { ids, index } = roster();
    expect(index.search(query)).toEqual([ids[who as keyof typeof ids]]);
  });

  test('word-start matches rank first, then by name; limit cuts', () => {
    const { space } = makeSpace();
    const ana = space.members.create({ firstName: 'Ana', lastName: 'Zamora' });
    const diana = space.members.create({ firstName: 'Diana', lastName: 'Lopez' });
    const anabel = space.members.create({ firstName: 'Anabel', lastName: 'Cruz' });
    const index = new MemberSearchIndex(space.members.all());
    expect(index.search('ana')).toEqual([ana, anabel, diana]);
    expect(index.search('ana', 2)).toEqual([ana, anabel]);
  });

  test('incremental: upsert and remove follow the roster', () => {
    const { space, ids, index } = roster();
    space.members.update(ids.jose, { lastName: 'Peña', emails: [] });
    index.upsert(space.members.get(ids.jose)!);
    expect(index.search('munoz')).toEqual([]);
    expect(index.search('pena')).toEqual([ids.jose]);
    index.remove(ids.josephine);
    index.remove('unknown');
    expect(index.search('jose')).toEqual([ids.jose]);
    expect(index.search('555 7777')).toEqual([ids.obrien]);
    expect(index.size).toBe(4);
  });
});

describe('normalizeForSearch shortcut', () => {
  test('same result as the full normalization, ASCII or not', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(text, (s) => expect(normalizeForSearch(s)).toBe(foldForSearch(s))),
      { numRuns: 1000, seed: 11 },
    );
  });
});

describe('MemberSearchIndex.filter (the roster, keystroke by keystroke)', () => {
  const FIRST = ['José', 'Josephine', 'Ana', 'Anabel', 'Diana', 'María', 'Mario', 'Inés', 'Sean', 'Kim', 'Zoë', 'Ma'];
  const LAST = ['Muñoz', 'Lopez', 'López', 'Nguyen', "O'Brien", 'García', 'Chen', 'Smith', 'Ma', 'Ibáñez'];
  const PHONES = ['(213) 555-0101', '+1 323.555.0199', '818-555-7777', '2135550123', '555 0213', '1 213 555 0000'];
  const person = fc.record({
    firstName: fc.constantFrom(...FIRST),
    lastName: fc.option(fc.constantFrom(...LAST), { nil: undefined }),
    emails: fc.array(fc.constantFrom('ana@example.org', 'jm213@mail.com', 'x@y.org'), { maxLength: 2 }),
    phones: fc.array(fc.constantFrom(...PHONES), { maxLength: 2 }),
  });
  // Typing, deleting, pasting: each step is a prefix of a word pool string or a random edit.
  const typed = fc.array(
    fc.oneof(
      fc.constantFrom('jose', 'ma', 'mar', 'maria', 'ana l', 'ana lo', '21', '213', '2135', '555 01', '+1 213', 'o b'),
      fc.string({ unit: fc.constantFrom('a', 'n', 'm', 'o', 'é', ' ', '1', '2', '3', '5', '(', '-', '@') }),
    ),
    { minLength: 1, maxLength: 12 },
  );

  test('matches exactly the members search() finds, in the order given, whatever came before', () => {
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 1, maxLength: 40 }),
        typed,
        fc.array(fc.nat(), { maxLength: 3 }),
        (people, queries, changes) => {
          const { space } = makeSpace();
          const ids = people.map((p) => space.members.create(p));
          const index = new MemberSearchIndex(space.members.all());
          // Reverse creation order: filter keeps the caller's order, not the index's.
          let rows = [...space.members.all()].reverse();
          queries.forEach((query, step) => {
            // Edits between keystrokes (as from sync) must not leave stale hits behind.
            if (changes.includes(step)) {
              const id = ids[step % ids.length]!;
              space.members.update(id, { firstName: 'Ximena', phones: ['999 555 1234'] });
              index.upsert(space.members.get(id)!);
              rows = [...space.members.all()].reverse();
            }
            const found = new Set(new MemberSearchIndex(space.members.all()).search(query));
            expect(index.filter(rows, query).map((m) => m.id)).toEqual(
              rows.filter((m) => found.has(m.id)).map((m) => m.id),
            );
          });
        },
      ),
      { numRuns: 150, seed: 5 },
    );
  });

  test('a digit token that could now match a phone is not narrowed from the text-only hits', () => {
    const { space } = makeSpace();
    const a = space.members.create({ firstName: 'Ana', phones: ['(213) 555-0101'] });
    const b = space.members.create({ firstName: 'Ana', lastName: 'Bo21' });
    const index = new MemberSearchIndex(space.members.all());
    const rows = space.members.all();
    // "21" (two digits) matches names only; "213" may also be inside a phone number.
    expect(index.filter(rows, 'ana 21').map((m) => m.id)).toEqual([b]);
    expect(index.filter(rows, 'ana 213').map((m) => m.id)).toEqual([a]);
    expect(index.filter(rows, 'ana 2135').map((m) => m.id)).toEqual([a]);
    index.remove(a);
    expect(index.filter(rows, 'ana 21355').map((m) => m.id)).toEqual([]);
  });

  test('a member changed between keystrokes is found by the next one', () => {
    const { space } = makeSpace();
    const id = space.members.create({ firstName: 'Kim' });
    const index = new MemberSearchIndex(space.members.all());
    expect(index.filter(space.members.all(), 'xi')).toEqual([]);
    space.members.update(id, { firstName: 'Ximena' });
    index.upsert(space.members.get(id)!);
    expect(index.filter(space.members.all(), 'xim').map((m) => m.id)).toEqual([id]);
  });
});

describe('exactNameFirst (the door and every member picker)', () => {
  const ren = { id: 'ren', firstName: 'Renée', lastName: 'Díaz', preferredName: 'Ren', emails: [], phones: [] };
  const renee = { id: 'renee', firstName: 'Renée', lastName: 'Díaz', emails: [], phones: [] };
  const ramona = { id: 'ramona', firstName: 'Ramona', lastName: 'Tranh', emails: [], phones: [] };
  const ramon = { id: 'ramon', firstName: 'Ramón', lastName: 'Tran', emails: [], phones: [] };
  const ids = (ms: readonly { id: string }[]) => ms.map((m) => m.id);

  test('the whole name as shown comes first, then the whole legal name, then the rest in the order found', () => {
    expect(ids(exactNameFirst([ren, renee], 'renee diaz'))).toEqual(['renee', 'ren']);
    expect(ids(exactNameFirst([renee, ren], 'Ren Díaz'))).toEqual(['ren', 'renee']);
    expect(ids(exactNameFirst([ramona, ramon], 'ramon tran'))).toEqual(['ramon', 'ramona']);
    expect(ids(exactNameFirst([ramona, ramon], 'ram'))).toEqual(['ramona', 'ramon']);
  });
});
