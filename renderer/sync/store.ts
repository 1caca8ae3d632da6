/**
 * The sync state's store (useSyncExternalStore-shaped: one snapshot, replaced on update), written in
 * parts (ARCHITECTURE.md "Sync in the renderer"): each part's keys are claimed once, by the one
 * class that owns them, and only its `Part` can write them. Readers get `ReadonlyStore`.
 */
import { Emitter } from '../../shared/util/emitter';

export interface ReadonlyStore<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
  /** The owner that claimed `key` (every key of the sync state has exactly one). */
  ownerOf(key: keyof T): string | undefined;
}

/** The writer of some keys of the state, held by their owner alone. */
export interface Part<T, K extends keyof T> {
  get(): Pick<T, K>;
  /** Replaces some of the part's values (the snapshot stays the same when each value is the same). */
  set(values: Partial<Pick<T, K>>): void;
  update(change: (now: Pick<T, K>) => Partial<Pick<T, K>>): void;
}

export class Store<T extends object> implements ReadonlyStore<T> {
  private readonly changed = new Emitter();
  private readonly owners = new Map<keyof T, string>();

  constructor(private state: T) {}

  get = (): T => this.state;

  subscribe = (listener: () => void): (() => void) => this.changed.on(listener);

  ownerOf(key: keyof T): string | undefined {
    return this.owners.get(key);
  }

  /** Claims `keys` for `owner`. Throws when one of them has an owner already: a part has one writer. */
  claim<K extends keyof T>(owner: string, keys: readonly K[]): Part<T, K> {
    for (const key of keys) {
      const holder = this.owners.get(key);
      if (holder !== undefined) throw new Error(`${String(key)} is written by ${holder} already, not by ${owner}`);
    }
    for (const key of keys) this.owners.set(key, owner);
    const mine = new Set<keyof T>(keys);
    const set = (values: Partial<Pick<T, K>>): void => {
      const changes = Object.entries(values) as [keyof T, unknown][];
      const stranger = changes.find(([key]) => !mine.has(key));
      if (stranger) throw new Error(`${owner} does not write ${String(stranger[0])}`);
      if (changes.every(([key, value]) => this.state[key] === value)) return;
      this.state = { ...this.state, ...values };
      this.changed.emit();
    };
    return { get: () => this.state, set, update: (change) => set(change(this.state)) };
  }
}
