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

let bundled: string | undefined;

export function probeSource(): string {
  if (bundled !== undefined) return bundled;
  const dir = mkdtempSync(join(tmpdir(), 'host-probe-'));
  try {
    const file = join(dir, 'probe.js');
    execFileSync(
      join(ROOT, 'node_modules', '.bin', 'rolldown'),
      [
        join(__dirname, 'probe.ts'),
        '--format',
        'iife',
        '--platform',
        'browser',
        '--file',
        file,
        '--logLevel',
        'silent',
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
    bundled = readFileSync(file, 'utf8');
    return bundled;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
