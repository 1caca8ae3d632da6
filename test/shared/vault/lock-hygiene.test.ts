/**
 * SECURITY.md "Key hygiene and the seized laptop": at lock, every secret the JavaScript holds is
 * dropped, and wiped where it is a buffer. Asserted on the real objects that held them.
 */
import { createChannelPair } from '../../../shared/sync/channel';
import { FrameOpener, FrameSealer } from '../../../shared/sync/frames';
import { startSession } from '../../../shared/sync/session';
import type { SymmetricKey } from '../../../shared/crypto';
import type { MasterKeys } from '../../../shared/vault/keys';
import { setField, spaceOfEditors } from '../sync/peers';

const zero = (b: Uint8Array) => b.length > 0 && b.every((x) => x === 0);

test('lock wipes the master keys, the device secrets and every epoch key the spaces opened', async () => {
  const { devices, handles } = await spaceOfEditors(['admin', 'editor'] as const);
  const [admin] = devices;
  const [handle] = handles;
  setField(handle, 'rosa', 'firstName', 'Rosa');
  await handle.flush();
  const identity = admin.vault.deviceIdentity();
  const master = (admin.vault as unknown as { keys: MasterKeys }).keys;
  const writing = handle.access.writingKey(identity).key;
  const epochKeys = [...handle.access.epochKeys(1, identity)];
  const access = handle.access as unknown as {
    keyrings: Map<string, Map<string, SymmetricKey>>;
    epochKeyLists: Map<string, unknown>;
  };
  expect(access.keyrings.size).toBeGreaterThan(0);
  expect([writing, ...epochKeys, master.master, identity.signSecret].some(zero)).toBe(false);

  await admin.vault.lock();

  expect(access.keyrings.size).toBe(0);
  expect(access.epochKeyLists.size).toBe(0);
  for (const key of [writing, ...epochKeys]) expect(zero(key)).toBe(true);
  for (const key of [master.master, master.meta, master.snapshot]) expect(zero(key)).toBe(true);
  expect(zero(identity.signSecret)).toBe(true);
  expect(zero(identity.boxSecret)).toBe(true);
  expect(admin.vault.locked).toBe(true);
});

test('a session that ends wipes the session keys of both directions', async () => {
  const { devices } = await spaceOfEditors(['one', 'two'] as const);
  const [one, two] = devices;
  const sealers: FrameSealer[] = [];
  const openers: FrameOpener[] = [];
  const realSeal = FrameSealer.prototype.seal;
  const realOpen = FrameOpener.prototype.open;
  jest.spyOn(FrameSealer.prototype, 'seal').mockImplementation(function (this: FrameSealer, p) {
    if (!sealers.includes(this)) sealers.push(this);
    return realSeal.call(this, p);
  });
  jest.spyOn(FrameOpener.prototype, 'open').mockImplementation(function (this: FrameOpener, b) {
    if (!openers.includes(this)) openers.push(this);
    return realOpen.call(this, b);
  });
  const [a, b] = createChannelPair();
  const spaces = (await one.vault.listSpaces()).map((s) => s.id);
  const key = [new Uint8Array(32).fill(7)]; // a discovery key both hold, for the membership proof
  const membershipKeys = () => key;
  const sa = startSession(a, {
    identity: one.vault.deviceIdentity(),
    role: 'initiator',
    spacesFor: () => spaces,
    membershipKeys,
  });
  const sb = startSession(b, {
    identity: two.vault.deviceIdentity(),
    role: 'responder',
    spacesFor: () => spaces,
    membershipKeys,
  });
  await Promise.all([sa.ready, sb.ready]);
  jest.restoreAllMocks();
  const keys = [...sealers, ...openers].map((x) => (x as unknown as { key: SymmetricKey }).key);
  expect(keys.length).toBe(4);
  expect(keys.some(zero)).toBe(false);
  sa.close();
  await Promise.all([sa.ended, sb.ended]);
  for (const key of keys) expect(zero(key)).toBe(true);
});
