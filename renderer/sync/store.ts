import { Emitter } from '../../shared/util/emitter';

/** A tiny external store (useSyncExternalStore-shaped): one snapshot, replaced on update. */
export class Store<T> {
  private readonly changed = new Emitter();

  constructor(private state: T) {}

  get = (): T => this.state;

  subscribe = (listener: () => void): (() => void) => this.changed.on(listener);

  update(change: (state: T) => T): void {
    const next = change(this.state);
    if (next === this.state) return;
    this.state = next;
    this.changed.emit();
  }
}
