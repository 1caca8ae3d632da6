/**
 * A write of this device's own changes fails (the disk is full): the changes
 * stay in the document and in memory, the space says so (SaveState), and
 * they are written once the disk takes writes again — nothing typed is lost.
 * The failure is injected into fake-indexeddb (a real IndexedDB
 * implementation): its readwrite transactions throw QuotaExceededError
 * while `diskFull` is set, as a full disk makes a browser's do.
 */
import { IDBDatabase } from 'fake-indexeddb';
import { initCrypto } from '../../../shared/crypto';
import { createVault, unlockVault, type SaveState } from '../../../shared/vault';
import { until } from '../sync/helpers';
import { fast, freshEnv, membersJson, writeMembers } from './helpers';

beforeAll(() => initCrypto());

let diskFull = false;
const realTransaction = IDBDatabase.prototype.transaction;
beforeEach(() => {
  diskFull = false;
  jest.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    if (diskFull && args[1] === 'readwrite') throw new DOMException('The disk is full', 'QuotaExceededError');
    return realTransaction.apply(this, args);
  });
});
afterEach(() => jest.restoreAllMocks());

async function setup() {
  const env = freshEnv();
  const { vault } = await createVault(env, 'pass', { ...fast, saveRetryMs: 50 });
  const space = await vault.createSpace('Chapter');
  const handle = await vault.openSpace(space);
  writeMembers(handle.doc, 2, 'Before');
  await handle.flush();
  const states: SaveState[] = [];
  vault.onSaveState((s) => states.push(s));
  return { env, vault, space, handle, states };
}

test('an edit is announced as unsaved at once, and as saved once it is on disk', async () => {
  const { env, vault, space, handle, states } = await setup();
  writeMembers(handle.doc, 1, 'Shown');
  expect(states).toEqual([{ space, unsaved: 1 }]);
  writeMembers(handle.doc, 1, 'AlsoShown'); // same batch: nothing new to say
  expect(states).toHaveLength(1);
  await until(() => states.length === 2);
  expect(states[1]).toEqual({ space, unsaved: 0 });
  // "saved" means on disk: a fresh unlock of the same store has both edits.
  const again = await unlockVault(env, 'pass', fast);
  expect(Object.keys(membersJson((await again.openSpace(space)).doc) as object)).toEqual(
    expect.arrayContaining(['Shown-0', 'AlsoShown-0']),
  );
  await again.lock();
  await vault.lock();
});

describe('when own changes cannot be written', () => {
  test('they are kept, announced, retried, and on disk once writes work again', async () => {
    const { env, vault, space, handle, states } = await setup();
    diskFull = true;
    writeMembers(handle.doc, 2, 'DuringA'); // written by the batcher's timer, which fails
    expect(states[0]).toEqual({ space, unsaved: 1 }); // "saving", at once
    await until(() => states.length > 1);
    expect(states[1]).toEqual({ space, unsaved: 1, code: 'storage-failed' });
    writeMembers(handle.doc, 2, 'DuringB');
    await expect(handle.flush()).rejects.toMatchObject({ code: 'storage-failed' });
    expect(states[states.length - 1]).toMatchObject({ unsaved: 2, code: 'storage-failed' });
    expect(vault.problems).toContainEqual({ kind: 'save', space, code: 'storage-failed' });
    const shown = membersJson(handle.doc);

    diskFull = false; // room again: the retry timer writes both entries, in chain order
    await until(() => states[states.length - 1]!.unsaved === 0);
    expect(states[states.length - 1]).toEqual({ space, unsaved: 0 });
    await handle.flush();
    await vault.lock();

    const again = await unlockVault(env, 'pass', fast);
    const reopened = await again.openSpace(space);
    expect(membersJson(reopened.doc)).toEqual(shown);
    expect(Object.keys(membersJson(reopened.doc) as object)).toEqual(
      expect.arrayContaining(['DuringA-0', 'DuringA-1', 'DuringB-0', 'Before-0']),
    );
    await again.lock();
  });

  test('locking writes what is held if the disk takes it by then', async () => {
    const { env, vault, space, handle, states } = await setup();
    diskFull = true;
    writeMembers(handle.doc, 1, 'Held');
    await until(() => states.some((s) => s.code));
    diskFull = false;
    await vault.lock(); // before the retry timer fires
    const again = await unlockVault(env, 'pass', fast);
    expect(Object.keys(membersJson((await again.openSpace(space)).doc) as object)).toContain('Held-0');
    await again.lock();
  });

  test('a snapshot taken while an edit waits to be written stores the edit with it: the heads it names are on disk', async () => {
    const { env, vault, space, handle, states } = await setup();
    diskFull = true;
    writeMembers(handle.doc, 1, 'Waiting');
    await until(() => states.some((s) => s.code));
    diskFull = false;
    await handle.snapshot(); // the idle snapshot, before the retry timer fires
    // A crash now (no lock): the next unlock reads what is on disk.
    const again = await unlockVault(env, 'pass', fast);
    const reopened = await again.openSpace(space);
    expect(Object.keys(membersJson(reopened.doc) as object)).toContain('Waiting-0');
    // The edit has its entry on disk (seq 2, after 'Before'), so it reaches peers: before, the snapshot held
    // the edit's state and no entry did, so it showed here and never synced.
    const mine = reopened.heads().content.find((h) => h.author === vault.device.id)!;
    expect(mine.seq).toBe(2);
    const all = reopened.heads();
    const named = [...all.access, ...all.content].reduce((n, h) => n + h.seq, 0);
    expect(await reopened.entriesAfter({ access: [], content: [] })).toHaveLength(named);
    await again.lock();
    await vault.lock();
  });
});
