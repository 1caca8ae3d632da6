/**
 * The app's vault gateway with its second copy (renderer/vault/engine.ts + backups.ts), in Node:
 * fake-indexeddb for the browser's store, and main's real backup service on real files, reached
 * through the real contract (buildApi → dispatch → zod → handlers), as the preload reaches it.
 * What the app starts on, restoring a lost store, bringing the store and the copy level, counting
 * wrong passphrases, erasing.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import * as Y from 'yjs';
import { createBackupService, type BackupService } from '../../../electron/backup/service';
import { dispatch } from '../../../electron/ipc/dispatch';
import { createHandlers } from '../../../electron/ipc/handlers';
import { initCrypto } from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { buildApi } from '../../../shared/ipc/build-api';
import type { InvokeChannelName } from '../../../shared/ipc/contract';
import type { IdbEnvironment, IdbFactory, IdbKeyRangeFactory } from '../../../shared/store/indexeddb-types';
import { engineGateway } from '../../../renderer/vault/engine';
import { RecordingBridge, trustedSender } from '../../electron/ipc-fixtures';

beforeAll(() => initCrypto());

let dir: string;
let service: BackupService;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-backups-'));
  service = createBackupService({
    dir,
    chooseFolder: async () => null,
    openBackupFile: async () => null,
    clearBrowserStorage: async () => false,
  });
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The platform API over main's real dispatch and handlers. */
function platformApi() {
  const handlers = createHandlers({
    appInfo: () => ({ name: 'n', version: 'v', electronVersion: 'e', platform: 'p', contractVersion: 3 }),
    files: { open: async () => null, save: async () => false },
    takePendingBundles: () => [],
    network: new RecordingBridge(),
    announce: (c) => ({ connectionId: 'c1', ...c.info }),
    backups: service,
    readyToClose: () => undefined,
  });
  return buildApi({
    invoke: (channel, payload) =>
      dispatch(channel as InvokeChannelName, payload, trustedSender, { handlers, isTrustedSender: () => true }),
    subscribe: () => () => undefined,
  });
}

function store(): IdbEnvironment {
  return {
    indexedDB: new IDBFactory() as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    name: 'sealed-roster',
  };
}

const options = { kdfCost: 'test' as const, batchDelayMs: 5 };
const PASSPHRASE = 'a long enough passphrase for tests';

async function withMembers(gateway: ReturnType<typeof engineGateway>, names: string[]): Promise<void> {
  const vault = await gateway.unlock(PASSPHRASE);
  const [space] = await vault.listSpaces();
  const doc = await vault.openSpace(space!.id);
  for (const name of names) {
    const member = new Y.Map<unknown>();
    member.set('firstName', name);
    doc.getMap('members').set(name, member);
  }
  await vault.flush();
  await vault.lock();
}

async function membersIn(gateway: ReturnType<typeof engineGateway>, passphrase = PASSPHRASE): Promise<string[]> {
  const vault = await gateway.unlock(passphrase);
  const [space] = await vault.listSpaces();
  const doc = await vault.openSpace(space!.id);
  const names = [...doc.getMap('members').keys()].sort();
  await vault.lock();
  return names;
}

async function newChapter(env: IdbEnvironment) {
  const gateway = engineGateway(env, options, platformApi());
  expect(await gateway.start()).toEqual({ stage: 'first-run' });
  const { vault } = await gateway.create(PASSPHRASE);
  await vault.createSpace('Chapter');
  await vault.lock();
  return gateway;
}

test('a store the browser lost is never a first run: the app restores it from the copy, with every saved change', async () => {
  const gateway = await newChapter(store());
  await withMembers(gateway, ['ana', 'bruno']);

  const lost = engineGateway(store(), options, platformApi()); // same computer, the browser's store gone
  const start = await lost.start();
  expect(start).toMatchObject({ stage: 'lost', reason: 'missing', backup: { skippedBases: 0, damaged: false } });
  const restored = await lost.restore('backup');
  expect(restored).toMatchObject({ source: 'backup', unreadable: 0 });
  expect(await lost.start()).toEqual({ stage: 'locked' });
  expect(await membersIn(lost)).toEqual(['ana', 'bruno']);
});

test('a copy that fell behind the store (a crash between the two writes) is brought level at start', async () => {
  const env = store();
  const gateway = await newChapter(env);
  await withMembers(gateway, ['ana']);
  // The copy loses its journal (as if main had died before writing the last frames, or the folder was emptied).
  await service.close();
  for (const name of readdirSync(dir)) if (name !== 'marker.json') rmSync(path.join(dir, name));

  const again = engineGateway(env, options, platformApi());
  expect(await again.start()).toEqual({ stage: 'locked' });
  // The new complete copy runs in the background: wait for it, then lose the store.
  const until = Date.now() + 10_000;
  while ((await service.status()).mirror.bases === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  const lost = engineGateway(store(), options, platformApi());
  await lost.start();
  await lost.restore('backup');
  expect(await membersIn(lost)).toEqual(['ana']);
});

test('wrong passphrases are counted by main; at the limit the vault is erased, store, copy and marker', async () => {
  const env = store();
  const gateway = await newChapter(env);
  const api = platformApi();
  await api.vault.setWipeAfter({ wipeAfter: 3 });
  for (const n of [1, 2]) {
    const error = await gateway.unlock(`wrong ${n}`).catch((e: unknown) => e);
    expect(isAppError(error, 'wrong-passphrase')).toBe(true);
    expect(await gateway.guard()).toEqual({ wipeAfter: 3, failures: n });
  }
  // A right one in between resets the count.
  await (await gateway.unlock(PASSPHRASE)).lock();
  expect(await gateway.guard()).toEqual({ wipeAfter: 3, failures: 0 });
  for (const n of [1, 2]) await gateway.unlock(`wrong ${n}`).catch(() => undefined);
  const last = await gateway
    .unlockWithRecoveryKey('0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000')
    .catch((e: unknown) => e);
  expect(isAppError(last, 'vault-erased')).toBe(true);
  expect(await gateway.start()).toEqual({ stage: 'first-run' });
  expect(readdirSync(dir).filter((n) => n !== 'journal-00000000.srm')).toEqual([]);
});

test('erasing deletes the store and the copy; the computer then starts as new', async () => {
  const env = store();
  const gateway = await newChapter(env);
  await withMembers(gateway, ['ana']);
  await gateway.erase();
  expect(await gateway.start()).toEqual({ stage: 'first-run' });
  // A new vault on the same computer works, with its own copy.
  const { vault } = await gateway.create(PASSPHRASE);
  await vault.lock();
  expect((await service.status()).vaultExisted).toBe(true);
});
