/**
 * Bundles probe.ts into one classic script for `page.evaluate` (the page's CSP allows only its own
 * script files; DevTools evaluation is how Playwright runs code in any page). Rolldown runs as a
 * child process because it is ESM-only and Jest loads test helpers as CommonJS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../build';

const bundled = new Map<string, string>();

/** The probe (or another in-page test script, `entry`) as one classic script. */
export function probeSource(entry = join(__dirname, 'probe.ts')): string {
  const cached = bundled.get(entry);
  if (cached !== undefined) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'host-probe-'));
  try {
    const file = join(dir, 'probe.js');
    execFileSync(
      join(ROOT, 'node_modules', '.bin', 'rolldown'),
      [entry, '--format', 'iife', '--platform', 'browser', '--file', file, '--logLevel', 'silent'],
      { cwd: ROOT, stdio: 'pipe' },
    );
    const source = readFileSync(file, 'utf8');
    bundled.set(entry, source);
    return source;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
