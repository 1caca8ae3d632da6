/**
 * The roster's read index (shared/vault/read-index.ts, SECURITY.md "At rest"): written with each
 * snapshot, shown only when exactly as new as the stored state, and never used when someone who can
 * edit the locked profile swaps, drops or reorders its pieces, puts an older one back, or moves
 * another space's in: the space then opens as before, with every member. A real vault on
 * fake-indexeddb, the model's own index writer (shared/model/roster-index.ts).
 */
import type * as Y from 'yjs';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { SpaceData } from '../../../shared/model';
import { readRosterIndex, rosterIndexPieces } from '../../../shared/model/roster-index';
import { expireFields } from '../../../shared/model/retention';
import { setFieldTier } from '../../../shared/model/chapter-rules';
import type { IdbEnvironment } from '../../../shared/store/indexeddb-types';
import { createVault, newRecoveryKey, unlockVault, type Vault } from '../../../shared/vault';
import type { ReadIndexWriter } from '../../../shared/vault/read-index';
import { scanAtRest } from './at-rest-scan';
import { deleteRow, dumpDatabase, fast, freshEnv, getRow, putRow, rewrite } from './helpers';

beforeAll(() => initCrypto());

const PASS = 'pass';
const STREET = '41 Calle Ocho, apartment 3';

/** The app's writer, over the models this test opened (as renderer/vault/roster-index.ts does). */
const live = new WeakMap<Y.Doc, SpaceData>();
const writer: ReadIndexWriter = (doc) => {
  const data = live.get(doc);
  return data ? rosterIndexPieces(data) : undefined;
};
/** No idle snapshot: only lock (or a call) writes one. Small pieces, so an index has several. */
const quiet = { ...fast, snapshots: { idleMs: 60 * 60 * 1000 }, readIndex: writer };

async function modelOf(vault: Vault, space: SpaceId) {
  const handle = await vault.openSpace(space);
  const data = new SpaceData(handle.doc, vault.device.id);
  live.set(handle.doc, data);
  return { handle, data };
}

function addMembers(data: SpaceData, count: number, prefix: string) {
  data.transact(() => {
    for (let i = 0; i < count; i++)
      data.members.create({
        firstName: `${prefix}${i}`,
        lastName: 'Ruiz',
        unionName: 'u'.repeat(200),
        unionAnswer: 'a'.repeat(200),
        branch: 'b'.repeat(100),
      });
  });
}

/** A space of 800 members (an index of several pieces), locked with its snapshot and index. */
async function chapter(env: IdbEnvironment = freshEnv()) {
  const { vault } = await createVault(env, PASS, quiet);
  const space = await vault.createSpace('Chapter');
  const { data } = await modelOf(vault, space);
  addMembers(data, 800, 'Old');
  data.regions.create({ name: 'Eastside' });
  const expected = data.members.all();
  await vault.lock();
  return { env, space, expected };
}

const indexKey = (space: SpaceId) => `readindex:${space}`;
const firstNames = (members: readonly { firstName: string }[]) => members.map((m) => m.firstName).sort();

/** Unlocks: the preview is not used, and the space still opens with every member, nothing found tampered. */
async function notUsed(env: IdbEnvironment, space: SpaceId, names: string[]) {
  const vault = await unlockVault(env, PASS, quiet);
  expect(await vault.previewSpace(space)).toBeUndefined();
  const { data } = await modelOf(vault, space);
  expect(firstNames(data.members.all())).toEqual(names);
  expect(vault.tampering).toEqual([]);
  return vault;
}

type StoredIndex = { pieces: { nonce: Uint8Array; ciphertext: Uint8Array }[]; space: string; generation: number };

