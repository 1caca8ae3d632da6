/**
 * A set of listeners for one kind of event (ARCHITECTURE.md "Shared machinery"). Every listener is
 * called, in the order added, even when an earlier one throws; what a listener throws goes to
 * `onListenerError`, or, without one, is thrown again once every listener has been called.
 */
export class Emitter<A extends unknown[] = []> {
  private readonly listeners = new Set<(...args: A) => void>();

  constructor(private readonly onListenerError?: (error: unknown) => void) {}

  /** Adds a listener; returns the function that removes it. */
  on = (listener: (...args: A) => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  emit(...args: A): void {
    let failed: { error: unknown } | undefined;
    for (const listener of [...this.listeners]) {
      try {
        listener(...args);
      } catch (error) {
        if (this.onListenerError) this.onListenerError(error);
        else failed ??= { error };
      }
    }
    if (failed) throw failed.error;
  }

  get size(): number {
    return this.listeners.size;
  }

  clear(): void {
    this.listeners.clear();
  }
}
