// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient module types for hyperswarm live beside the code that uses them
/// <reference path="../../../electron/net/hyperswarm.d.ts" />
/**
 * "Sync over the internet" end to end in Node, on a local HyperDHT testnet (never the public DHT):
 * two browser hosts whose bridges make their Hyperswarm on testnet nodes, each driven by the
 * renderer's host client and sync service over real vaults. Their mDNS ports differ and nobody
 * looks nearby, so the only way the devices can meet is the space's topic on the DHT.
 */
import createTestnet from 'hyperdht/testnet';
import Hyperswarm from 'hyperswarm';
import * as Y from 'yjs';
import { exportBundle } from '../../../shared/sync/bundle';
import { createVault } from '../../../shared/vault';
import { addOrganizer } from '../../../renderer/sync/organizers';
import { fast, freshEnv } from '../../shared/vault/helpers';
import { memberNames, until, useBrowserHosts } from './host-service';

jest.setTimeout(90_000);

let testnet: Awaited<ReturnType<typeof createTestnet>>;
beforeAll(async () => {
  testnet = await createTestnet(3);
});
// Each host makes its Hyperswarm on the testnet; the hosts close before it does.
const { hosts, start: startService } = useBrowserHosts(2, () => ({
  network: {
    lanHost: '127.0.0.1',
    mdns: { port: 40000 + Math.floor(Math.random() * 20000) },
    createSwarm: () => new Hyperswarm({ dht: testnet.createNode() }),
  },
  logError: () => undefined,
}));
afterAll(async () => {
  await testnet.destroy();
});

/** A DHT can be slow to find a topic under load. */
const WAIT_MS = 60_000;

function addMember(doc: Y.Doc, id: string, name: string): void {
  const m = new Y.Map<unknown>();
  m.set('name', name);
  doc.getMap('members').set(id, m);
}

test('two devices that cannot meet on the LAN sync a space over its Hyperswarm topic; the choice is remembered', async () => {
  const admin = (await createVault(freshEnv(), 'passphrase of admin', fast)).vault;
  const other = (await createVault(freshEnv(), 'passphrase of other', fast)).vault;
  const space = await admin.createSpace('Eastside branch');
  const handle = await admin.openSpace(space);
  handle.doc.transact(() => addMember(handle.doc, 'rosa', 'Rosa Parks'));
  await handle.flush();
  // The other device holds the space already (a bundle): what it lacks must come over the DHT.
  await addOrganizer(admin, space, other.device, 'editor');
  const a = await startService(hosts[0]!, admin);
  const b = await startService(hosts[1]!, other);
  await b.openFile({ name: 'b.sroster', bytes: await exportBundle(admin, handle, { to: other.device }) });
  await b.answerBundle(true); // the person says yes to it
  handle.doc.transact(() => addMember(handle.doc, 'ella', 'Ella Baker'));
  await handle.flush();
  expect(await memberNames(other, space)).toEqual(['Rosa Parks']);

  await Promise.all([a.setInternet(space, true), b.setInternet(space, true)]);
  expect(a.store.get().internet).toEqual([space]);
  await until(
    async () => (await memberNames(other, space)).includes('Ella Baker'),
    'the edit arrived over the DHT',
    WAIT_MS,
  );
  const session = b.store.get().sessions.find((s) => s.status === 'syncing');
  expect(session).toMatchObject({ transport: 'hyperswarm', peer: admin.device.id, spaces: [space] });
  expect(a.store.get().sessions.every((s) => s.transport === 'hyperswarm')).toBe(true);

  // Live: an edit on the other device reaches the admin over the same session.
  const theirs = await other.openSpace(space);
  theirs.doc.transact(() => addMember(theirs.doc, 'fannie', 'Fannie Lou Hamer'));
  await until(async () => (await memberNames(admin, space)).includes('Fannie Lou Hamer'), 'the reply arrived', WAIT_MS);

  // The choice is saved in the vault: a service started after the next unlock joins the topic again.
  b.close();
  const again = await startService(hosts[1]!, other);
  expect(again.store.get().internet).toEqual([space]);
  await until(
    () => again.store.get().sessions.some((s) => s.status === 'syncing' && s.transport === 'hyperswarm'),
    'rejoined after restart',
    WAIT_MS,
  );
  await again.setInternet(space, false);
  expect(again.store.get().internet).toEqual([]);
});
