// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient module types for hyperswarm live beside the code that uses them
/// <reference path="../../../electron/net/hyperswarm.d.ts" />
/** Hyperswarm on a local HyperDHT testnet bound to 127.0.0.1 (never the public DHT). */
import createTestnet from 'hyperdht/testnet';
import Hyperswarm from 'hyperswarm';
import * as c from '../../../shared/crypto';
import { swarmTopic } from '../../../shared/sync/discovery';
import { startSession, type SyncSession } from '../../../shared/sync/session';
import type { ByteConnection } from '../../../electron/net-bridge';
import { createNetworkBridge } from '../../../electron/net/bridge';
import { channelOfConnection } from '../../../electron/net/connection';
import { makeDevice, sessionOptions, shareSpaces, until, type Device } from '../../shared/sync/helpers';

jest.setTimeout(60_000);

let testnet: Awaited<ReturnType<typeof createTestnet>>;
const bridges: ReturnType<typeof createNetworkBridge>[] = [];

beforeAll(async () => {
  await c.initCrypto();
  testnet = await createTestnet(3);
});

afterAll(async () => {
  for (const bridge of bridges) await bridge.closeAll();
  await testnet.destroy();
});

/** A bridge on the testnet whose every connection runs a sync session, as the app would. */
function peerOnTestnet(device: Device) {
  const bridge = createNetworkBridge({ createSwarm: () => new Hyperswarm({ dht: testnet.createNode() }) });
  bridges.push(bridge);
  const sessions: SyncSession[] = [];
  const connections: ByteConnection[] = [];
  const ready: SyncSession[] = [];
  const received: string[] = [];
  bridge.onConnection((conn) => {
    connections.push(conn);
    // Both sides may dial at once; Hyperswarm then keeps one stream and closes the other.
    const session = startSession(
      channelOfConnection(conn),
      sessionOptions(device, conn.info.direction === 'outbound' ? 'initiator' : 'responder'),
    );
    sessions.push(session);
    session.onMessage((p) => received.push(c.utf8Decode(p)));
    session.ready.then(() => ready.push(session)).catch(() => undefined);
    void session.ended.then(() => {
      const at = ready.indexOf(session);
      if (at >= 0) ready.splice(at, 1);
    });
  });
  /** A session that completed the handshake and is still open. */
  const live = (): SyncSession | undefined => ready[0];
  return { bridge, connections, sessions, received, live };
}

test('two peers on the derived topic find each other and complete the handshake', async () => {
  const alice = makeDevice();
  const bob = makeDevice();
  const spaceId = c.randomId() as c.SpaceId;
  shareSpaces(alice, bob, [spaceId]);
  const topic = Buffer.from(swarmTopic(c.randomBytes(32), 0)).toString('hex');

  const a = peerOnTestnet(alice);
  const b = peerOnTestnet(bob);
  await Promise.all([a.bridge.joinTopic(topic), b.bridge.joinTopic(topic)]);
  await until(() => a.live() !== undefined && b.live() !== undefined, 30_000);

  const [sa, sb] = [a.live()!, b.live()!];
  expect(sa.info?.peer).toBe(bob.id);
  expect(sb.info?.peer).toBe(alice.id);
  expect(sa.info?.spaces).toEqual([spaceId]);
  expect(a.connections[0]!.info).toMatchObject({ transport: 'hyperswarm', topic });

  sa.send(c.utf8Encode('over the DHT'));
  await until(() => b.received.length === 1, 10_000);
  expect(b.received).toEqual(['over the DHT']);
});

test('a peer on another topic is not found', async () => {
  const carol = peerOnTestnet(makeDevice());
  const dave = peerOnTestnet(makeDevice());
  await carol.bridge.joinTopic(Buffer.from(swarmTopic(c.randomBytes(32), 0)).toString('hex'));
  await dave.bridge.joinTopic(Buffer.from(swarmTopic(c.randomBytes(32), 0)).toString('hex'));
  await new Promise((r) => setTimeout(r, 1500)); // past the first eager refresh
  expect(carol.connections).toEqual([]);
  expect(dave.connections).toEqual([]);
});

test('each topic is announced under a key pair of its own: a DHT observer cannot link two topics of one device by it', async () => {
  const device = peerOnTestnet(makeDevice());
  const [first, second] = [0, 1].map((day) => swarmTopic(c.randomBytes(32), day));
  await device.bridge.joinTopic(Buffer.from(first!).toString('hex'));
  await device.bridge.joinTopic(Buffer.from(second!).toString('hex'));
  const observer = testnet.createNode();
  const announcers = async (topic: Uint8Array): Promise<string[]> => {
    const keys = new Set<string>();
    for await (const reply of observer.lookup(topic)) {
      for (const peer of reply.peers) keys.add(Buffer.from(peer.publicKey).toString('hex'));
    }
    return [...keys];
  };
  const [a, b] = [await announcers(first!), await announcers(second!)];
  expect(a).toHaveLength(1);
  expect(b).toHaveLength(1);
  expect(a[0]).not.toBe(b[0]);
  await observer.destroy();

  // Leaving a topic with no connection open lets its swarm (and its DHT socket) go.
  expect(device.bridge.counts().swarms).toBe(2);
  await device.bridge.leaveTopic(Buffer.from(first!).toString('hex'));
  expect(device.bridge.counts().swarms).toBe(1);
});
