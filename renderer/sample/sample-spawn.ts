/**
 * Starts the sample chapter's worker. Its own module, loaded only where `Worker` exists: `import.meta.url`
 * lets Vite emit the worker as a file of the build (same-origin, as the CSP wants), and the CommonJS test
 * runner cannot parse it (as renderer/vault/kdf-spawn.ts).
 */
export function spawnSampleWorker(): Worker {
  return new Worker(new URL('./sample-worker.ts', import.meta.url), { type: 'module' });
}
