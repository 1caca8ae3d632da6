/**
 * Starts the Argon2id worker. Its own module, loaded only where `Worker`
 * exists: `import.meta.url` is what lets Vite emit the worker as a file of the
 * build (a same-origin script; blob: workers would need a wider CSP), and it
 * cannot be parsed by the CommonJS test runner.
 */
export function spawnKdfWorker(): Worker {
  return new Worker(new URL('./kdf-worker.ts', import.meta.url), { type: 'module' });
}
