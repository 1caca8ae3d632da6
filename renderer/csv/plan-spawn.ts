/**
 * Starts the import-planning worker. Its own module, loaded only where
 * `Worker` exists: `import.meta.url` lets Vite emit the worker as a file of
 * the build (same-origin, as the CSP wants), and the CommonJS test runner
 * cannot parse it (as kdf-spawn.ts).
 */
export function spawnPlanWorker(): Worker {
  return new Worker(new URL('./plan-worker.ts', import.meta.url), { type: 'module' });
}
