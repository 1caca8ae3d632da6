/**
 * Reads that compare the store with the manifest (SECURITY.md "At rest") while a write is under
 * way. A write is on disk in IndexedDB before it is done (its frame still travels to the second
 * copy in main), and the vault's manifest in memory moves on only then: a read in that window saw a
 * record the manifest did not name yet and told the organizer that someone had put a space on the
 * computer (every new vault in the end-to-end flows showed it). A real vault on fake-indexeddb, with
 * a second copy that answers slowly, as main does over IPC.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { initCrypto } from '../../../shared/crypto';
import type { MirrorFrame } from '../../../shared/store/mirror';
import { MirrorWriter } from '../../../shared/store/mirror-writer';
import type { IdbEnvironment, IdbFactory, IdbKeyRangeFactory } from '../../../shared/store/indexeddb-types';
import { createVault } from '../../../shared/vault';
import { fast } from '../vault/helpers';

beforeAll(() => initCrypto());

/** A copy that takes a while to say each append is safe. */
function slowCopy(): MirrorWriter {
  const target = {
    append: async (_frames: MirrorFrame[]) => {
      await new Promise((r) => setTimeout(r, 30));
      return null;
    },
  };
  return new MirrorWriter(target, { maxBytes: 64 * 1024 * 1024, maxFrames: 1000 });
}

function env(): IdbEnvironment {
  return {
    indexedDB: new IDBFactory() as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    mirror: slowCopy(),
  };
}

test('spaces listed while a space is being created: no tamper finding, and a listing the manifest stands by', async () => {
  const { vault } = await createVault(env(), 'pass', fast);
  const creating = vault.createSpace('Eastside');
  const listings = await Promise.all(
    Array.from({ length: 20 }, (_, i) => new Promise((r) => setTimeout(r, i * 3)).then(() => vault.listSpaces())),
  );
  const space = await creating;
  expect(vault.tampering).toEqual([]);
  expect(vault.problems).toEqual([]);
  for (const listing of listings) expect(listing.map((s) => s.id)).toEqual(listing.length ? [space] : []);
  expect((await vault.listSpaces()).map((s) => s.id)).toEqual([space]);
});

test('a private record read while it is being rewritten: no tamper finding, the old or the new value', async () => {
  const { vault } = await createVault(env(), 'pass', fast);
  await vault.putPrivate('sync/settings', new Uint8Array([1]));
  const writing = vault.putPrivate('sync/settings', new Uint8Array([2]));
  const reads = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 3)).then(() => vault.getPrivate('sync/settings')),
    ),
  );
  await writing;
  expect(vault.tampering).toEqual([]);
  expect(vault.problems).toEqual([]);
  for (const read of reads) expect([1, 2]).toContain(read?.[0]);
});
