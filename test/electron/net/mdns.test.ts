/**
 * Real multicast on this machine's network, on a private UDP port (not 5353)
 * so parallel test runs and the OS's own mDNS do not mix in.
 */
import * as dgram from 'dgram';
import * as os from 'os';
import dnsPacket from 'dns-packet';
import * as c from '../../../shared/crypto';
import { discoveryTag, hourNumber, tagLabel } from '../../../shared/sync/discovery';
import { startSession } from '../../../shared/sync/session';
import type { ByteConnection } from '../../../electron/net-bridge';
import { channelOfConnection } from '../../../electron/net/connection';
import { LanBeacon, SERVICE_SUFFIX, type MdnsSocketOptions } from '../../../electron/net/mdns';
import { connectTcp, listenTcp, type TcpListener } from '../../../electron/net/tcp';
import { makeDevice, sessionOptions, shareSpaces } from '../../shared/sync/helpers';

const MDNS: MdnsSocketOptions = { port: 40000 + Math.floor(Math.random() * 20000) };
const beacons: LanBeacon[] = [];
const beacon = () => {
  const b = new LanBeacon(MDNS);
  beacons.push(b);
  return b;
};

/** Raw packets on the test's mDNS port, captured with a plain UDP socket. */
const captured: Buffer[] = [];
let capture: dgram.Socket;
let multicastWorks = false;

beforeAll(async () => {
  await c.initCrypto();
  capture = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  capture.on('message', (msg) => captured.push(msg));
  await new Promise<void>((resolve) => capture.bind(MDNS.port, () => resolve()));
  capture.addMembership('224.0.0.251');
  // Does multicast reach us at all here? Send one packet to the group and wait for it.
  const probe = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  const before = captured.length;
  probe.send(Buffer.from('probe'), MDNS.port, '224.0.0.251');
  for (let i = 0; i < 100 && captured.length === before; i++) await new Promise((r) => setTimeout(r, 10));
  probe.close();
  multicastWorks = captured.length > before;
  if (!multicastWorks) {
    console.warn('Multicast does not reach this host (no route to 224.0.0.251?): mDNS tests will fail with this note.');
  }
});

afterAll(async () => {
  for (const b of beacons) await b.close();
  capture.close();
});

const tagFor = (key: Uint8Array) => tagLabel(discoveryTag(key, hourNumber(Date.now())));

test('multicast is available on this host (the mDNS tests below depend on it)', () => {
  expect(multicastWorks).toBe(true);
});

test('a peer with the same discovery key finds the advertised port; one with another key does not; nobody finds itself', async () => {
  const key = c.randomBytes(32);
  const tag = tagFor(key);
  const advertiser = beacon();
  advertiser.advertise('listener-1', 45678, [tag, tagFor(c.randomBytes(32))]);

  const member = beacon();
  const outsider = beacon();
  const [found, notFound, self] = await Promise.all([
    member.discover([tag], 1500, 300),
    outsider.discover([tagFor(c.randomBytes(32))], 1500, 300),
    advertiser.discover([tag], 1500, 300),
  ]);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ port: 45678, tags: [tag] });
  expect(notFound).toEqual([]);
  expect(self).toEqual([]);
});

test('a withdrawn advertisement is no longer found', async () => {
  const tag = tagFor(c.randomBytes(32));
  const advertiser = beacon();
  advertiser.advertise('gone', 45679, [tag]);
  advertiser.withdraw('gone');
  expect(await beacon().discover([tag], 800, 300)).toEqual([]);
});

test('the packets carry no name: only tags, the service suffix and random target labels', async () => {
  const device = makeDevice();
  const key = c.randomBytes(32);
  const tag = tagFor(key);
  captured.length = 0;
  const advertiser = beacon();
  advertiser.advertise('inspect', 45680, [tag]);
  const peers = await beacon().discover([tag], 1000, 300);
  expect(peers).toHaveLength(1);

  expect(captured.length).toBeGreaterThan(1);
  const forbidden = [
    os.hostname(),
    os.userInfo().username,
    device.id,
    Buffer.from(key).toString('hex'),
    Buffer.from(key).toString('base64'),
    'Eastside',
  ].filter((s) => s.length >= 3);
  const names = new Set<string>();
  for (const raw of captured) {
    for (const needle of forbidden) expect(raw.toString('latin1').toLowerCase()).not.toContain(needle.toLowerCase());
    const packet = dnsPacket.decode(raw);
    for (const record of [...(packet.questions ?? []), ...(packet.answers ?? []), ...(packet.additionals ?? [])]) {
      expect(record.type).toBe('SRV'); // no A/AAAA/TXT/PTR: nothing but the tagged service records
      names.add(record.name);
      if (record.type === 'SRV' && 'data' in record) names.add((record as dnsPacket.SrvAnswer).data.target);
    }
  }
  for (const name of names) {
    expect(name === `${tag}${SERVICE_SUFFIX}` || /^[0-9a-f]{16}\.local$/.test(name)).toBe(true);
  }
});

describe('LAN end to end', () => {
  let listener: TcpListener;
  const connections: ByteConnection[] = [];
  afterAll(async () => {
    for (const conn of connections) conn.destroy();
    await listener?.close();
  });

  test('a member discovers a listener over mDNS, connects over TCP and completes the handshake', async () => {
    const admin = makeDevice();
    const member = makeDevice();
    const spaceId = c.randomId() as c.SpaceId;
    shareSpaces(admin, member, [spaceId]);
    const key = c.randomBytes(32);
    const sessions: Promise<unknown>[] = [];
    listener = await listenTcp({ host: '0.0.0.0', port: 0 }, (conn) => {
      connections.push(conn);
      sessions.push(startSession(channelOfConnection(conn), sessionOptions(admin, 'responder')).ready);
    });
    beacon().advertise('lan', listener.port, [tagFor(key)]);

    const [peer] = await beacon().discover([tagFor(key)], 1000, 300);
    expect(peer).toBeDefined();
    const conn = await connectTcp(peer!.host, peer!.port);
    connections.push(conn);
    const info = await startSession(channelOfConnection(conn), sessionOptions(member, 'initiator')).ready;
    expect(info.peer).toBe(admin.id);
    expect(info.spaces).toEqual([spaceId]);
    await expect(sessions[0]).resolves.toMatchObject({ peer: member.id });
  });
});
