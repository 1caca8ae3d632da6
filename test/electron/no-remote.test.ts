/**
 * No remote content and no telemetry: the shell's source (electron/, except the transports in
 * electron/net which legitimately open sockets, and electron/browser-host, a development and test
 * tool that is not shipped and serves on loopback) never starts the crash reporter or the auto-updater,
 * opens external links, loads a URL other than our app:// entry, or names a remote address.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../../electron');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory())
      return ['net', 'browser-host'].includes(name) && dir === ROOT ? [] : sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Source without comments, so that explanations may mention what the code must not do. */
const code = (file: string): string =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('the Electron shell fetches nothing and reports nothing', () => {
  const files = sources(ROOT);

  it('finds the shell sources', () => {
    expect(files.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(['main.ts', 'preload.ts']));
  });

  it.each([
    ['crashReporter', /crashReporter/],
    ['autoUpdater', /autoUpdater|electron-updater|update-electron-app/],
    ['shell.openExternal', /openExternal/],
    ['remote addresses', /\b(https?|wss?|ftp):\/\//],
    ['Node integration', /nodeIntegration\s*:\s*true/],
    ['exposing ipcRenderer', /exposeInMainWorld\([^)]*ipcRenderer/],
  ])('no %s', (_label, pattern) => {
    for (const file of files)
      expect([path.relative(ROOT, file), pattern.test(code(file))]).toEqual([path.relative(ROOT, file), false]);
  });

  it('main loads only the app:// entry', () => {
    const main = code(path.join(ROOT, 'main.ts'));
    const loads = [...main.matchAll(/\.load(URL|File)\(([^)]*)\)/g)].map((m) => m[2]);
    expect(loads).toEqual(['APP_ENTRY_URL']);
  });
});
