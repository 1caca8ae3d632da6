/**
 * When a space writes its local snapshot (shared/vault/snapshot-policy.ts):
 * never per N entries while they stream in; when idle, on close, or past a
 * byte budget. Unlock is correct whatever was snapshotted.
 */
import { initCrypto, randomBytes, toBase64Url } from '../../../shared/crypto';
import { addDevice } from '../../../shared/space';
import { createVault, unlockVault, type SpaceHandle } from '../../../shared/vault';
import type { IdbEnvironment } from '../../../shared/store/indexeddb-types';
import { dumpDatabase, fast, freshEnv, membersJson, writeMembers } from './helpers';

beforeAll(() => initCrypto());

const none = { access: [], content: [] };
const snapshotOf = async (env: IdbEnvironment) =>
  (await dumpDatabase(env)).find((r) => r.store === 'snapshots')?.value as
    { sealed: { ciphertext: Uint8Array } } | undefined;

/** A (the author) with `count` entries, B with the given snapshot options, joined but holding no content yet. */
async function receiver(count: number, snapshots: { idleMs?: number; minBytes?: number }) {
  const a = await createVault(freshEnv(), 'a', fast);
  const bEnv = freshEnv();
  const b = await createVault(bEnv, 'b', { ...fast, snapshots });
  const space = await a.vault.createSpace('Chapter');
  const ha = await a.vault.openSpace(space);
  for (let i = 0; i < count; i++) {
    writeMembers(ha.doc, 1, `m${i}`);
    await ha.flush();
  }
  await ha.changeAccess((access, me) => addDevice(access, me, b.vault.device, 'editor'));
  await b.vault.joinSpace(space, 'Chapter');
  const hb = await b.vault.openSpace(space);
  return { a, b, bEnv, ha, hb, space, entries: await ha.entriesAfter(none) };
}

async function eventually(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function receiveInBatches(h: SpaceHandle, entries: readonly Uint8Array[], size: number) {
  for (let i = 0; i < entries.length; i += size) await h.receiveEntries(entries.slice(i, i + size));
}

describe('snapshot policy', () => {
  test('many entries streaming in write no snapshot; close writes one, and unlock gives the same state', async () => {
    const { b, bEnv, ha, hb, space, entries } = await receiver(60, { idleMs: 60_000 });
    await receiveInBatches(hb, entries, 4); // the old policy snapshotted every 500 entries; far more batches here
    expect(await snapshotOf(bEnv)).toBeUndefined();
    const expected = membersJson(ha.doc);
    expect(membersJson(hb.doc)).toEqual(expected);
    await b.vault.lock();
    expect(await snapshotOf(bEnv)).toBeDefined();
    const again = await unlockVault(bEnv, 'b', fast);
    expect(membersJson((await again.openSpace(space)).doc)).toEqual(expected);
    await again.lock();
  });

  test('a quiet space writes its snapshot by itself, and unlock replays what came after it', async () => {
    const { b, bEnv, ha, hb, space, entries } = await receiver(6, { idleMs: 20 });
    await hb.receiveEntries(entries.slice(0, 5));
    await eventually(async () => (await snapshotOf(bEnv)) !== undefined);
    // An entry after the snapshot, then a crash (no snapshot on lock): unlock replays it on top of the snapshot.
    await hb.receiveEntries(entries.slice(5));
    const expected = membersJson(ha.doc);
    const crashed = await unlockVault(bEnv, 'b', fast); // a second unlock of the same store, as after a crash
    expect(membersJson((await crashed.openSpace(space)).doc)).toEqual(expected);
    await crashed.lock();
    await b.vault.lock();
  });

  test('past the byte budget a snapshot is written at once, even while entries stream in', async () => {
    const { bEnv, ha, hb, entries } = await receiver(3, { idleMs: 60_000, minBytes: 64 * 1024 });
    await hb.receiveEntries(entries);
    expect(await snapshotOf(bEnv)).toBeUndefined();
    // One large, incompressible edit: more than the budget.
    ha.doc.getMap('notes').set('big', toBase64Url(randomBytes(200 * 1024)));
    await ha.flush();
    await hb.receiveEntries(await ha.entriesAfter(hb.heads()));
    expect(await snapshotOf(bEnv)).toBeDefined();
  });
});
