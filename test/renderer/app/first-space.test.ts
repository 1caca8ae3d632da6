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

test('two calls at once (an effect run twice) make exactly one first space', async () => {
  const { vault } = await engineGateway(environment(), { kdfCost: 'test' }).create('a long enough passphrase');
  const [a, b] = await Promise.all([spacesOrFirstSpace(vault, 'My chapter'), spacesOrFirstSpace(vault, 'My chapter')]);
  expect(a).toHaveLength(1);
  expect(b).toEqual(a);
  expect(await vault.listSpaces()).toHaveLength(1);
  // Later calls list what is there and create nothing.
  await vault.createSpace('Housing working group');
  expect((await spacesOrFirstSpace(vault, 'My chapter')).map((s) => s.name).sort()).toEqual([
    'Housing working group',
    'My chapter',
  ]);
  await vault.lock();
});
