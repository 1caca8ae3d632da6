/** Each part of the sync state has one writer (renderer/sync/store.ts, ARCHITECTURE.md "Sync in the renderer"). */
import { initCrypto } from '../../../shared/crypto';
import { createVault } from '../../../shared/vault';
import { SyncService, STATE_OWNERS } from '../../../renderer/sync/service';
import { INITIAL_STATE, type SyncState } from '../../../renderer/sync/state';
import { Store } from '../../../renderer/sync/store';
import { fast, freshEnv } from '../../shared/vault/helpers';

beforeAll(() => initCrypto());

test('a key has one owner: claiming it again throws, and a part cannot write a key it did not claim', () => {
  const store = new Store<{ a: number; b: number }>({ a: 1, b: 2 });
  const first = store.claim('first', ['a']);
  expect(() => store.claim('second', ['b', 'a'])).toThrow('a is written by first already, not by second');
  expect(store.ownerOf('b')).toBeUndefined(); // the refused claim took nothing
  const second = store.claim('second', ['b']);
  expect(() => (first.set as (v: object) => void)({ b: 5 })).toThrow('first does not write b');
  second.set({ b: 5 });
  expect(store.get()).toEqual({ a: 1, b: 5 });
});

test('a write that changes nothing keeps the snapshot and tells no one', () => {
  const store = new Store({ a: 1 });
  const part = store.claim('owner', ['a']);
  let told = 0;
  store.subscribe(() => told++);
  const before = store.get();
  part.set({ a: 1 });
  expect(store.get()).toBe(before);
  expect(told).toBe(0);
  part.update(({ a }) => ({ a: a + 1 }));
  expect(store.get()).toEqual({ a: 2 });
  expect(told).toBe(1);
});

test("every key of the service's state is claimed by its one owner, and readers get no writer", async () => {
  const { vault } = await createVault(freshEnv(), 'passphrase of owners', fast);
  const service = await SyncService.start({ vault, api: null, onConnection: () => () => undefined });
  try {
    for (const key of Object.keys(INITIAL_STATE) as (keyof SyncState)[]) {
      expect([key, service.store.ownerOf(key)]).toEqual([key, STATE_OWNERS[key]]);
    }
    // @ts-expect-error the service hands out a read-only store: parts are written by their owners only
    expect(service.store.update).toBeUndefined();
    // @ts-expect-error nor can a reader claim a part (typecheck fails if ReadonlyStore ever offers `claim`)
    void service.store.claim;
  } finally {
    service.close();
  }
});
