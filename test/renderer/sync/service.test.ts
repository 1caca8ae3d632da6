/**
 * The renderer's sync service over the real platform path, in Node: two browser hosts (real
 * handlers, real network bridge: TCP, mDNS on a private port), each driven by the renderer's own
 * host client (`ws` for a socket), with real vaults on fake-indexeddb. Only the Chromium page is
 * missing; the e2e test (test/e2e/sharing.e2e.test.ts) adds it.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import type { BrowserHost } from '../../../electron/browser-host/host';
import type { NetworkInterfaces } from '../../../electron/net/addresses';
import { safetyNumber, type SpaceId } from '../../../shared/crypto';
import { SyncClosedError } from '../../../shared/sync/close';
import { createVault, type Vault } from '../../../shared/vault';
import type { SyncService } from '../../../renderer/sync/service';
import type { SyncState } from '../../../renderer/sync/state';
import { addOrganizer } from '../../../renderer/sync/organizers';
import { dialTexts, parseAddress } from '../../../renderer/sync/address';
import { fast, freshEnv } from '../../shared/vault/helpers';
import { memberNames, until as untilIn, useBrowserHosts } from './host-service';

const mdns = { port: 40000 + Math.floor(Math.random() * 20000) };
/** The machine's interfaces as os.networkInterfaces() would report them (fixed, so the test is exact). */
const lanTable = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '', internal: true, cidr: null }],
  eth0: [
    { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: null },
    { address: '2001:db8::20', netmask: '', family: 'IPv6', mac: '', internal: false, cidr: null, scopeid: 0 },
  ],
} as const satisfies NetworkInterfaces;
const { hosts, start, apiOf } = useBrowserHosts(2, () => ({ network: { mdns, networkInterfaces: () => lanTable } }));

interface Device {
  readonly vault: Vault;
  readonly service: SyncService;
  readonly host: BrowserHost;
  /** Spaces joined, in order, as the service told them (its `onSpaceJoined` event). */
  readonly joined: SpaceId[];
}

async function device(host: BrowserHost, name: string): Promise<Device> {
  const { vault } = await createVault(freshEnv(), `passphrase of ${name}`, fast);
  const service = await start(host, vault, { discoverTimeoutMs: 600, peer: { rotation: { delayMs: [5, 30] } } });
  const joined: SpaceId[] = [];
  service.onSpaceJoined((space) => joined.push(space));
  return { vault, service, host, joined };
}

const until = (check: () => boolean | Promise<boolean>, what: string) => untilIn(check, what, 15_000);

const state = (d: Device): SyncState => d.service.store.get();

const names = (d: Device, space: SpaceId) => memberNames(d.vault, space);

async function spaceWithMembers(d: Device, members: string[]): Promise<SpaceId> {
  const space = await d.vault.createSpace('Eastside branch');
  const handle = await d.vault.openSpace(space);
  handle.doc.transact(() => {
    for (const [i, name] of members.entries()) {
      const m = new Y.Map<unknown>();
      m.set('name', name);
      handle.doc.getMap('members').set(`m${i}`, m);
    }
  });
  await handle.flush();
  await d.service.refresh();
  return space;
}

