/**
 * A received group that cannot be stored (the disk is full, fillableEnv): the chains go back to
 * what is stored, so the heads this device shows peers (and writes in its next snapshot) never
 * name an entry it does not hold; the document does not show the group; receiving rejects, so
 * replication does not acknowledge the batch (replication.ts); and the same entries, sent again
 * once the disk takes writes, are stored and applied. The same for an access entry and for a
 * peer's checkpoint.
 */
import { initCrypto } from '../../../shared/crypto';
import { addDevice } from '../../../shared/space';
import { createVault, unlockVault, type SpaceHandle } from '../../../shared/vault';
import { fast, fillableEnv, freshEnv, membersJson, writeMembers } from './helpers';
import { ENTRIES, largeSpace, MEMBERS_PER_ENTRY, quiet, storedContentEntries } from './large-space';

beforeAll(() => initCrypto());

const shown = (handle: SpaceHandle) => Object.keys(membersJson(handle.doc) as object).length;

test('a group that cannot be stored is neither claimed nor shown; sent again once the disk takes writes, it applies', async () => {
  const { env, disk } = fillableEnv();
  const { ha, hb, space, entries, yieldWith } = await largeSpace(env);
  let yields = 0;
  yieldWith(() => {
    if (++yields === 3) disk.full = true; // the third group's write fails: two groups are stored
    return Promise.resolve();
  });
  await expect(hb.receiveEntries(entries)).rejects.toMatchObject({ code: 'storage-failed' });
  disk.full = false;

  const stored = await storedContentEntries(env);
  expect(stored).toBeGreaterThan(0);
  expect(stored).toBeLessThan(ENTRIES);
  // The heads name exactly what is stored: what a fresh unlock of the same disk reads.
  const again = await unlockVault(env, 'b', quiet);
  const reopened = await again.openSpace(space);
  expect(hb.heads()).toEqual(reopened.heads());
  expect(hb.heads().content.reduce((n, h) => n + h.seq, 0)).toBe(stored);
  await again.lock();
  // The document shows the stored groups, nothing of the failed one.
  expect(shown(hb)).toBe(stored * MEMBERS_PER_ENTRY);

  // Not acknowledged: the peer sends the batch again; what is stored is a duplicate, the rest applies.
  const report = await hb.receiveEntries(entries);
  expect(report).toMatchObject({ accepted: ENTRIES - stored, duplicates: stored + 2, rejected: [] });
  expect(membersJson(hb.doc)).toEqual(membersJson(ha.doc));
  // A snapshot now names all of it, and the next unlock shows all of it.
  await hb.snapshot();
  const last = await unlockVault(env, 'b', quiet);
  expect(membersJson((await last.openSpace(space)).doc)).toEqual(membersJson(ha.doc));
  await last.lock();
});

test('an access entry that cannot be stored gives no right: the device it adds is not in the space until it is stored', async () => {
  const { env, disk } = fillableEnv();
  const { ha, hb, entries } = await largeSpace(env);
  expect(await hb.receiveEntries(entries)).toMatchObject({ rejected: [] });
  const c = await createVault(freshEnv(), 'c', fast);
  const before = hb.heads();
  await ha.changeAccess((access, me) => addDevice(access, me, c.vault.device, 'editor'));
  writeMembers(ha.doc, 3, 'After');
  await ha.flush();
  const tail = await ha.entriesAfter(before);
  expect(tail).toHaveLength(2); // the addition, then the edit

  disk.full = true;
  await expect(hb.receiveEntries(tail)).rejects.toMatchObject({ code: 'storage-failed' });
  disk.full = false;
  expect(hb.heads()).toEqual(before);
  expect(hb.access.roleOf(c.vault.device.id)).toBeUndefined();
  expect(shown(hb)).toBe(ENTRIES * MEMBERS_PER_ENTRY);

  expect(await hb.receiveEntries(tail)).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });
  expect(hb.access.roleOf(c.vault.device.id)).toBe('editor');
  expect(hb.heads()).toEqual(ha.heads());
  expect(membersJson(hb.doc)).toEqual(membersJson(ha.doc));
});