test('written with the snapshot, it holds the roster as the model returned it, and opens before the space', async () => {
  const { env, space, expected } = await chapter();
  const stored = (await getRow(env, 'snapshots', indexKey(space))) as StoredIndex;
  expect(stored.pieces.length).toBeGreaterThan(3);
  const vault = await unlockVault(env, PASS, quiet);
  const pieces = await vault.previewSpace(space);
  expect(pieces).toBeDefined();
  const index = readRosterIndex(pieces!);
  expect(index.members).toEqual(JSON.parse(JSON.stringify(expected)));
  expect(index.regions.map((r) => r.name)).toEqual(['Eastside']);
  expect(vault.problems).toEqual([]);
  await vault.lock();
});

test('an entry stored past the snapshot (the app died before its next one): the index is not used', async () => {
  const { env, space } = await chapter();
  const crashed = await unlockVault(env, PASS, quiet);
  const { handle, data } = await modelOf(crashed, space);
  addMembers(data, 2, 'New');
  await handle.flush(); // stored as an entry; no snapshot (the app dies here)
  const names = firstNames(data.members.all());
  const vault = await notUsed(env, space, names);
  expect(vault.problems).toEqual([]); // stale is the ordinary case: nothing to tell
  await vault.lock(); // a new snapshot and index: used again
  const again = await unlockVault(env, PASS, quiet);
  expect(firstNames(readRosterIndex((await again.previewSpace(space))!).members)).toEqual(names);
  await again.lock();
});

test('two pieces swapped on disk: not used, the space opens as before', async () => {
  const { env, space, expected } = await chapter();
  await rewrite(env, 'snapshots', indexKey(space), (v) => {
    const r = v as StoredIndex;
    const pieces = [...r.pieces];
    [pieces[0], pieces[1]] = [pieces[1]!, pieces[0]!];
    return { ...r, pieces };
  });
  const vault = await notUsed(env, space, firstNames(expected));
  expect(vault.problems).toEqual([{ kind: 'snapshot', space, code: 'vault-corrupt' }]);
});

test('a piece dropped from the end: not used, the space opens as before', async () => {
  const { env, space, expected } = await chapter();
  await rewrite(env, 'snapshots', indexKey(space), (v) => ({
    ...(v as StoredIndex),
    pieces: (v as StoredIndex).pieces.slice(0, -1),
  }));
  await notUsed(env, space, firstNames(expected));
});

test('the pieces in reverse order: not used, the space opens as before', async () => {
  const { env, space, expected } = await chapter();
  await rewrite(env, 'snapshots', indexKey(space), (v) => ({
    ...(v as StoredIndex),
    pieces: [...(v as StoredIndex).pieces].reverse(),
  }));
  await notUsed(env, space, firstNames(expected));
});

test('an older index put back beside the newer snapshot (a member deleted since): not used', async () => {
  const { env, space } = await chapter();
  const older = await getRow(env, 'snapshots', indexKey(space));
  const vault = await unlockVault(env, PASS, quiet);
  const { data } = await modelOf(vault, space);
  data.members.delete(data.members.all()[0]!.id);
  const names = firstNames(data.members.all());
  await vault.lock();
  await putRow(env, 'snapshots', indexKey(space), older);
  await notUsed(env, space, names);
});

test('an older piece put in a newer index at its place: not used', async () => {
  const { env, space } = await chapter();
  const older = (await getRow(env, 'snapshots', indexKey(space))) as StoredIndex;
  const vault = await unlockVault(env, PASS, quiet);
  const { data } = await modelOf(vault, space);
  data.members.update(data.members.all()[0]!.id, { lastName: 'Changed' });
  const names = firstNames(data.members.all());
  await vault.lock();
  await rewrite(env, 'snapshots', indexKey(space), (v) => {
    const r = v as StoredIndex;
    return { ...r, pieces: r.pieces.map((p, i) => (i === 0 ? older.pieces[0]! : p)) };
  });
  await notUsed(env, space, names);
});