test('invite found on the LAN by its code: same safety number on both sides, admin confirms, space arrives', async () => {
  const admin = await device(hosts[0]!, 'admin');
  const invitee = await device(hosts[1]!, 'invitee');
  const space = await spaceWithMembers(
    admin,
    Array.from({ length: 40 }, (_, i) => `Member ${i}`),
  );
  const invite = await admin.service.createInvite(space, 'editor', 60_000);
  expect(state(admin).invites).toEqual([invite]);
  // Listening, with this machine's LAN addresses (from main's net:addresses) to tell the invitee.
  expect(state(admin).listening).toEqual({
    port: expect.any(Number),
    addresses: [
      { address: '192.168.1.20', family: 'IPv4' },
      { address: '2001:db8::20', family: 'IPv6' },
    ],
  });
  expect(dialTexts(state(admin).listening!)).toEqual([
    `192.168.1.20:${state(admin).listening!.port}`,
    `[2001:db8::20]:${state(admin).listening!.port}`,
  ]);
  // What the screen shows is what "Connect by address" accepts back.
  expect(dialTexts(state(admin).listening!).map(parseAddress)).toEqual([
    { host: '192.168.1.20', port: state(admin).listening!.port },
    { host: '2001:db8::20', port: state(admin).listening!.port },
  ]);

  // The invitee finds the admin by the invite's tag (a keyed hash of the code), typed loosely.
  const found = await invitee.service.findInviter(invite.code.toLowerCase().replace(/-/g, ' '));
  expect(found.map((p) => p.port)).toEqual([state(admin).listening!.port]);
  await invitee.service.acceptInvite(invite.code, found[0]!);

  // Both screens ask at once: the admin about the device, the invitee about the space.
  await until(() => state(admin).confirmations.length === 1, 'admin asked to confirm');
  await until(() => state(invitee).acceptance?.status === 'confirm', 'invitee asked to confirm');
  const request = state(admin).confirmations[0]!;
  expect(request).toMatchObject({
    space,
    spaceName: 'Eastside branch',
    role: 'editor',
    device: invitee.vault.device.id,
  });
  expect(state(invitee).acceptance?.offer).toEqual({
    space,
    spaceName: 'Eastside branch',
    role: 'editor',
    admin: admin.vault.device.id,
    safetyNumber: request.safetyNumber,
  });
  expect(state(invitee).acceptance?.safetyNumber).toBe(request.safetyNumber);

  admin.service.answer(request.id, true);
  // The admin said yes; nothing is added or joined until the invitee's person says yes too.
  await new Promise((r) => setTimeout(r, 200));
  expect((await admin.vault.openSpace(space)).access.roleOf(invitee.vault.device.id)).toBeUndefined();
  expect(await invitee.vault.listSpaces()).toHaveLength(0);
  invitee.service.answerSpace(true);
  await until(() => state(invitee).acceptance?.status === 'joined', 'invitee joined');
  expect(invitee.joined).toEqual([space]);
  await until(async () => (await names(invitee, space)).length === 40, 'members arrived');
  expect(await names(invitee, space)).toEqual(await names(admin, space));
  expect(state(admin).confirmations).toEqual([]);
  // Each side knows when it last synced with the other; the admin's sessions list the invitee.
  expect(state(admin).lastSynced[invitee.vault.device.id]).toEqual(expect.any(Number));
  expect(state(invitee).lastSynced[admin.vault.device.id]).toEqual(expect.any(Number));
  expect(state(admin).sessions.find((s) => s.peer === invitee.vault.device.id)?.status).toBe('syncing');
  // The one-time invite is gone, and the screen's list followed by itself.
  expect(await admin.service.listInvites()).toEqual([]);
  await until(() => state(admin).invites.length === 0, 'open invites list updated');
}, 30_000);

test('the admin refuses: the invitee is told in words and holds nothing', async () => {
  const admin = await device(hosts[0]!, 'admin');
  const invitee = await device(hosts[1]!, 'invitee');
  const space = await spaceWithMembers(admin, ['Rosa Parks']);
  const invite = await admin.service.createInvite(space, 'viewer', 60_000);
  await invitee.service.acceptInvite(invite.code, { host: '127.0.0.1', port: state(admin).listening!.port });
  await until(() => state(admin).confirmations.length === 1, 'admin asked to confirm');
  admin.service.answer(state(admin).confirmations[0]!.id, false);
  await until(() => state(invitee).acceptance?.status === 'failed', 'invitee told');
  const error = state(invitee).acceptance?.error;
  expect(error).toBeInstanceOf(SyncClosedError);
  expect((error as SyncClosedError).reason).toBe('invite-invalid');
  expect(await invitee.vault.listSpaces()).toEqual([]);
}, 30_000);

test('the invitee says no to the space: nothing is added or joined, and both sides say why', async () => {
  const admin = await device(hosts[0]!, 'admin');
  const invitee = await device(hosts[1]!, 'invitee');
  const space = await spaceWithMembers(admin, ['Rosa Parks']);
  const invite = await admin.service.createInvite(space, 'editor', 60_000);
  await invitee.service.acceptInvite(invite.code, { host: '127.0.0.1', port: state(admin).listening!.port });
  await until(() => state(invitee).acceptance?.status === 'confirm', 'invitee asked');
  await until(() => state(admin).confirmations.length === 1, 'admin asked');
  invitee.service.answerSpace(false);
  await until(() => state(invitee).acceptance?.status === 'failed', 'invitee told');
  expect((state(invitee).acceptance?.error as SyncClosedError).reason).toBe('invite-declined');
  // The admin's question is withdrawn, the invite used up, nobody added.
  await until(() => state(admin).confirmations.length === 0, 'admin question withdrawn');
  await until(() => state(admin).invites.length === 0, 'invite gone');
  expect(state(admin).sessions.some((s) => s.end?.reason === 'invite-declined')).toBe(true);
  expect((await admin.vault.openSpace(space)).access.members()).toHaveLength(1);
  expect(await invitee.vault.listSpaces()).toEqual([]);
}, 30_000);

