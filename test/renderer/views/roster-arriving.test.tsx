/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * A newcomer who opens a space still arriving from a peer sees it arriving, with its progress, on the
 * roster: not "No members yet… create a sample chapter", which would invite writing a made-up chapter
 * into the shared space.
 */
import { act, screen } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Roster } from '../../../renderer/views/roster/Roster';
import { ProvideSync } from '../../../renderer/sync/context';
import { SyncService } from '../../../renderer/sync/service';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { createVault } from '../../../shared/vault';
import { renderView, space } from './render-view';

test('the roster of a space still arriving shows its progress, not the empty roster’s advice', async () => {
  await initCrypto();
  const { vault } = await createVault({ indexedDB: new IDBFactory(), IDBKeyRange }, 'passphrase of me', {
    kdfCost: 'test',
  });
  const service = await SyncService.start({ vault, api: null, onConnection: () => () => undefined });
  const spaceId = await vault.createSpace('Eastside');
  const view = (lng: string) =>
    renderView(
      space('dev-me'),
      <ProvideSync service={service}>
        <Roster />
      </ProvideSync>,
      lng,
      spaceId,
    );
  try {
    const { unmount } = await view('en');
    expect(screen.getByText(/No members yet/)).toBeTruthy();
    const arrivals = (service as unknown as { arrivals: { peerHeads(s: SpaceId, h: unknown): Promise<void> } })
      .arrivals;
    await act(() => arrivals.peerHeads(spaceId, { access: [], content: [{ author: 'dev-admin', seq: 116 }] }));
    expect(await screen.findByText(/still arriving from another organizer/)).toBeTruthy();
    expect(screen.queryByText(/No members yet/)).toBeNull();
    expect(screen.getByRole('progressbar', { name: 'Receiving the space: changes 0 of 116' })).toBeTruthy();
    unmount();
    await view('es');
    expect(screen.getByText(/todavía está llegando/)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Recibiendo el espacio: cambios 0 de 116' })).toBeTruthy();
  } finally {
    service.close();
  }
});
