import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { initCrypto } from '../../../shared/crypto';
import type { IdbEnvironment, IdbFactory, IdbKeyRangeFactory } from '../../../shared/store/indexeddb-types';
import { spacesOrFirstSpace } from '../../../renderer/app/first-space';
import { engineGateway } from '../../../renderer/vault/engine';

beforeAll(() => initCrypto());

function environment(): IdbEnvironment {
  return {
    indexedDB: new IDBFactory() as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    name: 'first-space-test',
  };
}

test('two calls at once (an effect run twice) make exactly one first space, unnamed', async () => {
  const { vault } = await engineGateway(environment(), { kdfCost: 'test' }).create('a long enough passphrase');
  const [a, b] = await Promise.all([spacesOrFirstSpace(vault), spacesOrFirstSpace(vault)]);
  expect(a).toHaveLength(1);
  expect(b).toEqual(a);
  expect(await vault.listSpaces()).toHaveLength(1);
  // Later calls list what is there and create nothing.
  await vault.createSpace('Housing working group');
  expect((await spacesOrFirstSpace(vault)).map((s) => s.name).sort()).toEqual([
    '', // the first space has no name: each device shows it in its own language
    'Housing working group',
  ]);
  await vault.lock();
});
