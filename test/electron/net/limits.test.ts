/**
 * What a stranger (a peer that has not authenticated) may cost, and how far main reads ahead of the
 * renderer, over real TCP sockets on loopback and the real bridge. On Linux every 127.x.y.z address
 * is this machine, so tests play many remote addresses by binding their sockets to several of them.
 */
import * as net from 'net';
import type { ByteConnection } from '../../../electron/net-bridge';
import { createNetworkBridge } from '../../../electron/net/bridge';
import { addressGroup, type ConnectionLimits } from '../../../electron/net/limits';
import { encodeFrame } from '../../../shared/sync/frames';
import { until } from '../../shared/sync/helpers';

const mdns = { port: 40000 + Math.floor(Math.random() * 20000) };
const bridges: ReturnType<typeof createNetworkBridge>[] = [];
const sockets: net.Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.destroy();
  for (const b of bridges) await b.closeAll();
});

const LIMITS: ConnectionLimits = { windowBytes: 256 * 1024, handshakeMs: 60_000, strangerBytes: 64 * 1024 };

/** A bridge listening on loopback; with `read`, every connection's bytes are taken in as the renderer would. */
async function server(options: Parameters<typeof createNetworkBridge>[0] = {}, read = false) {
  const bridge = createNetworkBridge({ lanHost: '127.0.0.1', mdns, ...options });
  bridges.push(bridge);
  const accepted: ByteConnection[] = [];
  const closed = new Set<ByteConnection>();
  bridge.onConnection((connection) => {
    accepted.push(connection);
    connection.onClose(() => closed.add(connection));
    if (read) connection.onData((bytes) => connection.consumed(bytes.length));
  });
  const { port } = await bridge.listen([], undefined);
  return { bridge, port, accepted, closed };
}

/** A raw socket from `localAddress`; resolves once connected. `closed` resolves when the server cuts it. */
async function dial(port: number, localAddress = '127.0.0.1') {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress });
  sockets.push(socket);
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise((r) => socket.once('connect', r));
  return { socket, closed };
}

