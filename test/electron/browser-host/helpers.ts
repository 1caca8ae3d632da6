/** Real HTTP requests and WebSocket clients against a browser host on 127.0.0.1. */
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { connectToHost, type HostClient, type SocketLike } from '../../../renderer/platform/host-client';
import type { BrowserHost } from '../../../electron/browser-host/host';
import type { ConnectionMeta } from '../../../shared/ipc/contract';

export interface HttpReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** GET with the raw path as given (Node does not normalise `..`), optionally with another Host header. */
export function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a raw WebSocket; resolves 'open' or the HTTP status that refused the handshake. */
export function tryWebSocket(url: string, origin: string): Promise<{ opened: WebSocket } | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => resolve({ opened: ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ refused: -1 }));
  });
}

export interface TestClient extends HostClient {
  readonly connections: Array<{ meta: ConnectionMeta; port: MessagePort }>;
}

/** The renderer's real host client (renderer/platform), in Node with `ws` for a socket. */
export function hostClient(
  host: BrowserHost,
  onConnection: (meta: ConnectionMeta, port: MessagePort) => void = () => undefined,
): TestClient {
  const connections: Array<{ meta: ConnectionMeta; port: MessagePort }> = [];
  const client = connectToHost({
    origin: host.origin,
    token: host.token,
    openSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as SocketLike,
    announce: (meta, port) => {
      connections.push({ meta, port });
      onConnection(meta, port);
    },
  });
  return { ...client, connections };
}

export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
