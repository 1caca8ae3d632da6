/**
 * Serves the production renderer build over HTTP exactly as the app:// protocol serves it in
 * Electron: the SAME path guard (`resolveAppPath`), content types and security headers (CSP).
 */
import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_ORIGIN } from '../window/app-origin';
import { contentTypeOf, resolveAppPath } from '../window/app-protocol';
import { withSecurityHeaders } from '../window/csp';

/** Loopback only, under the exact address the page was given: refuses DNS-rebinding look-alikes. */
export function isHostHeaderOurs(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}`;
}

export function isLoopbackPeer(request: IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::ffff:127.0.0.1';
}

function reply(response: ServerResponse, status: number, extra: Record<string, string>, body?: Buffer | string): void {
  response.writeHead(status, withSecurityHeaders(extra));
  response.end(body);
}

export function createStaticHandler(
  root: string,
  port: () => number,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    if (!isLoopbackPeer(request) || !isHostHeaderOurs(request.headers.host, port())) {
      return reply(response, 403, { 'Content-Type': 'text/plain' }, 'Forbidden');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(response, 405, {});
    const target = request.url ?? '';
    // The raw request target, as app:// would see it: the guard inspects it before any normalisation.
    const resolved = target.startsWith('/') ? await resolveAppPath(root, `${APP_ORIGIN}${target}`) : null;
    if (!resolved?.ok) return reply(response, 404, { 'Content-Type': 'text/plain' }, 'Not found');
    const body = request.method === 'HEAD' ? undefined : await fs.readFile(resolved.file);
    reply(response, 200, { 'Content-Type': contentTypeOf(resolved.file), 'Cache-Control': 'no-store' }, body);
  };
}