test('an invite that expires leaves the open-invites list by itself; a refused one too', async () => {
  const admin = await device(hosts[0]!, 'admin');
  const space = await spaceWithMembers(admin, ['Rosa Parks']);
  const short = await admin.service.createInvite(space, 'viewer', 300);
  const long = await admin.service.createInvite(space, 'editor', 60_000);
  expect(
    state(admin)
      .invites.map((i) => i.id)
      .sort(),
  ).toEqual([short.id, long.id].sort());
  // Nobody asks again: the service's own timer at the expiry updates the list.
  await until(() => state(admin).invites.length === 1, 'expired invite dropped');
  expect(state(admin).invites[0]!.id).toBe(long.id);

  const invitee = await device(hosts[1]!, 'invitee');
  await invitee.service.acceptInvite(long.code, { host: '127.0.0.1', port: state(admin).listening!.port });
  await until(() => state(admin).confirmations.length === 1, 'admin asked to confirm');
  expect(state(admin).invites).toHaveLength(1); // claimed, not yet used
  admin.service.answer(state(admin).confirmations[0]!.id, false);
  await until(() => state(admin).invites.length === 0, 'refused invite dropped');
}, 30_000);

test('a mistyped code and an unreachable address fail with stable codes; nothing is dialled or stored', async () => {
  const invitee = await device(hosts[1]!, 'invitee');
  await expect(invitee.service.acceptInvite('ABCD-EFGH', { host: '127.0.0.1', port: 9 })).rejects.toMatchObject({
    code: 'invite-invalid',
  });
  expect(state(invitee).acceptance).toBeNull();
  const code = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01';
  await expect(invitee.service.acceptInvite(code, { host: '127.0.0.1', port: 9 })).rejects.toMatchObject({
    code: 'net-failed',
  });
  expect(state(invitee).acceptance?.status).toBe('failed');
  expect(state(invitee).sessions).toEqual([]);
  expect(await invitee.vault.listSpaces()).toEqual([]);
}, 30_000);

test('members find each other nearby by their space tag and sync; a removed organizer is cut off', async () => {
  const admin = await device(hosts[0]!, 'admin');
  const other = await device(hosts[1]!, 'other');
  const space = await spaceWithMembers(admin, ['Rosa Parks']);
  // The file-based invite: the admin adds the other device from its card, then a bundle.
  await addOrganizer(admin.vault, space, other.vault.device, 'editor');
  hosts[0]!.files.willOpen('bundle', await saveCardOf(other));
  expect(await admin.service.chooseFile()).toBe(true);
  expect(state(admin).opened).toMatchObject({ kind: 'card', card: { id: other.vault.device.id } });
  const bundle = path.join(hosts[0]!.files.saveDir, 'space-bundle.sroster');
  const { saveBundle } = await import('../../../renderer/sync/files');
  expect(await saveBundle(admin.vault, apiOf(admin.service), space, other.vault.device)).toBe(true);
  hosts[1]!.files.willOpen('bundle', bundle);
  expect(await other.service.chooseFile()).toBe(true);
  expect(state(other).pendingBundle).toMatchObject({ space, spaceName: 'Eastside branch', joins: true });
  const opened = await other.service.answerBundle(true);
  expect(opened).toMatchObject({ kind: 'bundle', spaceName: 'Eastside branch', bundle: { joined: true, space } });
  expect(await names(other, space)).toEqual(['Rosa Parks']);
  await other.service.refresh();

  // Nearby: each side's discovery finds the other (not itself) and dials it.
  const nearby = await other.service.lookNearby();
  expect(nearby.map((p) => [p.port, p.spaces])).toEqual([[state(admin).listening!.port, [space]]]);
  await until(
    () => state(admin).sessions.some((s) => s.status === 'syncing' && s.peer === other.vault.device.id),
    'session',
  );
  const handle = await admin.vault.openSpace(space);
  const m = new Y.Map<unknown>();
  m.set('name', 'Ella Baker');
  handle.doc.getMap('members').set('ella', m);
  await until(async () => (await names(other, space)).includes('Ella Baker'), 'live edit arrived');

  // Removal: the session ends with a reason the screens turn into words; the space has a new epoch.
  const { removeOrganizer } = await import('../../../renderer/sync/organizers');
  const epoch = handle.access.currentEpoch();
  await removeOrganizer(admin.vault, space, other.vault.device.id);
  expect(handle.access.currentEpoch()).toBe(epoch + 1);
  await until(
    () => state(other).sessions.some((s) => s.status === 'ended' && s.end?.reason === 'unknown-device'),
    'removed device cut off',
  );
}, 30_000);

