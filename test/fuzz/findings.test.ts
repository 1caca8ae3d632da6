/**
 * What the fuzzer found, each as a regression test (the Yjs update a member can seal is in
 * test/shared/vault/hostile-update.test.ts). Each failed before its fix with a TypeError or a
 * SyntaxError instead of the project's AppError.
 */
import { initCrypto, utf8Decode } from '../../shared/crypto';
import { isAppError } from '../../shared/errors';
import { importBundle, importDeviceCard } from '../../shared/sync/bundle';
import { createInvite, findInvite, listInvites } from '../../shared/sync/invite';
import { makeDevice, newSpace } from '../shared/sync/peers';

beforeAll(() => initCrypto());

const NOT_UTF8 = Uint8Array.from([0xff, 0xfe, 0x80, 0xc0, 1, 2, 3]);

async function codeOf(work: () => unknown): Promise<string> {
  try {
    await work();
    return 'no error';
  } catch (e) {
    return isAppError(e) ? e.code : `not an AppError: ${String(e)}`;
  }
}

test('bytes that are not UTF-8 are invalid data, not a TypeError', async () => {
  expect(await codeOf(() => utf8Decode(NOT_UTF8))).toBe('invalid-data');
});

test('a file whose first bytes are not UTF-8 is not a bundle nor a device card', async () => {
  const device = await makeDevice('reader');
  expect(await codeOf(() => importDeviceCard(NOT_UTF8))).toBe('bad-bundle');
  expect(await codeOf(() => importBundle(device.vault, NOT_UTF8))).toBe('bad-bundle');
});

test('a stored invite that is not JSON, or whose code is not a code, is skipped as damaged, not a crash', async () => {
  const admin = await makeDevice('admin');
  const space = await newSpace(admin);
  const invite = await createInvite(admin.vault, space, 'editor');
  const name = `invite:${invite.id}`;

  await admin.vault.putPrivate(name, new Uint8Array(0));
  expect(await listInvites(admin.vault)).toEqual([]);
  expect(await findInvite(admin.vault, () => true)).toBeNull();

  const record = { v: 2, id: invite.id, code: '', space, role: 'editor', expiresAt: Date.now() + 60_000 };
  await admin.vault.putPrivate(name, new TextEncoder().encode(JSON.stringify(record)));
  expect(await listInvites(admin.vault)).toEqual([]);
  expect(await findInvite(admin.vault, () => true)).toBeNull();
});
