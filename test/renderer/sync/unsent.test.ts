/**
 * The count of this device's changes not yet received by each other organizer (renderer/sync/unsent.ts):
 * real vaults (fake-indexeddb), the real SyncService on each side, and real replication between them
 * over two connection ports joined the way main joins two sockets (data and ends only).
 */
import type { DeviceId, SpaceId } from '../../../shared/crypto';
import type { PortMessage } from '../../../shared/ipc/contract';
import { unlockVault } from '../../../shared/vault';
import type { IncomingConnection } from '../../../renderer/platform/connections';
import { removeOrganizer } from '../../../renderer/sync/organizers';
import { readSaved } from '../../../renderer/sync/saved';
import { SyncService } from '../../../renderer/sync/service';
import type { UnsentChanges } from '../../../renderer/sync/state';
import { Store } from '../../../renderer/sync/store';
import { INITIAL_STATE, type SyncState } from '../../../renderer/sync/state';
import { Unsent } from '../../../renderer/sync/unsent';
import { utf8Encode } from '../../../shared/crypto';
import { addByBundle, makeDevice, newSpace, setField, type TestDevice } from '../../shared/sync/peers';
import { fast } from '../../shared/vault/helpers';
import { until } from './host-service';

interface Running {
  readonly service: SyncService;
  /** Hands the service a connection, as the platform announces one. */
  readonly connect: (connection: IncomingConnection) => void;
}

const services: SyncService[] = [];
const ports: MessagePort[] = [];
afterEach(() => {
  services.splice(0).forEach((s) => s.close());
  ports.splice(0).forEach((p) => p.close());
});

async function run(vault: TestDevice['vault']): Promise<Running> {
  let listener: ((c: IncomingConnection) => void) | undefined;
  const service = await SyncService.start({
    vault,
    api: null,
    onConnection: (l) => {
      listener = l;
      return () => (listener = undefined);
    },
  });
  services.push(service);
  service.countUnsent(); // as the sync panel asks when it is shown
  return { service, connect: (c) => listener?.(c) };
}

const pair = (): [MessagePort, MessagePort] => {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1 as unknown as MessagePort, port2 as unknown as MessagePort);
  return [port1 as unknown as MessagePort, port2 as unknown as MessagePort];
};

/** Connects two services as main joins two ends of a socket; `cut()` ends the connection under both. */
function link(a: Running, b: Running): { cut: () => void } {
  const [toA, mainA] = pair();
  const [toB, mainB] = pair();
  const relay = (from: MessagePort, to: MessagePort) => {
    from.onmessage = (e: MessageEvent<PortMessage>) => {
      if (e.data.type === 'data' || e.data.type === 'end') to.postMessage(e.data);
    };
  };
  relay(mainA, mainB);
  relay(mainB, mainA);
  a.connect({ meta: { connectionId: 'ab', transport: 'hyperswarm', direction: 'outbound' }, port: toA });
  b.connect({ meta: { connectionId: 'ba', transport: 'hyperswarm', direction: 'inbound' }, port: toB });
  return {
    cut: () => {
      const end: PortMessage = { type: 'end' };
      mainA.postMessage(end);
      mainB.postMessage(end);
    },
  };
}

const lineFor = (service: SyncService, space: SpaceId, device: DeviceId): UnsentChanges | undefined =>
  service.store.get().unsent.find((u) => u.space === space && u.device === device);

/** This device's own entries in both logs of the space. */
async function ownEntries(d: TestDevice, space: SpaceId): Promise<number> {
  const heads = (await d.vault.openSpace(space)).heads();
  const seq = (log: 'access' | 'content') => heads[log].find((h) => h.author === d.card.id)?.seq ?? 0;
  return seq('access') + seq('content');
}

async function edit(d: TestDevice, space: SpaceId, member: string, name: string): Promise<void> {
  const handle = await d.vault.openSpace(space);
  setField(handle, member, 'name', name);
  await handle.flush();
}