test('a damaged bundle is refused with bad-bundle and the store is left as it was', async () => {
  const d = await device(hosts[1]!, 'someone');
  const space = await spaceWithMembers(d, ['Rosa Parks']);
  const before = await names(d, space);
  const bytes = new Uint8Array(readFileSync(await saveCardOf(d)));
  const bundle = new Uint8Array([...new TextEncoder().encode('SRB2'), ...bytes.subarray(4), 1, 2, 3]);
  await expect(d.service.openFile({ name: 'x.sroster', bytes: bundle })).rejects.toMatchObject({ code: 'bad-bundle' });
  expect(await d.vault.listSpaces()).toHaveLength(1);
  expect(await names(d, space)).toEqual(before);
  expect(state(d).opened).toBeNull();
  expect(state(d).pendingBundle).toBeNull();
});

test('a bundle the OS opens is not imported nor its space joined until the person says yes', async () => {
  const admin = await device(hosts[0]!, 'admin');
  const other = await device(hosts[1]!, 'other');
  const space = await spaceWithMembers(admin, ['Rosa Parks']);
  await addOrganizer(admin.vault, space, other.vault.device, 'editor');
  const { saveBundle } = await import('../../../renderer/sync/files');
  expect(await saveBundle(admin.vault, apiOf(admin.service), space, other.vault.device)).toBe(true);
  const file = path.join(hosts[0]!.files.saveDir, 'space-bundle.sroster');

  // Double-clicked in the file manager: the app shows what it holds, and waits.
  await hosts[1]!.openBundle(file);
  await until(() => state(other).pendingBundle !== null, 'the bundle is shown');
  expect(state(other).pendingBundle).toMatchObject({
    space,
    spaceName: 'Eastside branch',
    from: admin.vault.device.id,
    joins: true,
  });
  expect(state(other).pendingBundle!.safetyNumber).toBe(safetyNumber(other.vault.device, admin.vault.device));
  await new Promise((r) => setTimeout(r, 200));
  expect(await other.vault.listSpaces()).toEqual([]);
  // "Cancel": dropped, nothing stored.
  expect(await other.service.answerBundle(false)).toBeNull();
  expect(state(other).pendingBundle).toBeNull();
  expect(await other.vault.listSpaces()).toEqual([]);

  // Opened again, and this time the person says yes.
  await hosts[1]!.openBundle(file);
  await until(() => state(other).pendingBundle !== null, 'the bundle is shown again');
  await other.service.answerBundle(true);
  expect((await other.vault.listSpaces()).map((s) => s.name)).toEqual(['Eastside branch']);
  expect(await names(other, space)).toEqual(['Rosa Parks']);
  expect(other.joined).toEqual([space]);

  // A damaged file double-clicked: told in words (the bundle dialog shows it), nothing stored.
  const damaged = path.join(hosts[0]!.files.saveDir, 'damaged.sroster');
  const bytes = readFileSync(file);
  writeFileSync(damaged, bytes.subarray(0, bytes.length - 10));
  await hosts[1]!.openBundle(damaged);
  await until(() => state(other).fileProblem !== null, 'the problem is told');
  expect(state(other).fileProblem).toMatchObject({ code: 'bad-bundle' });
  expect(state(other).pendingBundle).toBeNull();
  expect(await other.vault.listSpaces()).toHaveLength(1);
}, 30_000);

/** The device saves its card through the save "dialog"; returns where the host wrote it. */
async function saveCardOf(d: Device): Promise<string> {
  const { saveDeviceCard } = await import('../../../renderer/sync/files');
  expect(await saveDeviceCard(d.vault, apiOf(d.service))).toBe(true);
  const dir = d.host.files.saveDir;
  expect(readdirSync(dir)).toContain('device-card.sroster');
  return path.join(dir, 'device-card.sroster');
}