test('an address is an IPv4 address or the /64 of an IPv6 one', () => {
  expect(addressGroup('192.168.1.20')).toBe('192.168.1.20');
  expect(addressGroup('::ffff:192.168.1.20')).toBe('192.168.1.20');
  expect(addressGroup('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
  expect(addressGroup('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
  expect(addressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
  expect(addressGroup('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
});

test('a stranger that never authenticates is cut off at the deadline; an authenticated peer is not', async () => {
  const { port, accepted } = await server({ connectionLimits: { ...LIMITS, handshakeMs: 300 } });
  const idle = await dial(port);
  const member = await dial(port);
  await until(() => accepted.length === 2);
  accepted[1]!.onData(() => undefined);
  accepted[1]!.authenticated();
  await idle.closed;
  await new Promise((r) => setTimeout(r, 400));
  expect(member.socket.destroyed).toBe(false);
});

test('a stranger that sends more than its byte budget before authenticating is cut off', async () => {
  const { port, accepted, closed } = await server({ connectionLimits: LIMITS });
  const talker = await dial(port);
  await until(() => accepted.length === 1);
  let delivered = 0;
  accepted[0]!.onData((bytes) => {
    delivered += bytes.length;
    accepted[0]!.consumed(bytes.length);
  });
  talker.socket.write(new Uint8Array(LIMITS.strangerBytes * 4));
  await talker.closed;
  expect(closed.has(accepted[0]!)).toBe(true);
  expect(delivered).toBeLessThanOrEqual(LIMITS.strangerBytes);
});

test('few strangers at once: the oldest of the busiest address makes room, so a newcomer always gets in', async () => {
  const { bridge, port, accepted } = await server({
    connectionLimits: LIMITS,
    strangerLimits: { maxStrangers: 6, maxStrangersPerAddress: 3 },
  });
  // Five from one address: only its three newest stay.
  const flood = [];
  for (let i = 0; i < 5; i++) flood.push(await dial(port, '127.0.0.2'));
  await Promise.all(flood.slice(0, 2).map((s) => s.closed));
  await until(() => bridge.counts().strangers === 3);
  expect(flood.slice(2).every((s) => !s.socket.destroyed)).toBe(true);
  // Three more addresses, one each: the pool is full at six, and the busiest address gives way.
  const others = [];
  for (const address of ['127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6']) others.push(await dial(port, address));
  await flood[2]!.closed; // 127.0.0.2 was the busiest: its oldest went first
  await until(() => bridge.counts().strangers === 6);
  // An authenticated peer leaves the pool and is never evicted.
  const honest = await dial(port, '127.0.0.7');
  await until(() => accepted.length === 10);
  accepted[9]!.authenticated();
  for (let i = 0; i < 8; i++) await dial(port, `127.0.1.${i + 1}`);
  await until(() => bridge.counts().strangers === 6);
  expect(honest.socket.destroyed).toBe(false);
});

test("a flood from the honest peer's own address does not push it out: strangers whose handshake got least far go first", async () => {
  const { bridge, port, accepted, closed } = await server(
    { connectionLimits: LIMITS, strangerLimits: { maxStrangers: 6, maxStrangersPerAddress: 3 } },
    true,
  );
  // The honest peer sends a whole first frame (its hello) at once, as the session does.
  const honest = await dial(port, '127.0.0.2');
  honest.socket.write(encodeFrame(new Uint8Array(40)));
  await until(() => accepted.length === 1 && accepted[0]!.handshakeFrames === 1);
  // Then the attacker, from the same address: sockets that send half a frame and idle, many more than fit.
  const flood = [];
  for (let i = 0; i < 12; i++) {
    const s = await dial(port, '127.0.0.2');
    s.socket.write(Uint8Array.from([0, 0, 0, 64, 1]));
    flood.push(s);
  }
  // And from many addresses, one each, so that the pool is full and every address ties.
  for (let i = 0; i < 12; i++) flood.push(await dial(port, `127.0.2.${i + 1}`));
  await until(() => accepted.length === 25);
  await until(() => bridge.counts().strangers === 6);
  expect(honest.socket.destroyed).toBe(false);
  expect(accepted[0]!.isAuthenticated).toBe(false);
  // Its proof passes; it is a member now and leaves the pool.
  accepted[0]!.authenticated();
  await until(() => bridge.counts().strangers === 5);
  // Of the attacker's 24 sockets, only the five still in the pool are open.
  await until(() => accepted.slice(1).filter((c) => !closed.has(c)).length === 5);
  expect(honest.socket.destroyed).toBe(false);
});

test('main reads no further ahead than a window the renderer has not consumed, and resumes as it does', async () => {
  const { port, accepted } = await server({ connectionLimits: { ...LIMITS, strangerBytes: Number.MAX_SAFE_INTEGER } });
  const sender = await dial(port);
  await until(() => accepted.length === 1);
  const connection = accepted[0]!;
  connection.authenticated();
  let delivered = 0;
  connection.onData((bytes) => (delivered += bytes.length));
  // Far more than the window plus all the kernel's loopback buffers can hold (the maxima of tcp_rmem and
  // tcp_wmem: 32 + 4 MiB here), so that while main is paused the rest must wait in the sender's own queue.
  const total = 64 * 1024 * 1024;
  sender.socket.write(new Uint8Array(total));
  await until(() => delivered >= LIMITS.windowBytes);
  await new Promise((r) => setTimeout(r, 300));
  // Paused: at most the window and the read that crossed it.
  expect(delivered).toBeLessThan(LIMITS.windowBytes + 128 * 1024);
  const held = delivered;
  expect(sender.socket.writableLength).toBeGreaterThan(0); // the rest waits on the sender's side
  // The renderer catches up in steps: each lets a little more in, until all of it arrived.
  let consumed = 0;
  await until(() => {
    connection.consumed(delivered - consumed);
    consumed = delivered;
    return delivered === total;
  }, 20_000);
  expect(held).toBeLessThan(total);
});

test('a listener takes the port it asks for when free, another when not; its tags change in place', async () => {
  const { bridge, port } = await server();
  const other = createNetworkBridge({ lanHost: '127.0.0.1', mdns });
  bridges.push(other);
  const taken = await other.listen([], port);
  expect(taken.port).not.toBe(port); // busy: any other port
  await bridge.closeAll();
  const again = createNetworkBridge({ lanHost: '127.0.0.1', mdns });
  bridges.push(again);
  const reopened = await again.listen(['0123456789abcdef'], port);
  expect(reopened.port).toBe(port); // free again: the same one
  again.advertise(reopened.listenerId, ['fedcba9876543210']);
  const found = await other.discover(['0123456789abcdef', 'fedcba9876543210'], 1200);
  expect(found.map((p) => [p.port, p.tags])).toEqual([[port, ['fedcba9876543210']]]);
  expect(() => again.advertise('no-such-listener', [])).toThrow(expect.objectContaining({ code: 'net-failed' }));
});
