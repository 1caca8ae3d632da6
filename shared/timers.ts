/** Timers for shared/, which has neither DOM nor Node typings: both hosts provide these two functions. */
interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
export const timers = globalThis as unknown as Timers;
