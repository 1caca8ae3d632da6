/**
 * Argon2id off the UI thread (renderer/vault/kdf*.ts): the worker's message
 * handler gives the same key as shared/vault's passphraseKey (and an error
 * code, not a throw, on bad parameters); the gateway creates and unlocks
 * through it, and a wrong passphrase is still refused with the vault intact.
 * In Node there is no Worker, so deriveOffThread takes its in-thread path;
 * the worker itself runs in Chromium (the e2e vault tests use the production build).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { initCrypto, newKdfParams, type KdfParams } from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import type { IdbEnvironment, IdbFactory, IdbKeyRangeFactory } from '../../../shared/store/indexeddb-types';
import { passphraseKey, readKdfParams } from '../../../shared/vault';
import { engineGateway } from '../../../renderer/vault/engine';
import { deriveOffThread, warmKdfWorker } from '../../../renderer/vault/kdf';
import type { KdfReply, KdfRequest } from '../../../renderer/vault/kdf-protocol';

beforeAll(() => initCrypto());

function environment(name: string): IdbEnvironment {
  return {
    indexedDB: new IDBFactory() as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    name,
  };
}

/** Loads the worker module against a stand-in for its global scope (Node has none) and returns request → reply. */
function loadWorker(): (request: KdfRequest) => Promise<KdfReply> {
  let listener: ((e: { data: KdfRequest }) => void) | undefined;
  let reply: ((r: KdfReply) => void) | undefined;
  const scope = globalThis as unknown as Record<string, unknown>;
  scope.addEventListener = (_type: string, l: typeof listener) => (listener = l);
  scope.postMessage = (r: KdfReply) => reply?.(r);
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after its global scope is in place
    require('../../../renderer/vault/kdf-worker');
  });
  return (request) =>
    new Promise((resolve) => {
      reply = resolve;
      listener!({ data: request });
    });
}

afterAll(() => {
  const scope = globalThis as unknown as Record<string, unknown>;
  delete scope.addEventListener;
  delete scope.postMessage;
});

test('the worker derives exactly passphraseKey', async () => {
  const ask = loadWorker();
  const kdf = newKdfParams('test');
  const reply = await ask({ passphrase: 'violet tractor harbor', kdf });
  expect('key' in reply && Array.from(reply.key)).toEqual(Array.from(passphraseKey('violet tractor harbor', kdf)));
  const other = await ask({ passphrase: 'violet tractor harbour', kdf });
  expect('key' in other && Array.from(other.key)).not.toEqual('key' in reply && Array.from(reply.key));
});

test('the worker answers an error code for parameters it cannot use', async () => {
  const ask = loadWorker();
  const bad = { ...newKdfParams('test'), algorithm: 'scrypt' } as unknown as KdfParams;
  expect(await ask({ passphrase: 'x', kdf: bad })).toEqual({ error: 'vault-corrupt' });
});

test('without Worker support the key is derived in-thread, the same key', async () => {
  warmKdfWorker();
  const kdf = newKdfParams('test');
  expect(Array.from(await deriveOffThread('a passphrase', kdf))).toEqual(
    Array.from(passphraseKey('a passphrase', kdf)),
  );
});

test('create and unlock go through it; a wrong passphrase is refused and changes nothing', async () => {
  const env = environment('kdf-gateway');
  const gateway = engineGateway(env, { kdfCost: 'test' });
  expect(await gateway.start()).toEqual({ stage: 'first-run' });
  const { vault } = await gateway.create('a long enough passphrase');
  const space = await vault.createSpace('Chapter');
  await vault.lock();
  const kdf = await readKdfParams(env);

  const refused = await gateway.unlock('a wrong passphrase').catch((e: unknown) => e);
  expect(isAppError(refused, 'wrong-passphrase')).toBe(true);
  expect(await readKdfParams(env)).toEqual(kdf);

  const again = await gateway.unlock('a long enough passphrase');
  expect(await again.listSpaces()).toEqual([space]);
  await again.lock();
  const twice = await gateway.create('another passphrase').catch((e: unknown) => e);
  expect(isAppError(twice, 'vault-exists')).toBe(true);
});
