/**
 * A space's stored snapshot that cannot be read at unlock (SECURITY.md "At rest"): its bytes damaged
 * by a crash or a bad disk sector, its blob file gone, its seal failing, its plaintext or its Yjs
 * state broken. The snapshot is a cache of the entries, so the space opens from its entries as if
 * there were none, with every member, the problem told in the problem stream, and nothing asked of
 * the organizer; the next lock writes a new snapshot and the unlock after that is clean.
 * A real vault on fake-indexeddb.
 */
import { IDBObjectStore } from 'fake-indexeddb';
import type * as Y from 'yjs';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { openManifest } from '../../../shared/store/manifest';
import { readManifestRecord, readSnapshotRecord, readVaultRecord } from '../../../shared/store/records';
import { createVault, passphraseKey, readKdfParams, unlockVault } from '../../../shared/vault';
import { unwrapMaster } from '../../../shared/vault/keys';
import { encodeSnapshot, openSnapshot, sealSnapshotPlain } from '../../../shared/vault/snapshot';
import { dumpDatabase, fast, freshEnv, getRow, membersJson, putRow, rewrite, writeMembers } from './helpers';

beforeAll(() => initCrypto());

/** No idle snapshot: only lock writes one, so the test knows which snapshot is stored. */
const quiet = { ...fast, snapshots: { idleMs: 60 * 60 * 1000 } };
const PASS = 'pass';

const names = (doc: Y.Doc) => [...new Set(Object.keys(membersJson(doc) as object).map((k) => k.split('-')[0]))].sort();

/** "Old" members in the snapshot; "New" ones only in entries past it (the app died before its next lock). */
async function chapter() {
  const env = freshEnv();
  const { vault } = await createVault(env, PASS, quiet);
  const space = await vault.createSpace('Chapter');
  writeMembers((await vault.openSpace(space)).doc, 3, 'Old');
  await vault.lock();
  const crashed = await unlockVault(env, PASS, quiet);
  const handle = await crashed.openSpace(space);
  writeMembers(handle.doc, 2, 'New');
  await handle.flush();
  return { env, space };
}

/** The vault's own keys and the generation its manifest names for the snapshot (to seal a bad one as the vault would). */
async function keysOf(env: ReturnType<typeof freshEnv>, space: SpaceId) {
  const kek = passphraseKey(PASS, await readKdfParams(env));
  const keys = unwrapMaster(kek, readVaultRecord(await getRow(env, 'meta', 'vault')).master);
  const manifest = openManifest(keys.meta, readManifestRecord(await getRow(env, 'meta', 'manifest')));
  return { keys, generation: manifest.records.get(`snapshot:${space}`)! };
}

/** Unlocks: the space opens without being asked anything, from its entries, and says why once. */
async function opensFromEntries(env: ReturnType<typeof freshEnv>, space: SpaceId) {
  const before = await dumpDatabase(env);
  const vault = await unlockVault(env, PASS, quiet);
  const handle = await vault.openSpace(space);
  expect(names(handle.doc)).toEqual(['New', 'Old']);
  expect(vault.problems).toEqual([{ kind: 'snapshot', space, code: 'vault-corrupt' }]);
  expect(vault.tampering).toEqual([]);
  expect(await dumpDatabase(env)).toEqual(before); // nothing deleted or rewritten by opening
  await vault.lock(); // writes a new snapshot over the damaged one
  const again = await unlockVault(env, PASS, quiet);
  expect(names((await again.openSpace(space)).doc)).toEqual(['New', 'Old']);
  expect(again.problems).toEqual([]);
  await again.lock();
}

const damaged = (value: unknown, change: (ciphertext: Uint8Array) => Uint8Array) => {
  const v = value as { sealed: { nonce: Uint8Array; ciphertext: Uint8Array } };
  return { ...v, sealed: { ...v.sealed, ciphertext: change(v.sealed.ciphertext.slice()) } };
};

test('a bad sector in the snapshot (bytes flipped in its middle): the space opens from its entries', async () => {
  const { env, space } = await chapter();
  await rewrite(env, 'snapshots', space, (v) =>
    damaged(v, (c) => {
      for (let i = c.length >> 1; i < (c.length >> 1) + 64 && i < c.length; i++) c[i] = 0;
      return c;
    }),
  );
  await opensFromEntries(env, space);
});

test('a snapshot cut short by a crash: the space opens from its entries', async () => {
  const { env, space } = await chapter();
  await rewrite(env, 'snapshots', space, (v) => damaged(v, (c) => c.subarray(0, c.length >> 1)));
  await opensFromEntries(env, space);
});

test('a snapshot value that is no record at all (a torn write): the space opens from its entries', async () => {
  const { env, space } = await chapter();
  await rewrite(env, 'snapshots', space, (v) => ({
    v: 2,
    space,
    generation: (v as { generation: number }).generation,
  }));
  await opensFromEntries(env, space);
});

test('a snapshot the browser cannot read (its blob file lost): the space opens from its entries', async () => {
  const { env, space } = await chapter();
  const get = IDBObjectStore.prototype.get;
  const spy = jest.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, key) {
    if (this.name === 'snapshots') throw new DOMException('Data lost due to missing file', 'UnknownError');
    return get.call(this, key);
  });
  try {
    const vault = await unlockVault(env, PASS, quiet);
    const handle = await vault.openSpace(space);
    expect(names(handle.doc)).toEqual(['New', 'Old']);
    expect(vault.problems).toHaveLength(1);
    expect(vault.problems[0]).toMatchObject({ kind: 'snapshot', space });
    spy.mockRestore();
    await vault.lock();
  } finally {
    spy.mockRestore();
  }
  const again = await unlockVault(env, PASS, quiet);
  expect(names((await again.openSpace(space)).doc)).toEqual(['New', 'Old']);
  expect(again.problems).toEqual([]);
  await again.lock();
});

test('a snapshot that opens but whose state Yjs cannot apply: the space opens from its entries', async () => {
  const { env, space } = await chapter();
  const { keys, generation } = await keysOf(env, space);
  const real = openSnapshot(keys, space, readSnapshotRecord(await getRow(env, 'snapshots', space)), generation);
  const broken = real.state.slice(0, real.state.length - 7); // a state cut inside a struct
  const plain = encodeSnapshot({ heads: real.heads, state: broken });
  await putRow(env, 'snapshots', space, sealSnapshotPlain(keys, space, plain, generation));
  const vault = await unlockVault(env, PASS, quiet);
  const handle = await vault.openSpace(space);
  expect(names(handle.doc)).toEqual(['New', 'Old']);
  expect(vault.problems).toEqual([{ kind: 'snapshot', space, code: expect.any(String) }]);
  await vault.lock();
});

test('a whole older snapshot put back is still a tamper finding, not damage', async () => {
  const { env, space } = await chapter();
  const older = await getRow(env, 'snapshots', space);
  const vault = await unlockVault(env, PASS, quiet);
  await vault.openSpace(space);
  await vault.lock(); // a newer snapshot, covering "New"
  await putRow(env, 'snapshots', space, older);
  const third = await unlockVault(env, PASS, quiet);
  await expect(third.openSpace(space)).rejects.toMatchObject({
    findings: [{ record: 'snapshot', change: 'rolled-back', space, count: 1 }],
  });
});