test('an edit counts until the other organizer holds it, again while apart, and the count survives lock and unlock', async () => {
  const [a, b] = [await makeDevice('a'), await makeDevice('b')];
  const space = await newSpace(a);
  await addByBundle(a, space, b, 'editor');
  let sa = await run(a.vault);
  const sb = await run(b.vault);

  // b never synced with a: every change of a's (the space's creation, b's addition) waits for that first sync.
  await until(() => lineFor(sa.service, space, b.card.id) !== undefined, "b's line at a");
  await edit(a, space, 'm1', 'Ella Baker');
  const written = await ownEntries(a, space);
  expect(written).toBeGreaterThanOrEqual(3);
  await until(() => lineFor(sa.service, space, b.card.id)?.count === written, 'the edit counted');
  expect(lineFor(sa.service, space, b.card.id)).toEqual({ space, device: b.card.id, count: written, synced: false });

  const connection = link(sa, sb);
  await until(() => lineFor(sa.service, space, b.card.id)?.count === 0, 'b holds everything of a');
  expect(lineFor(sa.service, space, b.card.id)?.synced).toBe(true);
  // b wrote nothing of its own: a holds all of it.
  await until(() => lineFor(sb.service, space, a.card.id)?.synced === true, 'a holds everything of b');
  expect(lineFor(sb.service, space, a.card.id)?.count).toBe(0);

  // Live: an edit while connected reaches b, and b's acknowledgement brings the count back to 0.
  await edit(a, space, 'm2', 'Bayard Rustin');
  await until(
    async () => lineFor(sa.service, space, b.card.id)?.count === 0 && (await ownEntries(a, space)) > written,
    'the live edit acknowledged',
  );
  expect((await b.vault.openSpace(space)).doc.getMap('members').has('m2')).toBe(true);

  connection.cut();
  await until(() => sa.service.store.get().sessions.every((s) => s.status === 'ended'), 'the session ended');
  await edit(a, space, 'm3', 'Septima Clark');
  await until(() => lineFor(sa.service, space, b.card.id)?.count === 1, 'the edit apart counted');

  // Lock and unlock: the count is read back, not reset to 0 nor to "never synced".
  const heldOfA = a.vault.holdings.of(space, b.card.id).get(a.card.id);
  sa.service.close();
  a.peer.close();
  await a.vault.lock();
  const again = await unlockVault(a.env, 'passphrase of a', fast);
  sa = await run(again);
  await until(() => lineFor(sa.service, space, b.card.id) !== undefined, "b's line after unlock");
  expect(lineFor(sa.service, space, b.card.id)).toEqual({ space, device: b.card.id, count: 1, synced: true });
  // And what b holds of every author's content, which compaction keeps entries for (peer-holdings.ts).
  expect(again.holdings.of(space, b.card.id).get(a.card.id)).toBe(heldOfA);
  expect(heldOfA).toBeGreaterThan(0);

  // Synced again: 0, and saved as 0.
  link(sa, sb);
  await until(() => lineFor(sa.service, space, b.card.id)?.count === 0, 'synced again');
  const content = (await again.openSpace(space)).heads().content.find((h) => h.author === a.card.id)!.seq;
  await until(async () => (await readSaved(again)).acknowledged[space]?.[b.card.id]?.content === content, 'saved as 0');
});

test('a removed organizer no longer counts, and the removed device counts nothing for that space', async () => {
  const [a, b, c] = [await makeDevice('a'), await makeDevice('b'), await makeDevice('c')];
  const space = await newSpace(a);
  await addByBundle(a, space, b, 'editor');
  await addByBundle(a, space, c, 'editor');
  const [sa, sc] = [await run(a.vault), await run(c.vault)];
  await edit(c, space, 'm1', 'Fannie Lou Hamer'); // c has a change of its own for a and b
  await until(
    () => lineFor(sa.service, space, b.card.id) !== undefined && !!lineFor(sa.service, space, c.card.id),
    "b's and c's lines at a",
  );
  await until(() => lineFor(sc.service, space, a.card.id)?.count === 1, "c's change counted for a");
  // While a and c are connected, a removes c: c is told in the session.
  link(sa, sc);
  await until(() => lineFor(sc.service, space, a.card.id)?.count === 0, "a received c's change");
  await removeOrganizer(a.vault, space, c.card.id);
  await until(() => lineFor(sa.service, space, c.card.id) === undefined, "c's line gone at a");
  expect(sa.service.store.get().unsent.map((u) => u.device)).toEqual([b.card.id]);
  // c's change never reached b, and never will: c counts nothing for a space it was removed from.
  await until(() => sc.service.store.get().unsent.length === 0, 'nothing counted at c');
  expect((await c.vault.openSpace(space)).access.roleOf(c.card.id)).toBeUndefined();
});

