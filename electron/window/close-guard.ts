/**
 * Quitting never drops an edit shown on screen (SECURITY.md "Crash safety and backups"): when the
 * window is asked to close, main holds the close, tells the renderer (`app:closing`), and lets
 * the window go once the renderer has written what was pending and locked (`app:readyToClose`).
 * A renderer that does not answer (hung, or crashed) cannot keep the window open forever.
 */

/** How long a close waits for the renderer before the window goes anyway. */
export const CLOSE_WAIT_MS = 15_000;

/** The part of a BrowserWindow this needs. */
export interface ClosingWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

export interface CloseGuard {
  /** The renderer answered `app:closing`. */
  readyToClose(): void;
}

export function guardWindowClose(
  window: ClosingWindow,
  /** Sends `app:closing`; false when there is no renderer to ask (the window closes at once). */
  askRenderer: () => boolean,
  waitMs = CLOSE_WAIT_MS,
  timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout },
): CloseGuard {
  let released = false;
  let waiting: ReturnType<typeof setTimeout> | null = null;
  const release = (): void => {
    if (waiting !== null) timers.clear(waiting);
    waiting = null;
    released = true;
    if (!window.isDestroyed()) window.close();
  };
  window.on('close', (event) => {
    if (released) return;
    event.preventDefault();
    if (waiting !== null) return; // already asked: a second click on the close box waits for the same answer
    if (!askRenderer()) return release();
    waiting = timers.set(release, waitMs);
  });
  return {
    readyToClose() {
      if (waiting !== null) release();
    },
  };
}
