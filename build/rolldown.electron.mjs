/**
 * Compiles electron/ for running: dist/electron/main.js and dist/electron/preload.js, CommonJS.
 * - main: our code (electron/ + shared/) and pure-JS packages (zod, multicast-dns) bundled;
 *   `electron`, Node built-ins and the native-addon transports (hyperswarm, hyperdht: sodium-native,
 *   udx-native) stay external and load from node_modules, so they must be in package.json
 *   "dependencies" for electron-builder to package them.
 * - preload: ONE self-contained file, because a sandboxed preload can require only `electron`.
 */
import { builtinModules } from 'node:module';
import { defineConfig } from 'rolldown';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const NATIVE = ['hyperswarm', 'hyperdht'];
const isNative = (id) => NATIVE.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig([
  {
    input: 'electron/main.ts',
    platform: 'node',
    external: (id) => id === 'electron' || builtins.has(id) || isNative(id),
    output: { file: 'dist/electron/main.js', format: 'cjs', sourcemap: false },
  },
  {
    input: 'electron/preload.ts',
    platform: 'browser',
    external: ['electron'],
    output: { file: 'dist/electron/preload.js', format: 'cjs', sourcemap: false },
  },
]);
