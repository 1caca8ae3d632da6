/**
 * Real multicast on this machine's network, on a private UDP port (not 5353)
 * so parallel test runs and the OS's own mDNS do not mix in. A plain UDP
 * socket joined to the group plays the passive listener on the LAN; raw
 * sockets play the active one (asking, replaying, forging).
 */
import * as dgram from 'dgram';
import * as os from 'os';
import dnsPacket from 'dns-packet';
import * as c from '../../../shared/crypto';
import { discoveryTag, hourNumber, tagLabel } from '../../../shared/sync/discovery';
import { startSession } from '../../../shared/sync/session';
import type { ByteConnection } from '../../../electron/net-bridge';
import { channelOfConnection } from '../../../electron/net/connection';
import {
  newNonce,
  parseRecordName,
  probeOf,
  proofOf,
  QUERY_WINDOW_MS,
  recordName,
} from '../../../electron/net/lan-query';
import {
  ANSWER_RATE,
  LanBeacon,
  QUESTIONS_PER_PACKET,
  SERVICE_SUFFIX,
  type MdnsSocketOptions,
} from '../../../electron/net/mdns';
import { connectTcp, listenTcp, type TcpListener } from '../../../electron/net/tcp';
import { makeDevice, sessionOptions, shareSpaces, until } from '../../shared/sync/helpers';

const MDNS: MdnsSocketOptions = { port: 40000 + Math.floor(Math.random() * 20000) };
const GROUP = '224.0.0.251';
const beacons: LanBeacon[] = [];
const beacon = () => {
  const b = new LanBeacon(MDNS);
  beacons.push(b);
  return b;
};

/** Raw packets sent to the group on the test's mDNS port, as anyone on the LAN receives them. */
const captured: { raw: Buffer; from: dgram.RemoteInfo }[] = [];
let capture: dgram.Socket;
let multicastWorks = false;
const sockets: dgram.Socket[] = [];

beforeAll(async () => {
  await c.initCrypto();
  capture = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  capture.on('message', (raw, from) => captured.push({ raw, from }));
  await new Promise<void>((resolve) => capture.bind(MDNS.port, () => resolve()));
  capture.addMembership(GROUP);
  // Does multicast reach us at all here? Send one packet to the group and wait for it.
  const probe = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  const before = captured.length;
  probe.send(Buffer.from('probe'), MDNS.port, GROUP);
  for (let i = 0; i < 100 && captured.length === before; i++) await new Promise((r) => setTimeout(r, 10));
  probe.close();
  multicastWorks = captured.length > before;
  if (!multicastWorks) {
    console.warn('Multicast does not reach this host (no route to 224.0.0.251?): mDNS tests will fail with this note.');
  }
});

afterAll(async () => {
  for (const b of beacons) await b.close();
  for (const s of sockets) s.close();
  capture.close();
});

const tagFor = (key: Uint8Array) => tagLabel(discoveryTag(key, hourNumber(Date.now())));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw UDP socket on a random port: an active observer's. Collects what is sent to it. */
async function rawSocket(): Promise<{ socket: dgram.Socket; port: number; got: dnsPacket.DecodedPacket[] }> {
  const socket = dgram.createSocket('udp4');
  sockets.push(socket);
  const got: dnsPacket.DecodedPacket[] = [];
  socket.on('message', (raw) => got.push(dnsPacket.decode(raw)));
  await new Promise<void>((resolve) => socket.bind(0, () => resolve()));
  socket.setMulticastLoopback(true);
  return { socket, port: socket.address().port, got };
}

function send(socket: dgram.Socket, packet: dnsPacket.Packet, port = MDNS.port!, address = GROUP): void {
  socket.send(dnsPacket.encode(packet), port, address);
}

/** A question for `tag`, as a member's device asks it (the test knows the tag). */
function question(tag: string, nonce = newNonce(Date.now())): dnsPacket.Packet {
  return { type: 'query', questions: [{ name: recordName(probeOf(tag, nonce), nonce), type: 'SRV' }] };
}

const srvOf = (packets: readonly dnsPacket.DecodedPacket[]) =>
  packets.flatMap((p) => (p.answers ?? []).filter((a): a is dnsPacket.SrvAnswer => a.type === 'SRV'));

test('multicast is available on this host (the mDNS tests below depend on it)', () => {
  expect(multicastWorks).toBe(true);
});

test('a peer asking for the tag finds the listening port; one asking for another tag does not; nobody finds itself', async () => {
  const tag = tagFor(c.randomBytes(32));
  const listening = beacon();
  listening.advertise('listener-1', 45678, [tag, tagFor(c.randomBytes(32))]);

  const member = beacon();
  const outsider = beacon();
  const [found, notFound, self] = await Promise.all([
    member.discover([tag], 1500, 300),
    outsider.discover([tagFor(c.randomBytes(32))], 1500, 300),
    listening.discover([tag], 1500, 300),
  ]);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ port: 45678, tags: [tag] });
  expect(notFound).toEqual([]);
  expect(self).toEqual([]);
});

test('a discovery under way when its beacon closes ends with what it found, and throws nothing', async () => {
  const asking = beacon();
  const discovery = asking.discover([tagFor(c.randomBytes(32))], 600, 200);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await asking.close();
  await expect(discovery).resolves.toEqual([]);
});

