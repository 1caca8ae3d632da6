/**
 * One local transaction whose change is larger than any reader accepts
 * (MAX_ENTRY_BYTES): it must never be stored as an entry that unlock and sync
 * then refuse. The writer applies the reader's limit, keeps the change out of
 * the log, rolls the document back to what is stored, and tells the organizer.
 */
import { randomBytes as noise } from 'node:crypto';
import type * as Y from 'yjs';
import { initCrypto } from '../../../shared/crypto';
import { decodeEntry, MAX_ENTRY_BYTES } from '../../../shared/log/entry';
import { createVault, unlockVault, type SaveState } from '../../../shared/vault';
import { until } from '../sync/helpers';
import { fast, freshEnv, membersJson, writeMembers } from './helpers';

beforeAll(() => initCrypto());

/**
 * Random bytes do not deflate: the entry is as large as the change. (Node's generator: libsodium.js asks
 * the platform for 4 bytes per call, about a minute for 16 MiB.)
 */
function hugeChange(doc: Y.Doc): void {
  doc.getMap('attachments').set('big', new Uint8Array(noise(MAX_ENTRY_BYTES + 1024)));
}

test('a change too large to store is refused, rolled back, told, and the space still opens with every other edit', async () => {
  const env = freshEnv();
  const { vault } = await createVault(env, 'pass', fast);
  const space = await vault.createSpace('Chapter');
  let handle = await vault.openSpace(space);
  writeMembers(handle.doc, 2, 'Before');
  await handle.flush();
  const states: SaveState[] = [];
  vault.onSaveState((s) => states.push(s));
  let replaced = false;
  handle.onDocReplaced(() => (replaced = true));

  writeMembers(handle.doc, 1, 'Small'); // pending in the same batch as the huge change: kept
  hugeChange(handle.doc);
  await handle.flush();
  // Every stored entry is one a peer takes: what sync would send it all decodes.
  for (const bytes of await handle.entriesAfter({ access: [], content: [] }))
    expect(() => decodeEntry(bytes)).not.toThrow();
  await until(() => replaced);
  expect(handle.doc.getMap('attachments').has('big')).toBe(false);
  expect(vault.problems).toContainEqual({ kind: 'too-large', space, code: 'change-too-large' });
  await until(() => states.length > 0 && states[states.length - 1]!.unsaved === 0);

  writeMembers(handle.doc, 1, 'After'); // the rolled-back document is saved as usual
  await handle.flush();
  await vault.lock();

  const again = await unlockVault(env, 'pass', fast);
  handle = await again.openSpace(space);
  expect(again.problems).toEqual([]);
  expect(Object.keys(membersJson(handle.doc) as object)).toEqual(
    expect.arrayContaining(['Before-0', 'Before-1', 'Small-0', 'After-0']),
  );
  expect(handle.doc.getMap('attachments').has('big')).toBe(false);
  await again.lock();
}, 300_000);
