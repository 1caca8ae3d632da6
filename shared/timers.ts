/** Timers for shared/, which has neither DOM nor Node typings: both hosts provide these two functions. */
interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
export const timers = globalThis as unknown as Timers;

/** The next task, after anything waiting (a paint, an input): the vault's default yield between pieces of work. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, 0));
}