test('a listener never speaks unasked: answering to tags, changing them and withdrawing send nothing', async () => {
  await pause(300); // let earlier tests' packets drain
  captured.length = 0;
  const quiet = beacon();
  quiet.advertise('quiet', 45681, [tagFor(c.randomBytes(32))]);
  quiet.advertise('quiet', 45681, [tagFor(c.randomBytes(32)), tagFor(c.randomBytes(32))]);
  await pause(500);
  quiet.withdraw('quiet');
  await pause(500);
  expect(captured).toEqual([]);
});

test('on the wire: no tag in clear, questions padded and unlinkable, answers by unicast to the asker only', async () => {
  const device = makeDevice();
  const key = c.randomBytes(32);
  const tag = tagFor(key);
  await pause(300);
  captured.length = 0;
  const listening = beacon();
  listening.advertise('inspect', 45680, [tag]);
  const peers = await beacon().discover([tag], 1000, 300);
  expect(peers).toHaveLength(1);

  expect(captured.length).toBeGreaterThan(1); // the questions (one per round)
  const forbidden = [
    tag,
    os.hostname(),
    os.userInfo().username,
    device.id,
    Buffer.from(key).toString('hex'),
    Buffer.from(key).toString('base64'),
    'Eastside',
  ].filter((s) => s.length >= 3);
  const probes = new Set<string>();
  for (const { raw, from } of captured) {
    for (const needle of forbidden) expect(raw.toString('latin1').toLowerCase()).not.toContain(needle.toLowerCase());
    const packet = dnsPacket.decode(raw);
    // Nothing but questions reaches the group: every answer went by unicast to the asker's port.
    expect(packet.type).toBe('query');
    expect(packet.answers ?? []).toEqual([]);
    expect(from.port).not.toBe(MDNS.port); // asked from a socket of its own, where the answers go back
    expect(packet.questions).toHaveLength(QUESTIONS_PER_PACKET); // one tag sought, seven decoys
    for (const q of packet.questions ?? []) {
      expect(q.type).toBe('SRV');
      expect(q.name.endsWith(SERVICE_SUFFIX)).toBe(true);
      const name = parseRecordName(q.name);
      expect(name).toBeDefined();
      probes.add(name!.mac.toString('hex'));
    }
  }
  // Every round asks afresh: no probe repeats, so two questions cannot be linked by it.
  expect(probes.size).toBe(captured.length * QUESTIONS_PER_PACKET);
});

test('a replayed or stale question gets no answer; a fresh one does', async () => {
  const tag = tagFor(c.randomBytes(32));
  const listening = beacon();
  listening.advertise('replay', 45682, [tag]);

  const honest = await rawSocket();
  const replayer = await rawSocket();
  const asked = question(tag);
  send(honest.socket, asked);
  await pause(400);
  expect(srvOf(honest.got).map((a) => a.data.port)).toEqual([45682]);

  // The same packet again, from another socket (as an observer who recorded it would send it).
  send(replayer.socket, asked);
  // A question made with the tag ten minutes ago (a recording from earlier in the hour).
  send(replayer.socket, question(tag, newNonce(Date.now() - 2 * QUERY_WINDOW_MS)));
  await pause(400);
  expect(replayer.got).toEqual([]);
});

test('an answer is good only for the question it answers and the port it names', async () => {
  const tag = tagFor(c.randomBytes(32));
  const listening = beacon();
  listening.advertise('bound', 45683, [tag]);
  // The attacker knows the tag (say, a device removed from the space), records an answer...
  const attacker = await rawSocket();
  send(attacker.socket, question(tag));
  await pause(400);
  const [old] = srvOf(attacker.got);
  expect(old).toBeDefined();
  listening.withdraw('bound'); // ...and the listener goes away

  // A member's device asks later; the attacker sees the question on the group and answers it.
  const seen = captured.length;
  const searching = beacon().discover([tag], 1500, 5_000);
  await until(() => captured.slice(seen).some(({ raw }) => dnsPacket.decode(raw).type === 'query'));
  const { raw, from: asker } = captured.slice(seen).find(({ raw }) => dnsPacket.decode(raw).type === 'query')!;
  const nonce = parseRecordName(dnsPacket.decode(raw).questions![0]!.name)!.nonce;
  const answer = (name: string, port: number): dnsPacket.Packet => ({
    type: 'response',
    answers: [{ ...old!, name, data: { ...old!.data, port } }],
  });
  // The recorded answer, replayed: made for another question.
  send(attacker.socket, answer(old!.name, 45683), asker.port, asker.address);
  // A proof for this question but for another port than the one it names.
  send(attacker.socket, answer(recordName(proofOf(tag, nonce, 45683), nonce), 9), asker.port, asker.address);
  // A well-formed answer to this very question (only a tag holder can make one): the one taken.
  send(attacker.socket, answer(recordName(proofOf(tag, nonce, 45999), nonce), 45999), asker.port, asker.address);
  expect((await searching).map((p) => p.port)).toEqual([45999]);
});

test('questions are answered at a bounded rate per asking address', async () => {
  const tag = tagFor(c.randomBytes(32));
  const listening = beacon();
  listening.advertise('flood', 45684, [tag]);
  const flooder = await rawSocket();
  for (let i = 0; i < 60; i++) send(flooder.socket, question(tag));
  await pause(600);
  const answered = srvOf(flooder.got).length;
  expect(answered).toBeGreaterThan(0);
  expect(answered).toBeLessThanOrEqual(2 * ANSWER_RATE.perAddress); // the burst may straddle one second boundary
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
