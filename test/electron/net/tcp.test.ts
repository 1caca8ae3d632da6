/** Sync sessions over real TCP sockets on 127.0.0.1. */
import * as net from 'net';
import * as c from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { encodeFrame } from '../../../shared/sync/frames';
import { startSession, type SyncSession } from '../../../shared/sync/session';
import type { ByteConnection } from '../../../electron/net-bridge';
import { channelOfConnection } from '../../../electron/net/connection';
import { connectTcp, listenTcp, type TcpListener } from '../../../electron/net/tcp';
import { collect, makeDevice, sessionOptions, shareSpaces, until, type Device } from '../../shared/sync/helpers';

let listener: TcpListener;
let server: Device;
const inbound: SyncSession[] = [];
const inboundConnections: ByteConnection[] = [];
const sockets: net.Socket[] = [];

beforeAll(async () => {
  await c.initCrypto();
  server = makeDevice();
  listener = await listenTcp({ host: '127.0.0.1', port: 0, listenerId: 'test' }, (connection) => {
    inboundConnections.push(connection);
    inbound.push(startSession(channelOfConnection(connection), sessionOptions(server, 'responder')));
  });
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  for (const conn of inboundConnections) conn.destroy();
  await listener.close();
});

async function dial(device: Device): Promise<{ session: SyncSession; responder: () => SyncSession }> {
  const before = inbound.length;
  const connection = await connectTcp('127.0.0.1', listener.port);
  const session = startSession(channelOfConnection(connection), sessionOptions(device, 'initiator'));
  await until(() => inbound.length > before);
  return { session, responder: () => inbound[before]! };
}

/** A raw socket that the test drives byte by byte, and the session the server started for it. */
async function rawSocket(): Promise<{ socket: net.Socket; responder: SyncSession }> {
  const before = inbound.length;
  const socket = net.connect({ host: '127.0.0.1', port: listener.port });
  sockets.push(socket);
  socket.on('error', () => undefined);
  socket.resume(); // we do not read what the server says
  await new Promise((r) => socket.once('connect', r));
  await until(() => inbound.length > before);
  return { socket, responder: inbound[before]! };
}

test('the listener reports the port it bound', () => {
  expect(listener.host).toBe('127.0.0.1');
  expect(listener.port).toBeGreaterThan(0);
});

test('two devices authenticate over TCP and exchange sealed payloads both ways', async () => {
  const client = makeDevice();
  const spaceId = c.randomId() as c.SpaceId;
  shareSpaces(client, server, [spaceId]);
  const { session, responder } = await dial(client);
  const [mine, theirs] = await Promise.all([session.ready, responder().ready]);
  expect(mine.peer).toBe(server.id);
  expect(theirs.peer).toBe(client.id);
  expect(mine.spaces).toEqual([spaceId]);
  expect(responder().info?.spaces).toEqual([spaceId]);

  const atServer = collect(responder());
  const atClient = collect(session);
  // Many TCP segments: the decoder reassembles them. (Not c.randomBytes: libsodium.js takes seconds per MB.)
  const big = Uint8Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 7919) % 251);
  session.send(big);
  for (let i = 0; i < 50; i++) responder().send(c.utf8Encode(`entry ${i}`));
  await until(() => atServer.length === 1 && atClient.length === 50, 10_000);
  expect(Buffer.from(atServer[0]!).equals(Buffer.from(big))).toBe(true);
  expect(c.utf8Decode(atClient[49]!)).toBe('entry 49');

  session.close();
  await expect(responder().ended).resolves.toEqual({ reason: 'done', by: 'peer' });
  await expect(session.ended).resolves.toEqual({ reason: 'done', by: 'local' });
});

test('an unknown device is closed with unknown-device over TCP and receives no data', async () => {
  const stranger = makeDevice();
  const { session, responder } = await dial(stranger);
  const got = collect(session);
  // The server proved no key the stranger holds: the stranger gives up before revealing itself.
  await expect(session.ready).rejects.toMatchObject({ reason: 'unknown-device', by: 'local' });
  await expect(responder().ended).resolves.toEqual({ reason: 'unknown-device', by: 'peer' });
  expect(got).toEqual([]);
});

test('garbage bytes close the server session with bad-frame', async () => {
  const { socket, responder } = await rawSocket();
  socket.write(encodeFrame(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')));
  await expect(responder.ended).resolves.toEqual({ reason: 'bad-frame', by: 'local' });
});

test('an oversized length prefix closes the server session with frame-too-large', async () => {
  const { socket, responder } = await rawSocket();
  socket.write(Uint8Array.from([0x7f, 0xff, 0xff, 0xff]));
  await expect(responder.ended).resolves.toEqual({ reason: 'frame-too-large', by: 'local' });
});

test('a stream that stops mid-frame closes the server session with truncated', async () => {
  const { socket, responder } = await rawSocket();
  socket.end(Uint8Array.from([0, 0, 0, 100, 1, 2, 3]));
  await expect(responder.ended).resolves.toEqual({ reason: 'truncated', by: 'local' });
});

test('connecting to a closed port fails with net-failed', async () => {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const error = await connectTcp('127.0.0.1', port).catch((e: unknown) => e);
  expect(isAppError(error, 'net-failed')).toBe(true);
});
