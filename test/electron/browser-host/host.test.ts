/**
 * The browser host over real HTTP and WebSockets on 127.0.0.1: the token gate, the same validation
 * and path guard as Electron, CSP headers, and connection bytes through the real network bridge
 * (TCP on loopback) to MessagePorts made by the renderer's host client.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/host';
import { CONTENT_SECURITY_POLICY } from '../../../electron/window/csp';
import { IPC_CONTRACT_VERSION } from '../../../shared/ipc/contract';
import { appErrorFromIpc } from '../../../shared/ipc/result';
import { encodeWireMessage, HOST_SOCKET_PATH } from '../../../shared/ipc/host-wire';
import { createPageSenderCheck, pageSender, type PageClient } from '../../../electron/browser-host/page-client';
import { dispatch } from '../../../electron/ipc/dispatch';
import type { Handlers } from '../../../electron/ipc/handlers';
import type { SenderInfo } from '../../../electron/ipc/sender';
import { get, hostClient, tryWebSocket, until, type TestClient } from './helpers';

let base: string;
let host: BrowserHost;
const clients: TestClient[] = [];
const TAG = 'ab'.repeat(16);

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'browser-host-'));
  const root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'member list');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
  mkdirSync(path.join(base, 'saved'));
  host = await startBrowserHost({
    rendererRoot: root,
    saveDir: path.join(base, 'saved'),
    network: { lanHost: '127.0.0.1', mdns: { port: 40000 + Math.floor(Math.random() * 20000) } },
    logError: () => undefined,
  });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await host.close();
  rmSync(base, { recursive: true, force: true });
});

const client = (): TestClient => {
  const c = hostClient(host);
  clients.push(c);
  return c;
};
const socketUrl = (token?: string) =>
  `ws://127.0.0.1:${host.port}${HOST_SOCKET_PATH}${token === undefined ? '' : `?token=${token}`}`;

describe('HTTP: the production renderer as app:// serves it', () => {
  test('the page and its assets come with the same CSP and security headers as the Electron window', async () => {
    for (const p of ['/', '/index.html', '/assets/app.js']) {
      const reply = await get(host.port, p);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await get(host.port, '/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
  });

  test.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '//etc/passwd',
    '/escape.txt',
    '/%00index.html',
  ])('the path guard refuses %s (404, nothing leaks)', async (p) => {
    const reply = await get(host.port, p);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('member list');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  test('another Host header (DNS rebinding) is refused', async () => {
    expect((await get(host.port, '/', `evil.example:${host.port}`)).status).toBe(403);
    expect((await get(host.port, '/', `localhost:${host.port}`)).status).toBe(403);
  });
});

describe('WebSocket: the token gate', () => {
  test('no token, a wrong token, a wrong origin or path are refused; the right token connects', async () => {
    expect(await tryWebSocket(socketUrl(), host.origin)).toEqual({ refused: 401 });
    expect(await tryWebSocket(socketUrl('x'.repeat(host.token.length)), host.origin)).toEqual({ refused: 401 });
    expect(await tryWebSocket(socketUrl(host.token.slice(1)), host.origin)).toEqual({ refused: 401 });
    expect(await tryWebSocket(socketUrl(host.token), 'http://evil.example')).toEqual({ refused: 403 });
    const wrongPath = `ws://127.0.0.1:${host.port}/other?token=${host.token}`;
    expect(await tryWebSocket(wrongPath, host.origin)).toEqual({ refused: 404 });
    const ok = await tryWebSocket(socketUrl(host.token), host.origin);
    expect('opened' in ok).toBe(true);
    if ('opened' in ok) ok.opened.close();
  });

  test('a channel call works with the token, through the same dispatch as Electron', async () => {
    const info = await client().api.app.info();
    expect(info).toMatchObject({ electronVersion: 'none', contractVersion: IPC_CONTRACT_VERSION });
  });

  test('a malformed payload is refused with a clear error, and nothing is acted on', async () => {
    const { api } = client();
    const refused = await api.net.listen({ tags: ['NOT-HEX'] }).catch(appErrorFromIpc);
    expect(refused).toMatchObject({ code: 'ipc-bad-request' });
    expect((refused as Error).message).toBe('net:listen refused: tags.0: a tag is 16 to 64 lower-case hex characters');
    const stray = await api.dialog
      .saveCsv({ suggestedName: '../x.csv', bytes: new Uint8Array(1) })
      .catch(appErrorFromIpc);
    expect(stray).toMatchObject({ code: 'ipc-bad-request' });
    expect(() => readFileSync(path.join(base, 'x.csv'))).toThrow();
  });

  test('a broken envelope or a text frame closes the socket with a policy error', async () => {
    for (const frame of [Buffer.from('hello'), Buffer.from([1, 0xff, 0xff]), Buffer.from([9, 9])]) {
      const ws = await tryWebSocket(socketUrl(host.token), host.origin);
      if (!('opened' in ws)) throw new Error('did not open');
      const closed = new Promise<[number, string]>((r) => ws.opened.on('close', (code, why) => r([code, `${why}`])));
      ws.opened.send(frame, { binary: frame[0] !== 0x68 });
      const [code, reason] = await closed;
      expect(code).toBe(1008);
      expect(reason).toMatch(/^browser host message refused/);
    }
  });

  test('an unknown channel is refused', async () => {
    const ws = await tryWebSocket(socketUrl(host.token), host.origin);
    if (!('opened' in ws)) throw new Error('did not open');
    const reply = new Promise<Buffer>((r) => ws.opened.once('message', (d) => r(d as Buffer)));
    ws.opened.send(encodeWireMessage({ t: 'invoke', id: 1, channel: 'shell:exec', payload: {} }));
    expect((await reply).includes(Buffer.from('no such channel'))).toBe(true);
    ws.opened.close();
  });

  test('the sender check: only the current, open page passes; a stale or sub-frame sender is refused', async () => {
    const current = client();
    await current.api.app.info();
    const older = pageSender(1, host.origin);
    const result = await dispatch('app:info', {}, older, {
      handlers: { 'app:info': async () => 'acted' } as unknown as Handlers,
      isTrustedSender: createPageSenderCheck(() => null),
    });
    expect(result).toMatchObject({ ok: false, code: 'ipc-forbidden-sender' });
    const page = { id: 5, isOpen: true } as PageClient;
    const check = createPageSenderCheck(() => page);
    expect(check(pageSender(5, host.origin))).toBe(true);
    expect(check(pageSender(4, host.origin))).toBe(false);
    const subFrame = {
      ...pageSender(5, host.origin),
      senderFrame: { url: '', parent: {}, processId: 0, routingId: 5 },
    };
    expect(check(subFrame as unknown as SenderInfo)).toBe(false);
    expect(createPageSenderCheck(() => ({ id: 5, isOpen: false }) as PageClient)(pageSender(5, host.origin))).toBe(
      false,
    );
  });

  test('a newer page replaces the older one, whose calls then fail', async () => {
    const older = client();
    await older.api.app.info();
    await client().api.app.info();
    await expect(older.api.app.info()).rejects.toThrow(/ipc-failed/);
  });
});

describe('the network bridge over the WebSocket', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  const read = (port: MessagePort, count: number): Promise<Uint8Array> =>
    new Promise((resolve) => {
      const parts: number[] = [];
      port.onmessage = (e: MessageEvent) => {
        const m = e.data as { type: string; bytes?: Uint8Array };
        if (m.type === 'data' && m.bytes) parts.push(...m.bytes);
        if (parts.length >= count) resolve(new Uint8Array(parts));
      };
    });

  test('listen: an inbound TCP connection becomes a MessagePort carrying bytes both ways', async () => {
    const c = client();
    const { port } = await c.api.net.listen({ tags: [TAG] });
    const socket: Socket = tcpConnect(port, '127.0.0.1');
    const fromPage: Buffer[] = [];
    socket.on('data', (d) => fromPage.push(d));
    socket.write(Buffer.from([1, 2, 3]));
    await until(() => c.connections.length === 1);
    const { meta, port: messagePort } = c.connections[0]!;
    expect(meta).toMatchObject({ transport: 'lan', direction: 'inbound' });
    expect([...(await read(messagePort, 3))]).toEqual([1, 2, 3]);
    messagePort.postMessage({ type: 'data', bytes: new Uint8Array([9, 8, 7]) });
    await until(() => Buffer.concat(fromPage).length === 3);
    expect([...Buffer.concat(fromPage)]).toEqual([9, 8, 7]);
    const ended = new Promise((r) => socket.on('end', r));
    messagePort.postMessage({ type: 'end' });
    await ended;
    socket.destroy();
  });

  test('connect: an outbound connection; a bad message on the port is reported and destroys the socket', async () => {
    const closed = new Promise<void>((resolve) => {
      const server = createServer((s) => {
        s.write(Buffer.from('hi'));
        s.on('close', () => resolve());
      });
      servers.push(server);
      server.listen(0, '127.0.0.1');
    });
    await new Promise((r) => setTimeout(r, 20));
    const address = servers.at(-1)!.address() as { port: number };
    const c = client();
    const { connectionId } = await c.api.net.connect({ host: '127.0.0.1', port: address.port });
    await until(() => c.connections.some((x) => x.meta.connectionId === connectionId));
    const { port: messagePort, meta } = c.connections.find((x) => x.meta.connectionId === connectionId)!;
    expect(meta).toMatchObject({ transport: 'lan', direction: 'outbound', remotePort: address.port });
    expect(Buffer.from(await read(messagePort, 2)).toString()).toBe('hi');

    const report = new Promise<unknown>((r) => (messagePort.onmessage = (e: MessageEvent) => r(e.data)));
    messagePort.postMessage({ type: 'error', code: 'x', message: 'the renderer may not send errors' });
    expect(await report).toEqual({
      type: 'error',
      code: 'ipc-bad-request',
      message: 'invalid message on a connection port',
    });
    await closed;
  });

  test('a page that goes away takes its connections with it', async () => {
    const c = client();
    const { port } = await c.api.net.listen({ tags: [TAG] });
    const socket = tcpConnect(port, '127.0.0.1');
    await until(() => c.connections.length === 1);
    const gone = new Promise((r) => socket.on('close', r));
    c.close();
    await gone;
  });

  test('events reach the page; a bundle opened "by the OS" waits for it', async () => {
    const c = client();
    const locks: unknown[] = [];
    c.api.app.onLock((p) => locks.push(p));
    await c.api.app.info();
    expect(host.sendEvent('app:lock', { reason: 'suspend' })).toBe(true);
    await until(() => locks.length === 1);
    expect(locks).toEqual([{ reason: 'suspend' }]);

    const file = path.join(base, 'space.sroster');
    writeFileSync(file, new Uint8Array([5, 4, 3]));
    c.close();
    await until(() => !host.sendEvent('app:lock', { reason: 'suspend' }));
    await host.openBundle(file);
    const next = client();
    const pending = await next.api.bundle.takePending();
    expect(pending.map((f) => [f.name, [...f.bytes]])).toEqual([['space.sroster', [5, 4, 3]]]);

    host.files.willOpen('csv', file);
    expect((await next.api.dialog.openCsv())?.name).toBe('space.sroster');
    expect(await next.api.dialog.openCsv()).toBeNull();
    expect(await next.api.dialog.saveBundle({ suggestedName: 'out.sroster', bytes: new Uint8Array([1]) })).toEqual({
      saved: true,
    });
    expect([...readFileSync(path.join(base, 'saved', 'out.sroster'))]).toEqual([1]);
  });
});

describe('cleanup', () => {
  test('a host that made its own folder for saved files deletes it on close (saved CSVs are plaintext)', async () => {
    const own = await startBrowserHost({ rendererRoot: path.join(base, 'renderer'), logError: () => undefined });
    const c = hostClient(own);
    await c.api.dialog.saveCsv({ suggestedName: 'members.csv', bytes: new TextEncoder().encode('name\nRosa') });
    expect(readFileSync(path.join(own.files.saveDir, 'members.csv'), 'utf8')).toBe('name\nRosa');
    c.close();
    await own.close();
    expect(existsSync(own.files.saveDir)).toBe(false);
    // A folder the caller chose is the caller's: the shared host above keeps its `saved` folder.
    expect(existsSync(path.join(base, 'saved'))).toBe(true);
  });
});
