/**
 * Compiles electron/ for running: dist/electron/main.js and dist/electron/preload.js, CommonJS.
 * - main: our code (electron/ + shared/) bundled; `electron`, Node built-ins and every npm package
 *   stay external and load from node_modules (packaged by electron-builder from "dependencies";
 *   the transports' native addons cannot be bundled).
 * - preload: ONE self-contained file, because a sandboxed preload can require only `electron`.
 */
import { builtinModules } from 'node:module';
import { defineConfig } from 'rolldown';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isPackage = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default defineConfig([
  {
    input: 'electron/main.ts',
    platform: 'node',
    external: (id) => id === 'electron' || builtins.has(id) || isPackage(id),
    output: { file: 'dist/electron/main.js', format: 'cjs', sourcemap: false },
  },
  {
    input: 'electron/preload.ts',
    platform: 'browser',
    external: ['electron'],
    output: { file: 'dist/electron/preload.js', format: 'cjs', sourcemap: false },
  },
]);
