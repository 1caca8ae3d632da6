/**
 * A space some peer is sending: a real vault with one space, its SyncService (networking off), and
 * `announce`, which plays a peer's announcement of heads this device does not hold (the path a
 * session takes), so the space is "arriving". For screens that must not treat it as empty.
 */
import { act } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { SyncService } from '../../../renderer/sync/service';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { createVault } from '../../../shared/vault';

export async function arrivingSpace(name = 'Eastside') {
  await initCrypto();
  const { vault } = await createVault({ indexedDB: new IDBFactory(), IDBKeyRange }, 'passphrase of me', {
    kdfCost: 'test',
  });
  const service = await SyncService.start({ vault, api: null, onConnection: () => () => undefined });
  const spaceId = await vault.createSpace(name);
  const arrivals = (service as unknown as { arrivals: { peerHeads(s: SpaceId, h: unknown): Promise<void> } }).arrivals;
  /** A peer announces `entries` entries of an author this device holds none of. */
  const announce = (entries: number) =>
    act(() => arrivals.peerHeads(spaceId, { access: [], content: [{ author: 'dev-admin', seq: entries }] }));
  return { service, spaceId, announce };
}
