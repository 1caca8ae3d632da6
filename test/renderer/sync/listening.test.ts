// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient module types for hyperswarm live beside the code that uses them
/// <reference path="../../../electron/net/hyperswarm.d.ts" />
/**
 * When this device listens, on which port, and which Hyperswarm topics it is on, with the
 * renderer's sync service over the real platform path (browser hosts: handlers, bridge, TCP,
 * mDNS on a private port; real vaults on fake-indexeddb). Only Hyperswarm itself is a recording
 * stand-in in the last test.
 */
import * as dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import type Hyperswarm from 'hyperswarm';
import type { SpaceId } from '../../../shared/crypto';
import { exportBundle } from '../../../shared/sync/bundle';
import { DAY_MS, dayNumber, spaceDiscoveryKey, swarmTopic, TAG_GRACE_MS } from '../../../shared/sync/discovery';
import { toHex } from '../../../shared/sync/bytes';
import { createVault, type Vault } from '../../../shared/vault';
import { addOrganizer, removeOrganizer } from '../../../renderer/sync/organizers';
import type { SyncService } from '../../../renderer/sync/service';
import { fast, freshEnv } from '../../shared/vault/helpers';
import { until, useBrowserHosts } from './host-service';

jest.setTimeout(60_000);

const mdns = { port: 40000 + Math.floor(Math.random() * 20000) };
let capture: dgram.Socket;
const questions: Buffer[] = [];

/** Hyperswarm's surface that SwarmTransport uses, recording joins and leaves instead of using a DHT. */
class RecordingSwarm extends EventEmitter {
  static readonly joined = new Set<string>();
  join(topic: Uint8Array) {
    RecordingSwarm.joined.add(toHex(topic));
    return { flushed: async () => undefined, refresh: async () => undefined, destroy: async () => undefined };
  }
  async leave(topic: Uint8Array): Promise<void> {
    RecordingSwarm.joined.delete(toHex(topic));
  }
  async destroy(): Promise<void> {}
}

const { hosts, start } = useBrowserHosts(
  2,
  () => ({
    network: { lanHost: '127.0.0.1', mdns, createSwarm: () => new RecordingSwarm() as unknown as Hyperswarm },
    logError: () => undefined,
  }),
  { discoverTimeoutMs: 400 },
);

