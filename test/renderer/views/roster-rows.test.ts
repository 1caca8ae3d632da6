/**
 * The roster's order by name taken from the search index (renderer/views/roster/rows.ts sortMembers with an
 * index): the same rows, in the same order, as sorting the names, whatever the names (accents, equal names,
 * preferred names) and after the index followed changes; a member the index does not hold falls back to the sort.
 */
import fc from 'fast-check';
import type { Member } from '../../../shared/model/member';
import { MemberSearchIndex } from '../../../shared/model/search';
import { sortMembers } from '../../../renderer/views/roster/rows';

const NAMES = ['Ana', 'ana', 'Ána', 'Ben', 'Zoë', 'Zoe', 'de la Cruz', 'O’Neil', ''];

function member(id: string, firstName: string, lastName: string, preferredName?: string): Member {
  return Object.freeze({ id, firstName, lastName, preferredName, emails: [], phones: [] }) as unknown as Member;
}

const members = fc
  .uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      first: fc.constantFrom(...NAMES),
      last: fc.constantFrom(...NAMES),
      preferred: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
    }),
    { selector: (m) => m.id, maxLength: 40 },
  )
  .map((list) => list.map((m) => member(m.id, m.first, m.last, m.preferred)));

const BY_NAME = { key: 'name', direction: 'ascending' } as const;

test('by name through the index: the same order as sorting the names', () => {
  fc.assert(
    fc.property(members, fc.nat(), (list, cut) => {
      const index = new MemberSearchIndex(list);
      // A change the index followed: the first member renamed, one removed from both.
      const renamed = list.length ? [member(list[0]!.id, 'Renamed', 'Person'), ...list.slice(1)] : list;
      if (renamed.length) index.upsert(renamed[0]!);
      const removed = renamed.length > 1 ? renamed[cut % renamed.length]! : undefined;
      if (removed) index.remove(removed.id);
      const shown = renamed.filter((m) => m !== removed);
      expect(sortMembers(shown, BY_NAME, undefined, undefined, index)).toEqual(sortMembers(shown, BY_NAME));
    }),
    { numRuns: 300, seed: 11 },
  );
});

test('a member the index does not hold: the rows are sorted all the same', () => {
  const list = [member('b', 'Ben', 'Okafor'), member('a', 'Ana', 'Ruiz')];
  const index = new MemberSearchIndex([list[0]!]);
  expect(sortMembers(list, BY_NAME, undefined, undefined, index).map((m) => m.id)).toEqual(['a', 'b']);
});