test('a peer claiming to hold more of this device than it wrote does not hide the changes that follow', async () => {
  const a = await makeDevice('a');
  const space = await newSpace(a);
  const b = await makeDevice('b');
  await addByBundle(a, space, b, 'editor');
  const store = new Store<SyncState>(INITIAL_STATE);
  let saves = 0;
  const unsent = new Unsent({ store, vault: a.vault, onAcknowledged: () => saves++ });
  await unsent.start();
  const count = () => store.get().unsent.find((u) => u.device === b.card.id)?.count;
  expect(count()).toBe(await ownEntries(a, space));
  // What a hostile member's heads (or acknowledgements) would say: far ahead of a's own chains.
  const far = new Map([[a.card.id, 1_000_000]]);
  const handle = await a.vault.openSpace(space);
  handle.peerHolds(b.card.id, far, far); // as replication tells the space's handle
  expect(count()).toBe(0);
  expect(saves).toBe(1);
  await edit(a, space, 'm1', 'Ella Baker');
  await until(() => count() === 1, 'the edit after the claim counted');
  // Its next heads replace what it claimed (a new session says what it holds now).
  handle.peerHolds(b.card.id, new Map(), new Map());
  expect(count()).toBe(await ownEntries(a, space));
  expect(saves).toBe(2);
  unsent.close();
});

test('a saved record with malformed counts is read as never acknowledged, the rest kept', async () => {
  const a = await makeDevice('a');
  const good = { access: 2, content: 5 };
  const record = {
    v: 3,
    lastSynced: {},
    internet: [],
    acknowledged: { s1: { d1: good, d2: { access: -1, content: 1 }, d3: { access: 1 } }, s2: 'nonsense' },
    holdings: { s1: { d1: { d1: 5, d2: -1, d3: 1.5, d4: 'x' }, d2: 'nonsense' }, s2: 7 },
  };
  await a.vault.putPrivate('sync:saved', utf8Encode(JSON.stringify(record)));
  expect((await readSaved(a.vault)).acknowledged).toEqual({ s1: { d1: good } });
  expect((await readSaved(a.vault)).holdings).toEqual({ s1: { d1: { d1: 5 } } });
  // A record of an earlier version (no `acknowledged`, no `holdings`) keeps its other fields.
  await a.vault.putPrivate('sync:saved', utf8Encode(JSON.stringify({ lastSynced: { d1: 5 }, internet: [] })));
  expect(await readSaved(a.vault)).toEqual({ lastSynced: { d1: 5 }, internet: [], acknowledged: {}, holdings: {} });
});

test('unlocking with networking off opens no space to count; the sync panel asking does, once', async () => {
  const a = await makeDevice('a');
  const space = await newSpace(a);
  const b = await makeDevice('b');
  await addByBundle(a, space, b, 'editor');
  const opened: SpaceId[] = [];
  const openSpace = a.vault.openSpace.bind(a.vault);
  a.vault.openSpace = (id) => {
    opened.push(id);
    return openSpace(id);
  };
  const service = await SyncService.start({ vault: a.vault, api: null, onConnection: () => () => undefined });
  services.push(service);
  // What the old start did without being asked (list the spaces, open each) has had every chance to run.
  await a.vault.listSpaces();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(opened).toEqual([]);
  expect(service.store.get()).toMatchObject({ unsent: [], unsentCounted: false });

  service.countUnsent();
  service.countUnsent();
  await until(() => service.store.get().unsentCounted, 'counted');
  expect(opened).toEqual([space]);
  expect(lineFor(service, space, b.card.id)).toEqual({
    space,
    device: b.card.id,
    count: await ownEntries(a, space),
    synced: false,
  });
});
