/**
 * The first read of a large space, in slices (ARCHITECTURE.md "Views read what they show"): before a view lists
 * a collection of 10,000 records, they are read into the model's cache a slice per task, each task short, so
 * the window never freezes; the view shows its loading state meanwhile (`useLoaded`). A small collection is
 * read at once, in the render that asks for it. Loading only fills caches: what a view then reads is what it
 * would have read without it, and an edit that arrives meanwhile (a co-organizer's, one's own) is read like
 * any other.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { COLLECTIONS, type CollectionName } from '../../shared/model/layout';
import type { SpaceData } from '../../shared/model/space-data';
import { inNextTask } from '../../shared/timers';
import type { Source } from './space-changes';
import { useSpace } from './SpaceContext';

/**
 * A piece of loading: goes on where it stopped until `enough()` says so (asked every few records); true once
 * it is done.
 */
export type LoadStep = (enough: () => boolean) => boolean;

/** Runs `slice` in a later task (shared/timers.ts `inNextTask`, or a test's own). */
export type NextTask = (slice: () => void) => void;

/** How long one slice may run, ms: a task stays well under the 50 ms a long task is. */
export const SLICE_MS = 8;
/** How many times a step may ask `enough()` in the render that asks for it, before it goes on in slices. */
const AT_ONCE_ASKS = 16;

export class SpaceLoading {
  private readonly done = new Set<string>();
  private readonly queue: { key: string; step: LoadStep }[] = [];
  private readonly listeners = new Set<() => void>();
  private running = false;

  constructor(
    private readonly next: NextTask = inNextTask,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether `key` is loaded; if not, it starts loading (in this call while that stays short, then in slices). */
  load(key: string, step: LoadStep): boolean {
    if (this.done.has(key)) return true;
    if (this.queue.some((q) => q.key === key)) return false;
    let asks = 0;
    if (this.queue.length === 0 && step(() => ++asks > AT_ONCE_ASKS)) {
      this.done.add(key);
      return true;
    }
    this.queue.push({ key, step });
    this.start();
    return false;
  }

  /** Loads `key` now, whole, unless it is loaded already (for a view that cannot wait). */
  finish(key: string, step: LoadStep): void {
    if (this.done.has(key)) return;
    step(() => false);
    const at = this.queue.findIndex((q) => q.key === key);
    if (at >= 0) this.queue.splice(at, 1);
    this.done.add(key);
    // Views waiting for it hear it after this render, not during it.
    this.next(() => this.tell());
  }

  /** Calls `listener` each time a piece finishes loading. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private start(): void {
    if (this.running) return;
    this.running = true;
    this.next(() => this.slice());
  }

  /** One task's worth: the queue's pieces in order, until SLICE_MS have passed. */
  private slice(): void {
    const until = this.now() + SLICE_MS;
    const enough = () => this.now() >= until;
    let finished = false;
    while (this.queue.length > 0) {
      const { key, step } = this.queue[0]!;
      if (!step(enough)) break;
      this.queue.shift();
      this.done.add(key);
      finished = true;
      if (enough()) break;
    }
    this.running = false;
    if (this.queue.length > 0) this.start();
    // In a task of its own: a view told re-renders at once (useSyncExternalStore), which must not add to this slice.
    if (finished) this.next(() => this.tell());
  }

  private tell(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

const bySpace = new WeakMap<SpaceData, SpaceLoading>();

/** The one loader of an open space (made on first use, dropped with the space). */
export function loadingOf(data: SpaceData): SpaceLoading {
  let loading = bySpace.get(data);
  if (!loading) bySpace.set(data, (loading = new SpaceLoading()));
  return loading;
}

/** For tests: the loader of `data`, with their own way to run the next slice. */
export function setLoadingOf(data: SpaceData, loading: SpaceLoading): void {
  bySpace.set(data, loading);
}

const isCollection = (source: string): source is CollectionName => (COLLECTIONS as readonly string[]).includes(source);

/** Whether every collection of `from` has been read once: asks for what is not (the settings need no loading). */
export function collectionsLoaded(data: SpaceData, from: readonly Source[]): boolean {
  const loading = loadingOf(data);
  let all = true;
  for (const source of from) {
    if (!isCollection(source)) continue;
    if (!loading.load(source, (enough) => data[source].warm(enough))) all = false;
  }
  return all;
}

/**
 * Whether the view can read `from` now; false while the collections are read in slices (the view shows its
 * loading state), then true for the space's life: a record changed later is read again when asked for, one by one.
 * `extra` are further pieces the view needs, loaded after the collections (the roster's search index).
 */
export function useLoaded(from: Source | readonly Source[], extra?: (data: SpaceData) => boolean): boolean {
  const { data } = useSpace();
  const key = typeof from === 'string' ? from : from.join(' ');
  const loading = loadingOf(data);
  const subscribe = useCallback((listener: () => void) => loading.subscribe(listener), [loading]);
  const snapshot = () => collectionsLoaded(data, key.split(' ') as Source[]) && (extra?.(data) ?? true);
  return useSyncExternalStore(subscribe, snapshot);
}
