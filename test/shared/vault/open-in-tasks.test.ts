/**
 * A space opens a snapshot piece per task, and the entries past it a group per task
 * (shared/vault/space-load.ts): the vault's `yieldTask` is awaited between them, so the page can
 * paint "Opening the space…". Node runs the yield as the test injects it: no timers, no times.
 */
import { initCrypto } from '../../../shared/crypto';
import { readSnapshotRecord } from '../../../shared/store/records';
import { createVault, unlockVault } from '../../../shared/vault';
import { fast, freshEnv, getRow, membersJson, writeMembers } from './helpers';

beforeAll(() => initCrypto());

/** No idle snapshot: only lock writes one. */
const quiet = { ...fast, snapshots: { idleMs: 60 * 60 * 1000 } };

test('the yield runs between the pieces and between groups of entries; the document is whole at the end', async () => {
  const env = freshEnv();
  const { vault } = await createVault(env, 'pass', quiet);
  const space = await vault.createSpace('Chapter');
  writeMembers((await vault.openSpace(space)).doc, 2000, 'Old'); // 12,000 structs: several pieces
  await vault.lock();
  const pieces = readSnapshotRecord(await getRow(env, 'snapshots', space)).pieces.length;
  expect(pieces).toBeGreaterThan(3);

  // Entries past the snapshot (the app stopped before its next lock), more than one group's worth.
  const crashed = await unlockVault(env, 'pass', quiet);
  const handle = await crashed.openSpace(space);
  for (let i = 0; i < 4; i++) {
    writeMembers(handle.doc, 1500, `New${i}`);
    await handle.flush();
  }

  let yields = 0;
  let opened = false;
  const again = await unlockVault(env, 'pass', {
    ...quiet,
    yieldTask: () => {
      if (!opened) yields++; // (the snapshot the lock writes yields too: between its pieces' seals)
      return Promise.resolve();
    },
  });
  const reopened = await again.openSpace(space);
  opened = true;
  expect(Object.keys(membersJson(reopened.doc) as object)).toHaveLength(2000 + 4 * 1500);
  // One yield between every two pieces, and one after each group of entries (four of them: more than one group).
  expect(yields).toBeGreaterThanOrEqual(pieces - 1 + 2);
  await again.lock();
});
