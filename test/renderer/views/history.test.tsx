/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The history screen on a real vault (fake-indexeddb, libsodium): it lists every signed change, and
 * after one more edit it decrypts only the new entry, not the whole log again.
 */
import { screen, waitFor } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { initCrypto } from '../../../shared/crypto';
import { SpaceData } from '../../../shared/model';
import { SpaceAccess } from '../../../shared/space';
import type { IdbEnvironment, IdbFactory, IdbKeyRangeFactory } from '../../../shared/store/indexeddb-types';
import { engineGateway } from '../../../renderer/vault/engine';
import { History } from '../../../renderer/views/history/History';
import { renderView } from './render-view';

beforeAll(() => initCrypto());

function environment(): IdbEnvironment {
  return {
    indexedDB: new IDBFactory() as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    name: 'history-view-test',
  };
}

const shownCount = async () => Number((await screen.findByTestId('history-count')).getAttribute('data-count'));

test('after one more edit the history decrypts only the new entry and shows it', async () => {
  const { vault } = await engineGateway(environment(), { kdfCost: 'test', batchDelayMs: 5 }).create(
    'a long enough passphrase',
  );
  const { id: spaceId } = await vault.createSpace('Chapter');
  const data = new SpaceData(await vault.openSpace(spaceId), 'dev-A');
  for (const name of ['Ana', 'Bo', 'Cy']) {
    data.members.create({ firstName: name, lastName: 'Ruiz' });
    await vault.flush();
  }
  const opened = jest.spyOn(SpaceAccess.prototype, 'openContent');
  await renderView(data, <History vault={vault} />, 'en', spaceId);
  await waitFor(async () => expect(await shownCount()).toBe(3));
  expect(opened).toHaveBeenCalledTimes(3);

  opened.mockClear();
  data.members.create({ firstName: 'Di', lastName: 'Ruiz' });
  await vault.flush();
  await waitFor(async () => expect(await shownCount()).toBe(4));
  expect(opened).toHaveBeenCalledTimes(1);
  await vault.lock();
});

test('history says plainly where compacted history begins, in both languages; uncompacted history says nothing', async () => {
  const { vault } = await engineGateway(environment(), { kdfCost: 'test', batchDelayMs: 5 }).create(
    'a long enough passphrase',
  );
  const { id: spaceId } = await vault.createSpace('Chapter');
  const data = new SpaceData(await vault.openSpace(spaceId), 'dev-A');
  data.members.create({ firstName: 'Ana', lastName: 'Ruiz' });
  await vault.flush();
  const view = await renderView(data, <History vault={vault} />, 'en', spaceId);
  await waitFor(async () => expect(await shownCount()).toBe(1));
  expect(screen.queryByTestId('history-compacted')).toBeNull();

  // What retention does once a note expired (renderer/vault/retention.ts): compact the space.
  const handle = await vault.engine!.openSpace(spaceId as never);
  await handle.compact();
  const notice = await screen.findByTestId('history-compacted');
  expect(notice.textContent).toMatch(/^Earlier changes were compacted on .+ to remove expired notes/);
  // The entries it covers are gone from this computer, so none is listed.
  await waitFor(() => expect(screen.queryByTestId('history-count')).toBeNull());
  expect(screen.queryByText('No changes yet.')).toBeNull();

  data.members.create({ firstName: 'Bo', lastName: 'Ruiz' });
  await vault.flush();
  await waitFor(async () => expect(await shownCount()).toBe(1));
  view.unmount();

  await renderView(data, <History vault={vault} />, 'es', spaceId);
  expect((await screen.findByTestId('history-compacted')).textContent).toMatch(
    /^Los cambios anteriores se compactaron el .+ para eliminar las notas vencidas/,
  );
  await vault.lock();
});
