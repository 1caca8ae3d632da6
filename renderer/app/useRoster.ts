/**
 * Roster data that views share: all valid members (read again when they change;
 * records are cached by the model until they change) and a search index kept
 * up to date incrementally from the members collection's change events.
 */
import { useEffect, useMemo } from 'react';
import { MemberSearchIndex } from '../../shared/model/search';
import type { Member } from '../../shared/model/member';
import { useSpace } from './SpaceContext';
import { useRecords } from './useRecords';

export function useMembers(): readonly Member[] {
  return useRecords((data) => data.members.all(), [], 'members');
}

export function useSearchIndex(): MemberSearchIndex {
  const { data } = useSpace();
  const index = useMemo(() => new MemberSearchIndex(data.members.all()), [data]);
  useEffect(
    () =>
      data.members.observe((ids) => {
        for (const id of ids) {
          const m = data.members.get(id);
          if (m) index.upsert(m);
          else index.remove(id);
        }
      }),
    [data, index],
  );
  return index;
}

export function useRegionNames(): ReadonlyMap<string, string> {
  return useRecords((data) => new Map(data.regions.all().map((r) => [r.id, r.name])), [], 'regions');
}
