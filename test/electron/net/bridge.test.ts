/** The NetworkBridge main.ts uses, over real TCP and mDNS (on a private multicast port). */
import * as c from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { discoveryTag, hourNumber, tagLabel } from '../../../shared/sync/discovery';
import { startSession, type SyncSession } from '../../../shared/sync/session';
import type { ByteConnection, NetworkBridge } from '../../../electron/net-bridge';
import { createNetworkBridge } from '../../../electron/net/bridge';
import { channelOfConnection } from '../../../electron/net/connection';
import { makeDevice, sessionOptions, shareSpaces, until } from '../../shared/sync/helpers';

const mdns = { port: 40000 + Math.floor(Math.random() * 20000) };
const bridges: NetworkBridge[] = [];
const bridge = (lanHost = '127.0.0.1') => {
  const b = createNetworkBridge({ lanHost, mdns });
  bridges.push(b);
  return b;
};

beforeAll(() => c.initCrypto());
afterAll(async () => {
  for (const b of bridges) await b.closeAll();
});

test('listen, connect by address (the manual path) and hand each side its connection', async () => {
  const admin = makeDevice();
  const member = makeDevice();
  const spaceId = c.randomId() as c.SpaceId;
  shareSpaces(admin, member, [spaceId]);
  const server = bridge();
  const inbound: ByteConnection[] = [];
  const sessions: SyncSession[] = [];
  server.onConnection((conn) => {
    inbound.push(conn);
    sessions.push(startSession(channelOfConnection(conn), sessionOptions(admin, 'responder')));
  });
  const { listenerId, port } = await server.listen([tagLabel(discoveryTag(c.randomBytes(32), 1))]);
  expect(listenerId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

  const conn = await bridge().connect('127.0.0.1', port);
  expect(conn.info).toMatchObject({ transport: 'lan', direction: 'outbound', remotePort: port });
  const info = await startSession(channelOfConnection(conn), sessionOptions(member, 'initiator')).ready;
  expect(info.spaces).toEqual([spaceId]);
  await until(() => inbound.length === 1);
  expect(inbound[0]!.info).toMatchObject({ transport: 'lan', direction: 'inbound', listenerId });
  await expect(sessions[0]!.ready).resolves.toMatchObject({ peer: member.id });
});

test('discover finds other listeners with the tag, never our own', async () => {
  const tag = tagLabel(discoveryTag(c.randomBytes(32), hourNumber(Date.now())));
  const a = bridge('0.0.0.0');
  const b = bridge('0.0.0.0');
  const { port } = await a.listen([tag]);
  await b.listen([tag]);
  const peers = await b.discover([tag], 1200);
  expect(peers.map((p) => p.port)).toEqual([port]);
  expect(peers[0]!.tags).toEqual([tag]);
});

test('closing a listener stops connections to it and an unknown listener id is an error', async () => {
  const b = bridge();
  const { listenerId, port } = await b.listen(['0123456789abcdef']);
  await b.closeListener(listenerId);
  expect(
    isAppError(
      await bridge()
        .connect('127.0.0.1', port)
        .catch((e: unknown) => e),
      'net-failed',
    ),
  ).toBe(true);
  expect(isAppError(await b.closeListener(listenerId).catch((e: unknown) => e), 'net-failed')).toBe(true);
});

test('inbound connections are refused while nobody receives them, and closeAll ends open ones', async () => {
  const server = bridge();
  const { port } = await server.listen(['0123456789abcdef']);
  const orphan = await bridge().connect('127.0.0.1', port);
  const orphanClosed = new Promise((r) => orphan.onClose(r));
  orphan.onData(() => undefined);
  await orphanClosed; // no receiver registered: the server destroyed it

  let accepted = 0;
  server.onConnection(() => accepted++);
  const client = bridge();
  const conn = await client.connect('127.0.0.1', port);
  const closed = new Promise((r) => conn.onClose(r));
  conn.onData(() => undefined);
  await until(() => accepted === 1);
  await client.closeAll();
  await closed;
});
