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
import { readSnapshotRecord } from '../../../shared/store/records';
import { createVault, unlockVault } from '../../../shared/vault';
import { openSnapshot, sealSnapshot } from '../../../shared/vault/snapshot';
import {
  dumpDatabase,
  fast,
  freshEnv,
  getRow,
  membersJson,
  putRow,
  rewrite,
  storedKeys,
  writeMembers,
} from './helpers';

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
  const { keys, generation } = await storedKeys(env, PASS);
  return { keys, generation: generation(`snapshot:${space}`)! };
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
    v: 3,
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

/** The stored snapshot's heads and pieces, opened with the vault's keys. */
async function storedPieces(env: ReturnType<typeof freshEnv>, space: SpaceId) {
  const { keys, generation } = await keysOf(env, space);
  const record = readSnapshotRecord(await getRow(env, 'snapshots', space));
  const opened = openSnapshot(keys, space, record, generation);
  const pieces = Array.from({ length: opened.count }, (_, i) => opened.piece(i));
  return { keys, generation, record, heads: opened.heads, pieces };
}

test('a snapshot that opens but whose state Yjs cannot apply: the space opens from its entries', async () => {
  const { env, space } = await chapter();
  const { keys, generation, heads, pieces } = await storedPieces(env, space);
  const broken = pieces[0]!.slice(0, pieces[0]!.length - 7); // a piece cut inside a struct
  await putRow(
    env,
    'snapshots',
    space,
    sealSnapshot(keys, space, { heads, pieces: [broken, ...pieces.slice(1)] }, generation),
  );
  const vault = await unlockVault(env, PASS, quiet);
  const handle = await vault.openSpace(space);
  expect(names(handle.doc)).toEqual(['New', 'Old']);
  expect(vault.problems).toEqual([{ kind: 'snapshot', space, code: expect.any(String) }]);
  await vault.lock();
});

/** The stored snapshot record with its sealed pieces changed by `change` (the header, sealed apart, kept). */
async function withPieces(env: ReturnType<typeof freshEnv>, space: SpaceId, change: (pieces: unknown[]) => unknown[]) {
  await rewrite(env, 'snapshots', space, (v) => ({
    ...(v as object),
    pieces: change([...(v as { pieces: unknown[] }).pieces]),
  }));
}

describe('a snapshot whose pieces were edited on disk: it does not open, the space opens from its entries', () => {
  test('the snapshot is in more than one piece (the state, then the delete set)', async () => {
    const { env, space } = await chapter();
    expect((await storedPieces(env, space)).pieces.length).toBeGreaterThan(1);
  });

  test('a bad sector in one piece', async () => {
    const { env, space } = await chapter();
    await withPieces(env, space, (pieces) => {
      const p = pieces[0] as { nonce: Uint8Array; ciphertext: Uint8Array };
      const ciphertext = p.ciphertext.slice();
      ciphertext[ciphertext.length >> 1]! ^= 1;
      return [{ ...p, ciphertext }, ...pieces.slice(1)];
    });
    await opensFromEntries(env, space);
  });

  test('a piece dropped (the members would be missing)', async () => {
    const { env, space } = await chapter();
    await withPieces(env, space, (pieces) => pieces.slice(1));
    await opensFromEntries(env, space);
  });

  test('two pieces swapped', async () => {
    const { env, space } = await chapter();
    await withPieces(env, space, (pieces) => [pieces[1], pieces[0], ...pieces.slice(2)]);
    await opensFromEntries(env, space);
  });

  test('a piece of an older snapshot put in place of the newer one’s', async () => {
    const { env, space } = await chapter();
    const older = (await getRow(env, 'snapshots', space)) as { pieces: unknown[] };
    const vault = await unlockVault(env, PASS, quiet);
    await vault.openSpace(space);
    await vault.lock(); // a newer snapshot, covering "New"
    await withPieces(env, space, (pieces) => [older.pieces[0], ...pieces.slice(1)]);
    await opensFromEntries(env, space);
  });

  test('a piece of another space’s snapshot', async () => {
    const { env, space } = await chapter();
    const vault = await unlockVault(env, PASS, quiet);
    const other = await vault.createSpace('Other');
    writeMembers((await vault.openSpace(other)).doc, 2, 'Else');
    await vault.lock();
    const foreign = (await getRow(env, 'snapshots', other)) as { pieces: unknown[] };
    await withPieces(env, space, (pieces) => [foreign.pieces[0], ...pieces.slice(1)]);
    await opensFromEntries(env, space);
  });
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
