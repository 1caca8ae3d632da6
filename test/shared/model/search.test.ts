import { MemberSearchIndex, normalizeForSearch, phoneDigits } from '../../../shared/model';
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
