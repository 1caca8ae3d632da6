/**
 * Discovery follows the space's key epochs (renderer/sync/discovery-keys.ts): with real vaults
 * (libsodium, Yjs, fake-indexeddb), a device removed from a space cannot compute the LAN tag the
 * members advertise nor the Hyperswarm topic they join once they have the rotation, while a
 * member that has not received the rotation yet is still found. Then the network layer over the
 * real platform path (browser host, handlers, bridge, SwarmTransport; only Hyperswarm itself is a
 * recording stand-in) swaps the joined topic when a rotation arrives.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient module types for hyperswarm live beside the code that uses them
/// <reference path="../../../electron/net/hyperswarm.d.ts" />
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Hyperswarm from 'hyperswarm';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/host';
import { LanBeacon } from '../../../electron/net/mdns';
import { initCrypto, type DeviceIdentity, type SpaceId } from '../../../shared/crypto';
import { rotateKey } from '../../../shared/space';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import {
  DAY_MS,
  dayNumber,
  discoveryKeyOf,
  HOUR_MS,
  soughtSpaceKeys,
  spaceDiscoveryKey,
} from '../../../shared/sync/discovery';
import { createVault, type SpaceHandle, type Vault } from '../../../shared/vault';
import type { HostClient } from '../../../renderer/platform/host-client';
import { advertisedTags, soughtTags, topicsOf, type KeyedOwner } from '../../../renderer/sync/discovery-keys';
import { addOrganizer, removeOrganizer } from '../../../renderer/sync/organizers';
import type { SyncService } from '../../../renderer/sync/service';
import { fast, freshEnv } from '../../shared/vault/helpers';
import { startServiceOnHost } from './host-service';
import { spaceOfEditors, type TestDevice } from '../../shared/sync/peers';

jest.setTimeout(60_000);

beforeAll(() => initCrypto());

/** Five minutes into an hour: the previous hour's tag is still sought (clocks differ). */
const NOW = 1_800_000_000_000 - (1_800_000_000_000 % HOUR_MS) + 5 * 60_000;

const me = (d: TestDevice): DeviceIdentity => d.vault.deviceIdentity();

function keyed(space: SpaceId, keys: readonly Uint8Array[]): KeyedOwner[] {
  return keys.map((key) => ({ key, owner: { kind: 'space', space } }));
}

/** What a device advertises for the space: this hour's LAN tag and the Hyperswarm topic it joins. */
function advertises(d: TestDevice, h: SpaceHandle): { tag: string; topic: string } {
  const key = spaceDiscoveryKey(h, me(d))!;
  return { tag: advertisedTags(keyed(h.id, [key]), NOW)[0]!, topic: topicsOf(key, NOW)[0]! };
}

/** The LAN tags a device looks for now. */
function seeks(d: TestDevice, h: SpaceHandle): Set<string> {
  return new Set(soughtTags(keyed(h.id, soughtSpaceKeys(h, me(d))), NOW).keys());
}

/**
 * Every tag (this hour and both neighbours) and topic `d` can derive from any key of any epoch it
 * holds: more than it advertises or seeks, so "not in here" means "not computable with its keys".
 */
function computable(d: TestDevice, h: SpaceHandle): { tags: Set<string>; topics: Set<string> } {
  const tags = new Set<string>();
  const topics = new Set<string>();
  for (let epoch = 1; epoch <= h.access.currentEpoch(); epoch++) {
    for (const epochKey of h.access.epochKeys(epoch, me(d))) {
      const key = discoveryKeyOf(epochKey);
      for (const at of [NOW - HOUR_MS, NOW, NOW + HOUR_MS]) {
        tags.add(advertisedTags(keyed(h.id, [key]), at)[0]!);
        for (const topic of topicsOf(key, at)) topics.add(topic);
      }
    }
  }
  return { tags, topics };
}

/** Hands `to` the entries `from` holds that `to` lacks (as a sync session or a bundle would). */
async function catchUp(from: SpaceHandle, to: SpaceHandle): Promise<void> {
  const report = await to.receiveEntries(await from.entriesAfter(to.heads()));
  expect(report.rejected).toEqual([]);
}

