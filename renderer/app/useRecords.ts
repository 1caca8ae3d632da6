/**
 * What a view shows from the open space, read again only when the collections it comes from change
 * (ARCHITECTURE.md "Views read what they show"). Built on useSyncExternalStore, as sync state is
 * (`renderer/sync/context.tsx`): a change to another collection neither re-reads nor re-renders.
 *
 *   const groups = useRecords((d) => d.groups.all().sort(byName), [], 'groups');
 *   const notes = useRecords((d) => d.notes.about(about), [about], 'notes');
 *
 * `read` takes the space's data and returns what the view shows; `deps` are the other values it uses
 * (checked by the react-hooks lint rule, as for useMemo); `from` names every collection `read` looks at
 * ('meta' for the space's settings). The result is kept, the same object, until one of them changes, so
 * it can be passed to memoized children and hook dependencies.
 */
import { useCallback, useRef, useSyncExternalStore, type DependencyList } from 'react';
import type { SpaceData } from '../../shared/model/space-data';
import { useSpace } from './SpaceContext';
import { changesOf, type Source } from './space-changes';

export type { Source } from './space-changes';

interface Kept<T> {
  readonly data: SpaceData;
  readonly stamp: number;
  readonly deps: DependencyList;
  readonly value: T;
}

export function useRecords<T>(read: (data: SpaceData) => T, deps: DependencyList, from: Source | readonly Source[]): T {
  const { data } = useSpace();
  const changes = changesOf(data);
  const key = typeof from === 'string' ? from : from.join(' ');
  const subscribe = useSubscription(changes, key);
  const kept = useRef<Kept<T> | null>(null);
  const snapshot = (): T => {
    const stamp = changes.stamp(key.split(' ') as Source[]);
    const last = kept.current;
    if (last && last.data === data && last.stamp === stamp && sameDeps(last.deps, deps)) return last.value;
    const value = read(data);
    kept.current = { data, stamp, deps, value };
    return value;
  };
  return useSyncExternalStore(subscribe, snapshot);
}

/**
 * Subscribes to `key`'s changes. A hook of its own: the callback React keeps across renders keeps the
 * scope it was made in, and useRecords' scope holds the caller's `read`, whose scope may hold a whole
 * collection from an earlier render (the roster's read index: roster-preview.ts).
 */
function useSubscription(changes: ReturnType<typeof changesOf>, key: string) {
  return useCallback((listener: () => void) => changes.subscribe(key.split(' ') as Source[], listener), [changes, key]);
}

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/**
 * Renders the component again when one of `from` changes, for a view that reads records as it renders
 * (a member's name by id in each row): `useChangesOf('members')`.
 */
export function useChangesOf(from: Source | readonly Source[]): void {
  useRecords((data) => changesOf(data).stamp(typeof from === 'string' ? [from] : from), [from], from);
}
