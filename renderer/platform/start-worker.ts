/**
 * Starts a module Web Worker, or gives null where there is none (jsdom in
 * tests) or it cannot start: callers then do the work on the page instead.
 * `load` imports the module that calls `new Worker(...)`, so that module
 * (and the worker's URL) is only loaded where workers exist.
 */
export async function startWorker(load: () => Promise<Worker>): Promise<Worker | null> {
  if (typeof Worker === 'undefined') return null;
  try {
    return await load();
  } catch {
    // No worker here (a failed load, a locked-down page): the caller falls back to the main thread.
    return null;
  }
}