beforeAll(async () => {
  // A passive listener on the LAN: every packet sent to the group on the test's mDNS port.
  capture = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  capture.on('message', (raw) => questions.push(raw));
  await new Promise<void>((resolve) => capture.bind(mdns.port, () => resolve()));
  capture.addMembership('224.0.0.251');
});
afterAll(() => capture.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newVault = async (name: string) => (await createVault(freshEnv(), `passphrase of ${name}`, fast)).vault;

/** Adds `to` to the space and hands it a bundle, as the file flow does. */
async function shareByBundle(admin: Vault, space: SpaceId, to: Vault, service: SyncService): Promise<void> {
  await addOrganizer(admin, space, to.device, 'editor');
  const handle = await admin.openSpace(space);
  await handle.flush();
  await service.openFile({ name: 'b.sroster', bytes: await exportBundle(admin, handle, { to: to.device }) });
  await service.answerBundle(true); // the person says yes to it
}

test('a vault that shares nothing neither listens nor asks; an open invite opens the listener, and it closes with it', async () => {
  const vault = await newVault('alone');
  await vault.createSpace('Eastside branch'); // a space only this device organizes
  await pause(300);
  questions.length = 0;
  const service = await start(hosts[0]!, vault, { discoverEveryMs: 150 });
  await service.refresh();
  await pause(800); // several rounds of periodic discovery
  expect(service.store.get().listening).toBeNull();
  expect(hosts[0]!.netCounts().listeners).toBe(0);
  expect(questions).toEqual([]); // nothing to look for: not a packet on the LAN

  const [space] = await vault.listSpaces();
  const invite = await service.createInvite(space!.id, 'editor', 60_000);
  expect(service.store.get().listening).toMatchObject({ port: expect.any(Number) });
  expect(hosts[0]!.netCounts().listeners).toBe(1);
  await service.cancelInvite(invite.id);
  expect(service.store.get().listening).toBeNull();
  expect(hosts[0]!.netCounts().listeners).toBe(0);
});

test('the port stays the same across an invite, a join, a removal and the next unlock', async () => {
  const admin = await newVault('admin');
  const member = await newVault('member');
  const invitee = await newVault('invitee');
  const space = await admin.createSpace('Eastside branch');
  const adminService = await start(hosts[0]!, admin);
  const memberService = await start(hosts[1]!, member);
  await shareByBundle(admin, space, member, memberService);
  await adminService.refresh();
  const port = adminService.store.get().listening?.port;
  expect(port).toEqual(expect.any(Number));

  // An invite adds a tag to answer to: same listener.
  const invite = await adminService.createInvite(space, 'viewer', 60_000);
  expect(adminService.store.get().listening?.port).toBe(port);
  expect(hosts[0]!.netCounts().listeners).toBe(1);

  // The invitee joins through the address the admin read out; the invite is used up.
  const inviteeService = await start(hosts[1]!, invitee);
  await inviteeService.acceptInvite(invite.code, { host: '127.0.0.1', port: port! });
  await until(() => adminService.store.get().confirmations.length === 1, 'admin asked to confirm');
  adminService.answer(adminService.store.get().confirmations[0]!.id, true);
  await until(() => inviteeService.store.get().acceptance?.status === 'confirm', 'invitee asked to confirm');
  inviteeService.answerSpace(true);
  await until(() => inviteeService.store.get().acceptance?.status === 'joined', 'invitee joined');
  await until(() => adminService.store.get().invites.length === 0, 'invite used');
  await adminService.refresh();
  expect(adminService.store.get().listening?.port).toBe(port);

  // A removal rotates the key: new tags, same port.
  await removeOrganizer(admin, space, invitee.device.id);
  await adminService.refresh();
  expect(adminService.store.get().listening?.port).toBe(port);
  expect(hosts[0]!.netCounts().listeners).toBe(1);

  // Locked and unlocked again: the vault remembers the port, and it is free, so the address still works.
  adminService.close();
  await until(() => hosts[0]!.netCounts().listeners === 0, 'listener closed at lock');
  const again = await start(hosts[0]!, admin);
  expect(again.store.get().listening?.port).toBe(port);
});

describe('internet topics follow the UTC day while the app runs', () => {
  /** A clock that runs at real speed from `at`. */
  const clockFrom = (at: number) => {
    const t0 = Date.now();
    return () => at + (Date.now() - t0);
  };

  test('the next day is joined before midnight, the previous one left after, without anyone asking', async () => {
    const vault = await newVault('online');
    const space = await vault.createSpace('Eastside branch');
    const key = spaceDiscoveryKey(await vault.openSpace(space), vault.deviceIdentity())!;
    const day = dayNumber(Date.now());
    const topic = (d: number) => toHex(swarmTopic(key, d));
    RecordingSwarm.joined.clear();

    // Two seconds before the grace period of midnight opens.
    const evening = await start(hosts[0]!, vault, { now: clockFrom((day + 1) * DAY_MS - TAG_GRACE_MS - 1500) });
    await evening.setInternet(space, true);
    expect([...RecordingSwarm.joined]).toEqual([topic(day)]);
    await until(() => RecordingSwarm.joined.has(topic(day + 1)), 'the next day joined');
    expect([...RecordingSwarm.joined].sort()).toEqual([topic(day), topic(day + 1)].sort());
    evening.close();
    await until(() => RecordingSwarm.joined.size === 0, 'left at lock');

    // Unlocked again just after midnight, two seconds before the grace period closes.
    const morning = await start(hosts[0]!, vault, { now: clockFrom((day + 1) * DAY_MS + TAG_GRACE_MS - 1500) });
    await morning.setInternet(space, true);
    expect([...RecordingSwarm.joined].sort()).toEqual([topic(day), topic(day + 1)].sort());
    await until(() => !RecordingSwarm.joined.has(topic(day)), 'the previous day left');
    expect([...RecordingSwarm.joined]).toEqual([topic(day + 1)]);
  });
});
