/**
 * Serves the built renderer (dist/renderer) on app://renderer/. The path guard refuses anything that
 * could leave the root: `..` (raw or percent-encoded), encoded separators, backslashes, NUL, absolute
 * or drive paths, and symlinks whose target lies outside. Every refusal is a plain 404.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { withSecurityHeaders } from './csp';

export type ResolvedAppPath =
  { readonly ok: true; readonly file: string } | { readonly ok: false; readonly status: 404 };

const NOT_FOUND = { ok: false, status: 404 } as const;

/** Splits the raw URL path into decoded segments, or null when any segment is suspicious. */
function safeSegments(rawPath: string): string[] | null {
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      // A malformed path is refused (not found).
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Maps an app:// URL to a regular file under `root`, following the rules above. */
export async function resolveAppPath(root: string, url: string): Promise<ResolvedAppPath> {
  // Look at the raw text before URL parsing: WHATWG parsing silently resolves `..` and `%2e%2e`.
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(url);
  if (!match || match[1]?.toLowerCase() !== APP_SCHEME || match[2]?.toLowerCase() !== APP_HOST) return NOT_FOUND;
  const rawPath = match[3] ?? '';
  if (rawPath.includes('\\') || /\/\//.test(rawPath)) return NOT_FOUND;
  const segments = safeSegments(rawPath);
  if (!segments) return NOT_FOUND;
  if (segments.length === 0) segments.push('index.html');

  try {
    const realRoot = await fs.realpath(path.resolve(root));
    const candidate = path.resolve(realRoot, ...segments);
    if (!isInside(realRoot, candidate)) return NOT_FOUND;
    const realFile = await fs.realpath(candidate); // resolves symlinks, so an escaping link is caught
    if (!isInside(realRoot, realFile)) return NOT_FOUND;
    if (!(await fs.stat(realFile)).isFile()) return NOT_FOUND;
    return { ok: true, file: realFile };
  } catch {
    return NOT_FOUND; // a file that is not there (or not readable) is the answer: not found
  }
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The handler given to `protocol.handle('app', ...)`: GET only, files from `root`, our CSP on every response. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = (extra: Record<string, string>): Headers => {
      const h = new Headers();
      for (const [name, values] of Object.entries(withSecurityHeaders(extra)))
        for (const v of values) h.append(name, v);
      return h;
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: headers({}) });
    }
    const resolved = await resolveAppPath(root, request.url);
    if (!resolved.ok)
      return new Response('Not found', { status: 404, headers: headers({ 'Content-Type': 'text/plain' }) });
    const body = request.method === 'HEAD' ? null : await fs.readFile(resolved.file);
    return new Response(body, {
      status: 200,
      headers: headers({ 'Content-Type': contentTypeOf(resolved.file), 'Cache-Control': 'no-store' }),
    });
  };
}
