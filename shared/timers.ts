/**
 * Yielding to the next task, and timers, for shared/ and the renderer: shared/ has neither DOM nor Node
 * typings, and both hosts provide these.
 */
interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
export const timers = globalThis as unknown as Timers;

/** The next task, after anything waiting (a paint, an input): the vault's default yield between pieces of work. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, 0));
}

interface MessagePortLike {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: null): void;
  /** Node only: a port listened to keeps the process alive unless unreferenced. */
  unref?(): void;
}
const channels = globalThis as unknown as {
  MessageChannel?: new () => { port1: MessagePortLike; port2: MessagePortLike };
};

/**
 * Runs `slice` in a task right after this one: a message to ourselves (a timeout nested 5 deep waits 4 ms
 * in browsers). Queued with React's own tasks, so a render waiting to show progress runs between two
 * slices (`scheduler.yield` would jump ahead of it). A timer where there is no MessageChannel.
 */
export const inNextTask: (slice: () => void) => void = (() => {
  if (!channels.MessageChannel) return (slice: () => void) => void timers.setTimeout(slice, 0);
  const channel = new channels.MessageChannel();
  const slices: (() => void)[] = [];
  channel.port1.onmessage = () => slices.shift()?.();
  // In Node (tests, tools) the listened port would keep the process (Jest) from exiting; browsers have no unref.
  channel.port1.unref?.();
  return (slice: () => void) => {
    slices.push(slice);
    channel.port2.postMessage(null);
  };
})();
