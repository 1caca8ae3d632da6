/**
 * Roster data that views share: all valid members (read again when they change;
 * records are cached by the model until they change) and the space's search index,
 * built in slices the first time a view asks (space-loading.ts), then kept up to
 * date incrementally from the members collection's change events.
 */
import { MemberSearchIndex } from '../../shared/model/search';
import type { Member } from '../../shared/model/member';
import type { SpaceData } from '../../shared/model/space-data';
import { collectionsLoaded, loadingOf, type LoadStep } from './space-loading';
import type { Source } from './space-changes';
import { useSpace } from './SpaceContext';
import { useRecords } from './useRecords';

const NO_MEMBERS: readonly Member[] = [];

/** Every valid member; none while `loaded` is false (the view shows its loading state: space-loading.ts). */
export function useMembers(loaded = true): readonly Member[] {
  return useRecords((data) => (loaded ? data.members.all() : NO_MEMBERS), [loaded], 'members');
}

interface SpaceIndex {
  readonly index: MemberSearchIndex;
  readonly build: LoadStep;
}

const indexes = new WeakMap<SpaceData, SpaceIndex>();

/**
 * The space's one search index (made on first use, dropped with the space). It follows every change of the
 * members from the moment it is made, and its build walks the members as they are then (a live walk: one
 * added meanwhile is met, one deleted is not), so an edit that arrives while it is being built is in it.
 */
function indexOf(data: SpaceData): SpaceIndex {
  const known = indexes.get(data);
  if (known) return known;
  const index = new MemberSearchIndex();
  data.members.observe((ids) => {
    for (const id of ids) {
      const m = data.members.get(id);
      if (m) index.upsert(m);
      else index.remove(id);
    }
  });
  let walk: Iterator<string> | null = null;
  const build: LoadStep = (enough) => {
    walk ??= data.members.map.keys();
    for (let n = 1; ; n++) {
      const next = walk.next();
      if (next.done) {
        // The name order too (one sort, ending the last slice), so the roster's first sort finds it.
        index.prepareOrder();
        return true;
      }
      const m = data.members.get(next.value);
      if (m) index.upsert(m);
      if (n % 16 === 0 && enough()) return false;
    }
  };
  const made = { index, build };
  indexes.set(data, made);
  return made;
}

/** The collections the roster's rows come from, read once before they show. */
export const ROSTER_READS: readonly Source[] = ['members', 'attendance', 'regions'];

/** Whether the roster's collections and search index are read; starts reading them if not. */
export function rosterLoaded(data: SpaceData): boolean {
  return collectionsLoaded(data, ROSTER_READS) && searchIndexLoaded(data);
}

/** Whether the search index is built; starts building it if not (for `useLoaded`, after the members). */
export function searchIndexLoaded(data: SpaceData): boolean {
  return loadingOf(data).load('search', indexOf(data).build);
}

/**
 * The search index, complete: built at once here unless `loaded` is false (a view that waits for
 * `searchIndexLoaded` before it searches, showing its loading state meanwhile).
 */
export function useSearchIndex(loaded = true): MemberSearchIndex {
  const { data } = useSpace();
  const { index, build } = indexOf(data);
  if (loaded) loadingOf(data).finish('search', build);
  return index;
}

export function useRegionNames(): ReadonlyMap<string, string> {
  return useRecords((data) => new Map(data.regions.all().map((r) => [r.id, r.name])), [], 'regions');
}
