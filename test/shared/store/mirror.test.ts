/**
 * The second copy of the store, end to end in Node: a real vault on fake-indexeddb (a complete
 * IndexedDB) writing through Database's mirror hook into main's real backup folder (MirrorStore
 * on real files), and stores restored or caught up from it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import * as encoding from 'lib0/encoding';
import { MirrorStore } from '../../../electron/backup/mirror-store';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import type { MirrorFrameWire } from '../../../shared/ipc/contract';
import { Database } from '../../../shared/store/database';
import type { IdbEnvironment, IdbFactory, IdbKeyRangeFactory } from '../../../shared/store/indexeddb-types';
import { decodeOps, encodeOps, MIRROR_STATE, type StoreOp } from '../../../shared/store/mirror';
import {
  catchUpStore,
  copyStore,
  inspectStore,
  pagedSource,
  restoreStore,
  type FrameSource,
} from '../../../shared/store/mirror-copy';
import { APPEND_LIMITS } from '../../../renderer/vault/backups';
import { MirrorWriter } from '../../../shared/store/mirror-writer';
import { isTamperedSpaceError } from '../../../shared/store/problems';
import { ENTRIES, META, SNAPSHOTS } from '../../../shared/store/records';
import { createVault, unlockVault, type Vault } from '../../../shared/vault';
import { until } from '../sync/helpers';
import { fast, membersJson, writeMembers } from '../vault/helpers';

beforeAll(() => initCrypto());

let dir: string;
let stores: MirrorStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mirror-'));
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

function freshEnv(mirror?: MirrorWriter): IdbEnvironment {
  return {
    indexedDB: new IDBFactory() as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    ...(mirror && { mirror }),
  };
}

async function folder(): Promise<MirrorStore> {
  const store = await MirrorStore.open(dir);
  stores.push(store);
  return store;
}

/** Everything the folder would restore, as a FrameSource, and the seq it ends at. */
async function latest(store: MirrorStore): Promise<{ source: FrameSource; seq: number; frames: MirrorFrameWire[] }> {
  const copy = (await store.latestCopy())!;
  return { source: pagedSource(async () => ({ frames: copy.frames, next: null })), seq: copy.seq, frames: copy.frames };
}

async function aChapter(env: IdbEnvironment): Promise<{ vault: Vault; space: SpaceId; shown: unknown }> {
  const { vault } = await createVault(env, 'pass', fast);
  const space = await vault.createSpace('Eastside');
  const handle = await vault.openSpace(space);
  writeMembers(handle.doc, 3, 'First');
  await handle.flush();
  writeMembers(handle.doc, 2, 'Second');
  await handle.flush();
  await vault.putPrivate('invite/abc', new Uint8Array([1, 2, 3]));
  await vault.putPrivate('invite/gone', new Uint8Array([4]));
  await vault.deletePrivate('invite/gone');
  return { vault, space, shown: membersJson(handle.doc) };
}

test('every committed write reaches the copy, and a store restored from it opens with everything', async () => {
  const store = await folder();
  const env = freshEnv(new MirrorWriter(store, APPEND_LIMITS));
  const { vault, space, shown } = await aChapter(env);
  await vault.lock(); // writes snapshots too: those stay out of the copy

  const { source, seq, frames } = await latest(store);
  const ops = frames.flatMap((f) => decodeOps(f.bytes));
  expect(ops.some((o) => o.store === SNAPSHOTS)).toBe(false);
  expect(ops.filter((o) => o.op === 'delete').map((o) => o.key)).toEqual(['private:invite/gone']);

  const restored = freshEnv();
  const report = await restoreStore(restored, source, seq);
  expect(report).toEqual({ applied: frames.length, unreadable: 0 });
  expect(await inspectStore(restored)).toEqual({ kind: 'vault', seq });
  const again = await unlockVault(restored, 'pass', fast);
  expect(membersJson((await again.openSpace(space)).doc)).toEqual(shown);
  expect(await again.listPrivate('invite/')).toEqual(['invite/abc']);
  expect(again.problems).toEqual([]);
  await again.lock();
});

test('a write resolves only once it is in the copy: its frame is there by then', async () => {
  const store = await folder();
  const env = freshEnv(new MirrorWriter(store, APPEND_LIMITS));
  const { vault } = await createVault(env, 'pass', fast);
  const before = store.status().lastSeq;
  await vault.putPrivate('note/1', new Uint8Array([9]));
  expect(store.status().lastSeq).toBe(before + 1);
  await vault.lock();
});

