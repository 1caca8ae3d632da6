/**
 * Runs asynchronous work one piece after another, in the order it was asked for (ARCHITECTURE.md
 * "Shared machinery"). A piece that fails rejects its own promise only: the next piece still runs.
 */
export class SerialQueue {
  /** Settles when the last piece queued has settled; never rejects. */
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues `work` after everything queued before; resolves or rejects with its result. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined); // the caller of `run` sees the failure; the queue moves on
    return run;
  }

  /** Resolves once everything queued so far has settled (failures included). */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
