import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppProtocolHandler, resolveAppPath } from '../../electron/window/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/window/csp';

/** Real files: a renderer root, a secret beside it, and symlinks in and out. */
describe('app:// protocol path guard', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
    root = path.join(base, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ok</title>');
    writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'assets', 'sodium.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(path.join(root, 'assets', 'a b.css'), 'body{}');
    writeFileSync(path.join(base, 'secret.txt'), 'member list');
    symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
    symlinkSync(base, path.join(root, 'escape-dir'));
    symlinkSync(path.join(root, 'index.html'), path.join(root, 'inside.html'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.each([
    ['app://renderer/index.html', 'index.html'],
    ['app://renderer/', 'index.html'],
    ['app://renderer', 'index.html'],
    ['app://renderer/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://renderer/assets/a%20b.css', 'assets/a b.css'],
    ['app://renderer/assets/index-abc.js?v=1#x', 'assets/index-abc.js'],
    ['app://renderer/inside.html', 'index.html'],
  ])('serves %s', async (url, file) => {
    const resolved = await resolveAppPath(root, url);
    expect(resolved).toEqual({ ok: true, file: path.join(root, file) });
  });

  it.each([
    'app://renderer/../secret.txt',
    'app://renderer/assets/../../secret.txt',
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/%2E%2E/secret.txt',
    'app://renderer/.%2e/secret.txt',
    'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://renderer/..%5csecret.txt',
    'app://renderer/..\\secret.txt',
    'app://renderer/assets%5c..%5c..%5csecret.txt',
    'app://renderer//etc/passwd',
    'app://renderer/%2fetc%2fpasswd',
    'app://renderer/C:%5cWindows%5cwin.ini',
    'app://renderer/C:/Windows/win.ini',
    `app://renderer/${encodeURIComponent('/etc/passwd')}`,
    'app://renderer/index.html%00.png',
    'app://renderer/escape.txt',
    'app://renderer/escape-dir/secret.txt',
    'app://renderer/assets',
    'app://renderer/missing.js',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
  ])('refuses %s with 404', async (url) => {
    expect(await resolveAppPath(root, url)).toEqual({ ok: false, status: 404 });
  });

  it('serves files with their type and our CSP, and 404s a traversal through the handler', async () => {
    const handle = createAppProtocolHandler(root);
    const ok = await handle(new Request('app://renderer/assets/sodium.wasm'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/wasm');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(new Uint8Array(await ok.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));

    const refused = await handle(new Request('app://renderer/%2e%2e/secret.txt'));
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('member list');

    const post = await handle(new Request('app://renderer/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});