describe('discovery keys follow the epochs', () => {
  test('after a removal, members advertise and join what the removed device cannot compute; a stale member is still found', async () => {
    const {
      space,
      devices: [admin, member, stale, removed],
      handles: [ha, hm, hs, hr],
    } = await spaceOfEditors(['admin', 'member', 'stale', 'removed']);

    // (3) Before any rotation, every member advertises the same tag and joins the same topic.
    const before = advertises(admin, ha);
    for (const [d, h] of [
      [member, hm],
      [stale, hs],
      [removed, hr],
    ] as const) {
      expect(advertises(d, h)).toEqual(before);
      expect(seeks(d, h).has(before.tag)).toBe(true);
    }
    expect(soughtSpaceKeys(ha, me(admin))).toHaveLength(1); // epoch 1 has no previous one

    // The admin removes `removed` (a new epoch, never sealed to it); `member` receives it, `stale` not yet.
    await removeOrganizer(admin.vault, space, removed.card.id);
    expect(ha.access.currentEpoch()).toBe(2);
    await catchUp(ha, hm);
    expect(hm.access.currentEpoch()).toBe(2);
    expect(hs.access.currentEpoch()).toBe(1);

    // (1) What the updated members advertise and join is nothing the removed device can derive,
    // neither from its own vault nor after it was handed the whole access log (its removal included).
    const now = advertises(admin, ha);
    expect(advertises(member, hm)).toEqual(now);
    expect(now.tag).not.toBe(before.tag);
    expect(now.topic).not.toBe(before.topic);
    const checkRemoved = () => {
      const reach = computable(removed, hr);
      expect(reach.tags.size).toBeGreaterThan(0); // it still holds epoch 1's key
      expect(reach.tags.has(now.tag)).toBe(false);
      expect(reach.topics.has(now.topic)).toBe(false);
      const own = advertises(removed, hr);
      expect(own).toEqual(before);
      expect(seeks(removed, hr).has(now.tag)).toBe(false);
    };
    checkRemoved();
    await hr.receiveEntries(await ha.entriesAfter(hr.heads()));
    expect(hr.access.currentEpoch()).toBe(2);
    expect(hr.access.epochKeys(2, me(removed))).toEqual([]);
    checkRemoved();

    // (2) The stale member still advertises epoch 1's tag; the updated members look for it too.
    expect(advertises(stale, hs)).toEqual(before);
    expect(seeks(member, hm).has(before.tag)).toBe(true);
    expect(seeks(admin, ha).has(before.tag)).toBe(true);
    expect(seeks(member, hm).has(now.tag)).toBe(true);
    expect(soughtSpaceKeys(hm, me(member))).toHaveLength(2); // current and previous epoch, no more
    // Once it has the rotation, it advertises the new tag like everyone else.
    await catchUp(ha, hs);
    expect(advertises(stale, hs)).toEqual(now);

    // The price of seeking the previous epoch: its tag is one the removed device knows. After
    // the next rotation nothing the members advertise or seek is computable by it any more.
    await ha.changeAccess((access, identity) => rotateKey(access, identity));
    await catchUp(ha, hm);
    expect(hm.access.currentEpoch()).toBe(3);
    const reach = computable(removed, hr);
    for (const [d, h] of [
      [admin, ha],
      [member, hm],
    ] as const) {
      expect(reach.tags.has(advertises(d, h).tag)).toBe(false);
      expect(reach.topics.has(advertises(d, h).topic)).toBe(false);
      expect([...seeks(d, h)].filter((t) => reach.tags.has(t))).toEqual([]);
      expect(seeks(d, h).has(now.tag)).toBe(true); // epoch 2, for members not yet at 3
    }
  });
});

// ------------------------------------------------------------------ the network layer

/** What every swarm made for the bridge did: the topics joined now, and a log of joins, leaves and swarms destroyed. */
class SwarmRecord {
  readonly joined = new Set<string>();
  readonly log: string[] = [];
  made = 0;
}

/** Hyperswarm's surface that SwarmTransport uses, recording joins and leaves instead of using a DHT. */
class RecordingSwarm extends EventEmitter {
  private readonly mine = new Set<string>();
  constructor(private readonly record: SwarmRecord) {
    super();
    record.made++;
  }
  join(topic: Uint8Array, options?: { server?: boolean; client?: boolean }) {
    const hex = Buffer.from(topic).toString('hex');
    this.mine.add(hex);
    this.record.joined.add(hex);
    this.record.log.push(`join ${hex} server=${options?.server} client=${options?.client}`);
    return { flushed: async () => undefined, refresh: async () => undefined, destroy: async () => undefined };
  }
  async leave(topic: Uint8Array): Promise<void> {
    const hex = Buffer.from(topic).toString('hex');
    this.mine.delete(hex);
    this.record.joined.delete(hex);
    this.record.log.push(`leave ${hex}`);
  }
  async destroy(): Promise<void> {
    for (const hex of this.mine) this.record.joined.delete(hex);
    this.mine.clear();
    this.record.log.push('destroy');
  }
}