test('another space’s index moved under this space’s key: not used, either space opens as before', async () => {
  const env = freshEnv();
  const { vault } = await createVault(env, PASS, quiet);
  const a = await vault.createSpace('A');
  const b = await vault.createSpace('B');
  addMembers((await modelOf(vault, a)).data, 3, 'A');
  addMembers((await modelOf(vault, b)).data, 4, 'B');
  await vault.lock();
  const ofB = (await getRow(env, 'snapshots', indexKey(b))) as StoredIndex;
  // As it is, naming B; and with its clear `space` and generation rewritten to A's.
  const ofA = (await getRow(env, 'snapshots', indexKey(a))) as StoredIndex;
  for (const moved of [ofB, { ...ofB, space: a, generation: ofA.generation }]) {
    await putRow(env, 'snapshots', indexKey(a), moved);
    const again = await notUsed(env, a, ['A0', 'A1', 'A2']);
    await again.lock(); // nothing changed: no new snapshot, the moved record stays for the next round
  }
});

test('compaction after a tiered field expired: the new index no longer holds it, and is used', async () => {
  const env = freshEnv();
  const { vault } = await createVault(env, PASS, quiet);
  const space = await vault.createSpace('Chapter');
  const { handle, data } = await modelOf(vault, space);
  setFieldTier(data, 'address', 'restricted');
  const id = data.members.create({ firstName: 'Marisol', lastName: 'Vega' });
  data.members.update(id, { address: { lines: [STREET] } });
  expect(data.members.get(id)!.address).toEqual({ lines: [STREET] });
  await handle.flush();
  await handle.snapshot();
  const before = await scanAtRest(env, PASS, STREET);
  expect(before.map((h) => String(h.key))).toContain(indexKey(space));
  // A year on, retention clears the field and compacts (renderer/vault/retention.ts does both).
  expect(expireFields(data, '2099-01-01')).toBe(1);
  await handle.compact();
  expect(await scanAtRest(env, PASS, STREET)).toEqual([]);
  await vault.lock();
  const again = await unlockVault(env, PASS, quiet);
  const index = readRosterIndex((await again.previewSpace(space))!);
  expect(index.members.map((m) => [m.firstName, m.address])).toEqual([['Marisol', undefined]]);
  await again.lock();
});

test('a new master key reseals the index with the snapshot: used after the change', async () => {
  const { env, space, expected } = await chapter();
  const vault = await unlockVault(env, PASS, quiet);
  const stored = (await getRow(env, 'snapshots', indexKey(space))) as StoredIndex;
  await vault.changePassphrase(PASS, 'new pass', { cost: 'test', recoveryKey: newRecoveryKey(), newMasterKey: true });
  await vault.lock();
  const after = (await getRow(env, 'snapshots', indexKey(space))) as StoredIndex;
  expect(after.pieces[0]!.ciphertext).not.toEqual(stored.pieces[0]!.ciphertext);
  const again = await unlockVault(env, 'new pass', quiet);
  expect(readRosterIndex((await again.previewSpace(space))!).members).toHaveLength(expected.length);
  await again.lock();
});

test('going on after tampering drops the index; the next snapshot writes it again', async () => {
  const { env, space, expected } = await chapter();
  // An entry deleted on disk: the space does not open until the organizer goes on.
  const rows = await dumpDatabase(env);
  const entry = rows.find((r) => r.store === 'entries' && (r.key as unknown[])[1] === 'content')!;
  await deleteRow(env, 'entries', entry.key as IDBValidKey);
  const vault = await unlockVault(env, PASS, quiet);
  await expect(vault.openSpace(space)).rejects.toThrow();
  await vault.openSpace(space, { despiteTampering: true });
  expect(await getRow(env, 'snapshots', indexKey(space))).toBeUndefined();
  expect(await vault.previewSpace(space)).toBeUndefined();
  const { handle } = await modelOf(vault, space);
  await handle.snapshot();
  expect(readRosterIndex((await vault.previewSpace(space))!).members).toHaveLength(expected.length);
  await vault.lock();
});
