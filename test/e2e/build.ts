/**
 * Builds the renderer once when dist/renderer is older than its sources, so the
 * browser tests always run against the current PRODUCTION build. A directory
 * lock keeps parallel Jest workers from building twice.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const DIST = join(ROOT, 'dist', 'renderer');
const STAMP = join(DIST, 'index.html');
const LOCK = join(ROOT, 'dist', '.renderer-build.lock');
const SOURCES = ['renderer', 'shared', 'vite.config.ts'];

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(ROOT, s)) <= built);
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

export async function ensureRendererBuild(): Promise<string> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (isFresh()) return DIST;
    try {
      mkdirSync(join(ROOT, 'dist'), { recursive: true });
      mkdirSync(LOCK);
    } catch {
      // Another worker is building; a lock left by a killed run expires after two minutes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000)
        rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
      continue;
    }
    try {
      if (!isFresh()) {
        execFileSync(
          process.execPath,
          [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
          {
            cwd: ROOT,
            stdio: 'pipe',
            // Jest sets NODE_ENV=test, which would make Vite bundle React's development build: the tests
            // must run the production build that users get.
            env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
          },
        );
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return DIST;
  }
  throw new Error('timed out waiting for another process to build the renderer');
}