describe('the network layer', () => {
  const mdns = { port: 40000 + Math.floor(Math.random() * 20000) };
  const swarm = new SwarmRecord();
  let host: BrowserHost;
  let root: string;
  let client: HostClient | undefined;
  let service: SyncService | undefined;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'discovery-epochs-'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
    host = await startBrowserHost({
      rendererRoot: root,
      network: { lanHost: '127.0.0.1', mdns, createSwarm: () => new RecordingSwarm(swarm) as unknown as Hyperswarm },
      logError: () => undefined,
    });
  });
  afterAll(async () => {
    service?.close();
    client?.close();
    await host.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Half past noon (UTC) today: one topic a day, mid-hour tags. */
  const SERVICE_NOW = dayNumber(Date.now()) * DAY_MS + 12 * HOUR_MS + 30 * 60_000;

  /** The renderer's sync service on the host, as the app starts it after unlock. */
  async function startService(vault: Vault): Promise<SyncService> {
    const started = await startServiceOnHost(host, vault, { now: () => SERVICE_NOW });
    client = started.client;
    return started.service;
  }

  async function until(check: () => boolean, what: string, between?: () => Promise<void>): Promise<void> {
    const start = Date.now();
    while (!check()) {
      if (Date.now() - start > 15_000) throw new Error(`not in time: ${what}`);
      await (between ? between() : new Promise((r) => setTimeout(r, 20)));
    }
  }

  test('a rotation arriving in a bundle moves the joined topic and the LAN tag to the new epoch', async () => {
    const admin = (await createVault(freshEnv(), 'passphrase of admin', fast)).vault;
    const member = (await createVault(freshEnv(), 'passphrase of member', fast)).vault;
    const removed = (await createVault(freshEnv(), 'passphrase of removed', fast)).vault;
    const space = await admin.createSpace('Eastside branch');
    const ha = await admin.openSpace(space);
    await addOrganizer(admin, space, member.device, 'editor');
    await addOrganizer(admin, space, removed.device, 'editor');
    await ha.flush();
    await importBundle(removed, await exportBundle(admin, ha, { to: removed.device }));
    const bundleFor = async (to: Vault) => ({
      name: 'b.sroster',
      bytes: await exportBundle(admin, ha, { to: to.device }),
    });
    const svc = (service = await startService(member));
    await svc.openFile(await bundleFor(member));
    await svc.answerBundle(true);
    const topicOfVault = async (v: Vault) =>
      topicsOf(spaceDiscoveryKey(await v.openSpace(space), v.deviceIdentity())!, SERVICE_NOW)[0]!;
    const first = await topicOfVault(admin);

    await until(() => svc.store.get().listening !== null, 'listening with the space tag');
    const portBefore = svc.store.get().listening!.port;
    await svc.setInternet(space, true);
    expect([...swarm.joined]).toEqual([first]);
    expect(swarm.log).toEqual([`join ${first} server=true client=true`]);

    // The admin removes a device; the rotation reaches the member as a bundle file.
    await removeOrganizer(admin, space, removed.device.id);
    await ha.flush();
    const second = await topicOfVault(admin);
    expect(second).not.toBe(first);
    await svc.openFile(await bundleFor(member));
    await svc.answerBundle(true);
    await until(() => swarm.joined.has(second) && !swarm.joined.has(first), 'the topic followed the rotation');
    // Joined first, then left: the space is never off the DHT in between. Each topic had a swarm (a key pair) of its own.
    expect(swarm.log.slice(1)).toEqual([`join ${second} server=true client=true`, `leave ${first}`, 'destroy']);
    expect(swarm.made).toBe(2);
    expect(svc.store.get().internet).toEqual([space]);

    // The removed device (given its bundle before the removal) still derives only the old topic.
    const removedSpace = await removed.openSpace(space);
    await removedSpace.receiveEntries(await ha.entriesAfter(removedSpace.heads()));
    expect(await topicOfVault(removed)).toBe(first);

    // On the LAN, the member's listener now answers the new epoch's tag, no longer the old one.
    const tagOf = async (v: Vault) => {
      const key = spaceDiscoveryKey(await v.openSpace(space), v.deviceIdentity())!;
      return advertisedTags([{ key, owner: { kind: 'space', space } }], SERVICE_NOW)[0]!;
    };
    const beacon = new LanBeacon(mdns);
    try {
      const [newTag, oldTag] = [await tagOf(admin), await tagOf(removed)];
      // The same listener, on the same port (an address handed out stays good), answers to the new tag only.
      let found: Awaited<ReturnType<LanBeacon['discover']>> = [];
      await until(
        () => found.some((p) => p.tags.includes(newTag)),
        'the listener answers to the new tag',
        async () => {
          found = await beacon.discover([newTag, oldTag], 600);
        },
      );
      expect(svc.store.get().listening?.port).toBe(portBefore);
      expect(found.filter((p) => p.port === portBefore).flatMap((p) => p.tags)).toEqual([newTag]);
      expect(found.some((p) => p.tags.includes(oldTag))).toBe(false);
    } finally {
      await beacon.close();
    }

    // Turning it off leaves the topic actually joined.
    await svc.setInternet(space, false);
    expect([...swarm.joined]).toEqual([]);
    expect(swarm.log.slice(-2)).toEqual([`leave ${second}`, 'destroy']);
  });
});
