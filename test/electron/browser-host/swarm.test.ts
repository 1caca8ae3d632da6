// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient module types for hyperswarm live beside the code that uses them
/// <reference path="../../../electron/net/hyperswarm.d.ts" />
/**
 * The browser host's bridge reaches Hyperswarm too: two hosts on a local HyperDHT testnet (never the
 * public DHT), two pages' host clients join one topic, and a real sync session handshake runs over
 * the MessagePorts their connections arrive on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import createTestnet from 'hyperdht/testnet';
import Hyperswarm from 'hyperswarm';
import * as c from '../../../shared/crypto';
import { swarmTopic } from '../../../shared/sync/discovery';
import { toHex } from '../../../shared/sync/bytes';
import { startSession, type SessionInfo } from '../../../shared/sync/session';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/host';
import { portChannel } from '../../../renderer/platform/connections';
import { makeDevice, sessionOptions, shareSpaces, type Device } from '../../shared/sync/helpers';
import { hostClient, until, type TestClient } from './helpers';

jest.setTimeout(60_000);

let testnet: Awaited<ReturnType<typeof createTestnet>>;
let root: string;
const hosts: BrowserHost[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  await c.initCrypto();
  testnet = await createTestnet(3);
  root = mkdtempSync(path.join(tmpdir(), 'host-swarm-'));
});
afterAll(async () => {
  for (const client of clients) client.close();
  for (const host of hosts) await host.close();
  await testnet.destroy();
  rmSync(root, { recursive: true, force: true });
});

async function page(device: Device): Promise<{ client: TestClient; ready: SessionInfo[] }> {
  const host = await startBrowserHost({
    rendererRoot: root,
    network: { createSwarm: () => new Hyperswarm({ dht: testnet.createNode() }) },
    logError: () => undefined,
  });
  hosts.push(host);
  const ready: SessionInfo[] = [];
  // What the renderer's sync code does with every port, wherever it came from.
  const client = hostClient(host, (meta, port) => {
    const role = meta.direction === 'outbound' ? 'initiator' : 'responder';
    startSession(portChannel(port), sessionOptions(device, role))
      .ready.then((info) => ready.push(info))
      .catch(() => undefined); // Hyperswarm may drop one of two simultaneous dials
  });
  clients.push(client);
  return { client, ready };
}

test('two pages join a topic through their hosts and complete the sync handshake over the ports', async () => {
  const [alice, bob] = [makeDevice(), makeDevice()];
  const space = c.randomId() as c.SpaceId;
  shareSpaces(alice, bob, [space]);
  const a = await page(alice);
  const b = await page(bob);
  const topic = toHex(swarmTopic(c.randomBytes(32), 0));
  await Promise.all([a.client.api.net.joinTopic({ topic }), b.client.api.net.joinTopic({ topic })]);
  await until(() => a.ready.length > 0 && b.ready.length > 0, 45_000);
  expect(a.ready[0]!.peer).toBe(bob.id);
  expect(b.ready[0]!.peer).toBe(alice.id);
  expect(a.ready[0]!.spaces).toEqual([space]);
  expect(a.client.connections[0]!.meta).toMatchObject({ transport: 'hyperswarm', topic });
});
