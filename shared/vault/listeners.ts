/** A set of callbacks where one listener's failure is its own business (storage has already succeeded). */
export class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...args: A) => void>();

  /** Returns an unsubscribe function. */
  add(listener: (...args: A) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(...args: A): void {
    for (const listener of [...this.set]) {
      try {
        listener(...args);
      } catch {
        // Ignored: see above.
      }
    }
  }

  clear(): void {
    this.set.clear();
  }
}