test('a transaction that fails writes no frame and uses no number in the copy', async () => {
  const store = await folder();
  const env = freshEnv(new MirrorWriter(store, APPEND_LIMITS));
  const { vault } = await createVault(env, 'pass', fast);
  await vault.lock();
  const db = await Database.open(env);
  const before = store.status().lastSeq;
  const failure = await db
    .transact([META], 'readwrite', (s) => {
      s(META).put({ made: 'up' }, 'private:x');
      throw new Error('the work failed half-way');
    })
    .catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(Error);
  await db.put(META, 'private:y', { v: 1 });
  expect(store.status().lastSeq).toBe(before + 1);
  const { frames } = await latest(store);
  expect(decodeOps(frames.at(-1)!.bytes)).toEqual([{ op: 'put', store: META, key: 'private:y', value: { v: 1 } }]);
  db.close();
});

test('while the copy cannot be written, edits are held as unsaved; once it can, they are written in order, with no gap', async () => {
  const store = await folder();
  let broken = false;
  const writer = new MirrorWriter(
    {
      append: async (frames) => {
        if (broken) throw Object.assign(new Error('main is busy'), { code: 'x' });
        return store.append(frames);
      },
    },
    APPEND_LIMITS,
  );
  const env = freshEnv(writer);
  const { vault } = await createVault(env, 'pass', { ...fast, saveRetryMs: 30 });
  const space = await vault.createSpace('Eastside');
  const handle = await vault.openSpace(space);
  const states: { unsaved: number; code?: string }[] = [];
  vault.onSaveState((s) => states.push(s));

  broken = true;
  writeMembers(handle.doc, 2, 'WhileBroken');
  await until(() => states.some((s) => s.code === 'storage-failed'));
  writeMembers(handle.doc, 1, 'Later');
  const flushed = await handle.flush().catch((e: unknown) => e);
  expect(isAppError(flushed, 'storage-failed')).toBe(true);

  broken = false; // the retry timers write everything held
  await until(() => states.at(-1)!.unsaved === 0 && states.at(-1)!.code === undefined);
  await handle.flush();
  const shown = membersJson(handle.doc);
  await vault.lock();

  const { source, seq, frames } = await latest(store);
  const seqs = frames.map((f) => f.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  const restored = freshEnv();
  await restoreStore(restored, source, seq);
  const again = await unlockVault(restored, 'pass', fast);
  expect(membersJson((await again.openSpace(space)).doc)).toEqual(shown);
  await again.lock();
});

test('a complete copy taken while writes go on covers exactly the writes before it', async () => {
  const store = await folder();
  const env = freshEnv(new MirrorWriter(store, APPEND_LIMITS));
  const { vault, space } = await aChapter(env);
  const db = await Database.open(env);
  const copying = copyStore(db, 64); // small chunks: several frames
  const handle = await vault.openSpace(space);
  writeMembers(handle.doc, 1, 'DuringCopy');
  await handle.flush();
  const copy = await copying;
  expect(copy.chunks.length).toBeGreaterThan(1);
  const id = await store.beginBase(copy.seq);
  for (const chunk of copy.chunks) await store.addToBase(id, chunk);
  await store.commitBase(id);
  const shown = membersJson(handle.doc);
  await vault.lock();
  db.close();

  const { source, seq } = await latest(store);
  const restored = freshEnv();
  await restoreStore(restored, source, seq);
  const again = await unlockVault(restored, 'pass', fast);
  expect(membersJson((await again.openSpace(space)).doc)).toEqual(shown);
  await again.lock();
});

test('a store that lost transactions the copy has gets them back', async () => {
  const store = await folder();
  const env = freshEnv(new MirrorWriter(store, APPEND_LIMITS));
  const { vault, space } = await aChapter(env);
  const handle = await vault.openSpace(space);
  const kept = await inspectStore({ ...env, mirror: undefined });
  expect(kept.kind).toBe('vault');
  // A second store that stopped at this point (a rolled-back or older copy of the profile)...
  const behind = freshEnv();
  const at = (await latest(store)).seq;
  await restoreStore(behind, (await latest(store)).source, at);
  writeMembers(handle.doc, 2, 'AfterTheRollback');
  await handle.flush();
  const shown = membersJson(handle.doc);
  await vault.lock();

  const report = await catchUpStore(behind, (await latest(store)).source, at);
  expect(report.applied).toBeGreaterThan(0);
  const again = await unlockVault(behind, 'pass', fast);
  expect(membersJson((await again.openSpace(space)).doc)).toEqual(shown);
  await again.lock();
});

test('a restore cut short is recognised at the next start, never opened as a vault', async () => {
  const store = await folder();
  const env = freshEnv(new MirrorWriter(store, APPEND_LIMITS));
  const { vault } = await aChapter(env);
  await vault.lock();
  const { frames, seq } = await latest(store);
  const restored = freshEnv();
  const dying: FrameSource = async function* () {
    yield frames.slice(0, 2);
    throw new Error('the app was killed');
  };
  await expect(restoreStore(restored, dying, seq)).rejects.toThrow('killed');
  expect(await inspectStore(restored)).toEqual({ kind: 'restoring' });
  await restoreStore(restored, (await latest(store)).source, seq);
  expect(await inspectStore(restored)).toEqual({ kind: 'vault', seq });
});

test('a damaged frame in the copy is left out and counted, the rest is restored', async () => {
  const store = await folder();
  const env = freshEnv(new MirrorWriter(store, APPEND_LIMITS));
  const { vault } = await aChapter(env);
  await vault.lock();
  const { frames, seq } = await latest(store);
  const damaged = frames.map((f, i) => (i === frames.length - 1 ? { ...f, bytes: new Uint8Array([1, 250, 3]) } : f));
  const restored = freshEnv();
  const report = await restoreStore(
    restored,
    pagedSource(async () => ({ frames: damaged, next: null })),
    seq,
  );
  expect(report).toEqual({ applied: frames.length - 1, unreadable: 1 });
});

test('an entry edited in the backup folder is found after a restore, like any record changed on disk', async () => {
  const store = await folder();
  const env = freshEnv(new MirrorWriter(store, APPEND_LIMITS));
  const { vault, space } = await aChapter(env);
  await vault.lock();
  // The evil maid rewrites a frame of the copy (main's file checks are not keyed): one content entry's byte flipped.
  const { frames, seq } = await latest(store);
  let edited = 0;
  const forged = frames.map((f) => {
    const ops = decodeOps(f.bytes).map((op) => {
      if (edited > 0 || op.op !== 'put' || op.store !== ENTRIES || (op.key as unknown[])[1] !== 'content') return op;
      edited++;
      const record = op.value as { bytes: Uint8Array };
      const bytes = record.bytes.slice();
      bytes[bytes.length - 1]! ^= 1;
      return { ...op, value: { ...record, bytes } };
    });
    return { ...f, bytes: encodeOps(ops) };
  });
  expect(edited).toBe(1);

  const restored = freshEnv();
  expect(
    await restoreStore(
      restored,
      pagedSource(async () => ({ frames: forged, next: null })),
      seq,
    ),
  ).toEqual({
    applied: frames.length,
    unreadable: 0,
  });
  const again = await unlockVault(restored, 'pass', fast);
  const refused = await again.openSpace(space).then(
    () => null,
    (e: unknown) => e,
  );
  expect(isTamperedSpaceError(refused) && refused.findings).toEqual([
    expect.objectContaining({ record: 'content-entry', space, change: 'altered' }),
  ]);
  await again.lock();
});

describe('the frame codec', () => {
  test('refuses values a copy could not keep, instead of changing them', () => {
    for (const value of [new Date(0), new Map(), new Uint16Array(2), new ArrayBuffer(2), { at: new Set() }]) {
      const op: StoreOp = { op: 'put', store: META, key: 'k', value };
      expect(() => encodeOps([op])).toThrow(expect.objectContaining({ code: 'storage-failed' }));
    }
  });

  test('reads back what it wrote, each byte array in a buffer of its own', () => {
    const value = { v: 1, bytes: new Uint8Array([1, 2, 3]), nested: [{ s: 'x', n: 2.5, none: null }] };
    const [op] = decodeOps(encodeOps([{ op: 'put', store: META, key: ['a', 1], value }])) as [StoreOp];
    expect(op).toEqual({ op: 'put', store: META, key: ['a', 1], value });
    const bytes = (op as { value: { bytes: Uint8Array } }).value.bytes;
    expect(bytes.buffer.byteLength).toBe(3);
  });

  test.each([
    ['garbage', new Uint8Array([7, 7, 7])],
    ['an unknown version', new Uint8Array([2, 117, 0])],
    ['trailing bytes', new Uint8Array([...encodeOps([]), 0])],
  ])('refuses %s', (_name, bytes) => {
    expect(() => decodeOps(bytes)).toThrow(expect.objectContaining({ code: 'bad-backup' }));
  });

  test("refuses a write to a store the copy never holds (the mirror's own counter)", () => {
    const e = encoding.createEncoder();
    encoding.writeUint8(e, 1);
    encoding.writeAny(e, [[MIRROR_STATE, 'state', { v: 1, seq: 99 }]]);
    expect(() => decodeOps(encoding.toUint8Array(e))).toThrow(expect.objectContaining({ code: 'bad-backup' }));
  });
});
