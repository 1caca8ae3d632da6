/**
 * Device cards in the access log (SECURITY.md "Device cards and invites"): every place that seals
 * an epoch key to a box key checks that the device signed it, and a card whose signature does
 * not verify never enters the state, whoever signed the record that carries it.
 */
import * as c from '../../../shared/crypto';
import { createEntry } from '../../../shared/log/entry';
import {
  ACCESS_RECORD_VERSION,
  addDevice,
  cardRecordOf,
  createSpace,
  encodeAccessRecord,
  rotateKey,
  SpaceAccess,
  type AccessRecord,
} from '../../../shared/space';
import { deliver, errorCode, newDevice, type Device } from './helpers';

beforeAll(() => c.initCrypto());

/** An admin's device that signs whatever record it is given (a modified app). */
function signed(access: SpaceAccess, admin: Device, record: Omit<AccessRecord, 'v' | 'parents'>) {
  const head = access.heads().find((h) => h.author === admin.id)!;
  return createEntry(admin.identity, {
    log: 'access',
    space: access.space,
    seq: head.seq + 1,
    prev: head.hash,
    payload: encodeAccessRecord({
      v: ACCESS_RECORD_VERSION,
      parents: access.parentsForNewRecord(),
      ...record,
    } as AccessRecord),
  });
}

test('an admin adding a card whose box key was swapped on the way is refused with bad-device-card, nothing signed', () => {
  const admin = newDevice();
  const { access } = createSpace(admin.identity);
  const relay = c.generateDeviceIdentity();
  const invitee = newDevice();
  const swapped: c.DeviceCard = { ...invitee.card, boxPublic: relay.boxPublic };
  const heads = JSON.stringify(access.heads());
  expect(errorCode(() => addDevice(access, admin.identity, swapped, 'editor'))).toBe('bad-device-card');
  expect(JSON.stringify(access.heads())).toBe(heads);
  // The same card with its own box key goes in.
  deliver(access, addDevice(access, admin.identity, invitee.card, 'editor'));
  expect(access.roleOf(invitee.id)).toBe('editor');
});

test('a record carrying a card with a swapped box key has no effect, and later rotations seal nothing to that key', () => {
  const admin = newDevice();
  const { access } = createSpace(admin.identity);
  const relay = c.generateDeviceIdentity();
  const invitee = newDevice();
  const grants = access
    .view()
    .state.frontier()
    .map((k) => ({ key: k.id, sealed: c.toBase64Url(c.randomBytes(80)) }));
  // A modified admin app skips the builder's check: the record is signed and stored...
  const forged = signed(access, admin, {
    type: 'add',
    device: { ...cardRecordOf(invitee.card), box: c.toBase64Url(relay.boxPublic) },
    role: 'editor',
    grants,
  } as never);
  deliver(access, forged);
  expect(access.entries().map((e) => e.id)).toContain(forged.id);
  // ... but the card never enters the state: no member, no key held.
  expect(access.roleOf(invitee.id)).toBeUndefined();
  expect(access.members().map((m) => m.card.id)).toEqual([admin.id]);
  // A rotation by any admin seals only to the members' signed box keys: the relay opens nothing.
  const rotation = rotateKey(access, admin.identity);
  deliver(access, rotation);
  const record = JSON.parse(c.utf8Decode(rotation.ciphertext)) as { rotation: { seals: { sealed: string }[] } };
  for (const seal of record.rotation.seals) {
    expect(() => c.openSealedToMe(relay, c.fromBase64Url(seal.sealed))).toThrow();
  }
  expect(record.rotation.seals).toHaveLength(1);
});

test('a space whose creation card does not hold together has no members at all', () => {
  const admin = newDevice();
  const relay = c.generateDeviceIdentity();
  const { access, entry } = createSpace(admin.identity);
  const record = JSON.parse(c.utf8Decode(entry.ciphertext)) as AccessRecord & { type: 'create' };
  const forged = createEntry(admin.identity, {
    log: 'access',
    space: access.space,
    seq: 1,
    prev: new Uint8Array(32) as c.Hash,
    payload: encodeAccessRecord({ ...record, creator: { ...record.creator, box: c.toBase64Url(relay.boxPublic) } }),
  });
  const other = new SpaceAccess(access.space);
  deliver(other, forged);
  expect(other.members()).toEqual([]);
  expect(errorCode(() => rotateKey(other, admin.identity))).toBe('not-allowed');
});
