/**
 * Which parts of an open space changed, for the views (ARCHITECTURE.md "Views read what they show"): one
 * version per collection, and one for the space's settings (`meta`), bumped by the transaction that changes
 * it, so a read made after a write always sees it; listeners are told at most once per animation frame,
 * however many transactions a sync or an import applies in between.
 */
import type * as Y from 'yjs';
import { COLLECTIONS, collectionMap, metaMap, type CollectionName } from '../../shared/model/layout';
import type { SpaceData } from '../../shared/model/space-data';

/**
 * What a view can read: one collection of records, the space's settings, or the roster's saved views
 * (a map of their own, written by renderer/views/roster/SavedViews.tsx).
 */
export type Source = CollectionName | 'meta' | 'savedRosterViews';

export const SOURCES: readonly Source[] = [...COLLECTIONS, 'meta', 'savedRosterViews'];

/** Runs `flush` later, once; returns a way to cancel it. */
export type Schedule = (flush: () => void) => () => void;

const nextFrame: Schedule = (flush) => {
  const id = requestAnimationFrame(flush);
  return () => cancelAnimationFrame(id);
};

export class SpaceChanges {
  /** Grows with every change, so a source's version is newer than every version before it. */
  private tick = 0;
  private readonly versions = new Map<Source, number>();
  private readonly listeners = new Map<Source, Set<() => void>>();
  private readonly pending = new Set<Source>();
  private scheduled = false;

  constructor(
    doc: Y.Doc,
    private readonly schedule: Schedule = nextFrame,
  ) {
    for (const source of SOURCES) {
      const map =
        source === 'meta'
          ? metaMap(doc)
          : source === 'savedRosterViews'
            ? doc.getMap(source)
            : collectionMap(doc, source);
      map.observeDeep(() => this.changed(source));
    }
  }

  /** Changes whenever one of `sources` changed: the newest of their versions. */
  stamp(sources: readonly Source[]): number {
    let stamp = 0;
    for (const source of sources) stamp = Math.max(stamp, this.versions.get(source) ?? 0);
    return stamp;
  }

  /** Calls `listener` after a frame in which one of `sources` changed (once, whatever the number of changes). */
  subscribe(sources: readonly Source[], listener: () => void): () => void {
    for (const source of sources) {
      const set = this.listeners.get(source) ?? new Set();
      set.add(listener);
      this.listeners.set(source, set);
    }
    return () => {
      for (const source of sources) this.listeners.get(source)?.delete(listener);
    };
  }

  private changed(source: Source): void {
    this.versions.set(source, ++this.tick);
    this.pending.add(source);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Tells the listeners of what changed now, without waiting for the frame (component tests do, after each transaction). */
  flush(): void {
    this.scheduled = false;
    const told = new Set<() => void>();
    for (const source of this.pending) {
      for (const listener of this.listeners.get(source) ?? []) {
        if (told.has(listener)) continue;
        told.add(listener);
        listener();
      }
    }
    this.pending.clear();
  }
}

const bySpace = new WeakMap<SpaceData, SpaceChanges>();

/** The one change tracker of an open space (made on first use, dropped with the space). */
export function changesOf(data: SpaceData): SpaceChanges {
  let changes = bySpace.get(data);
  if (!changes) {
    changes = new SpaceChanges(data.doc);
    bySpace.set(data, changes);
  }
  return changes;
}
