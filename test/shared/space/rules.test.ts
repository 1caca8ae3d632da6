import * as c from '../../../shared/crypto';
import { createEntry, decodeEntry, openContent } from '../../../shared/log/entry';
import {
  ACCESS_RECORD_VERSION,
  SpaceAccess,
  addDevice,
  createSpace,
  encodeAccessRecord,
  removeDevice,
  rotateKey,
  setRole,
} from '../../../shared/space';
import { deliver, errorCode, newDevice, Writer, type Device } from './helpers';

beforeAll(() => c.initCrypto());

function spaceWith(roles: Record<string, 'admin' | 'editor' | 'viewer'>) {
  const admin = newDevice();
  const { access } = createSpace(admin.identity);
  const devices: Record<string, Device> = { admin };
  for (const [name, role] of Object.entries(roles)) {
    const d = newDevice();
    devices[name] = d;
    deliver(access, addDevice(access, admin.identity, d.card, role));
  }
  return { access, devices, admin };
}

const allowed = (access: SpaceAccess, e: ReturnType<Writer['write']>) => access.checkContentEntry(decodeEntry(e.bytes));

describe('space creation', () => {
  test('the creator is the only admin and holds the epoch 1 key', () => {
    const admin = newDevice();
    const { access } = createSpace(admin.identity);
    expect(access.members().map((m) => [m.card.id, m.role])).toEqual([[admin.id, 'admin']]);
    expect(access.currentEpoch()).toBe(1);
    expect(access.epochKey(1, admin.identity)).toHaveLength(32);
    expect(access.needsRotation()).toBe(false);
  });

  test('a create record for a space id not derived from its author is refused', () => {
    const admin = newDevice();
    const { access, entry } = createSpace(admin.identity);
    const thief = newDevice();
    const forged = createEntry(thief.identity, {
      log: 'access',
      space: access.space,
      seq: 1,
      prev: new Uint8Array(32) as c.Hash,
      payload: entry.ciphertext, // the creator's record, re-signed by someone else
    });
    const other = new SpaceAccess(access.space);
    expect(errorCode(() => other.applyAccessEntry(decodeEntry(forged.bytes)))).toBe('not-allowed');
    expect(other.members()).toEqual([]);
  });
});

describe('memory', () => {
  test('an access entry that arrived as a view into a batch is kept in a buffer of its own', () => {
    const admin = newDevice();
    const { access, entry } = createSpace(admin.identity);
    const other = new SpaceAccess(access.space);
    const batch = new Uint8Array(entry.bytes.length + 100_000);
    batch.set(entry.bytes, 100_000);
    other.applyAccessEntry(decodeEntry(batch.subarray(100_000)));
    const kept = other.entriesAfter(admin.id, 0);
    expect(kept.map((e) => e.id)).toEqual([entry.id]);
    expect(kept[0]!.bytes.buffer.byteLength).toBe(entry.bytes.length);
  });
});

describe('who may write content', () => {
  test('admins and editors may, viewers and strangers may not', () => {
    const { access, devices } = spaceWith({ editor: 'editor', viewer: 'viewer' });
    const stranger = newDevice();
    const key = { number: 1, key: access.epochKey(1, devices.admin!.identity) };
    expect(allowed(access, new Writer(devices.admin!, access.space).write('a', key)).ok).toBe(true);
    expect(allowed(access, new Writer(devices.editor!, access.space).write('e', key)).ok).toBe(true);
    const viewer = allowed(access, new Writer(devices.viewer!, access.space).write('v', key));
    expect(viewer).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect(allowed(access, new Writer(stranger, access.space).write('s', key)).ok).toBe(false);
  });

  test('an entry must use an epoch whose key its author held', () => {
    const { access, devices, admin } = spaceWith({ editor: 'editor' });
    const w = new Writer(devices.editor!, access.space);
    expect(allowed(access, w.write('x', { number: 2, key: c.newSymmetricKey() })).ok).toBe(false);
    deliver(access, rotateKey(access, admin.identity));
    const current = access.writingKey(devices.editor!.identity);
    expect(current.epoch).toBe(2);
    expect(allowed(access, w.write('y', { number: 2, key: current.key })).ok).toBe(true);
  });

  test('a content entry of another space is not checked as allowed', () => {
    const { access, admin } = spaceWith({});
    const e = new Writer(admin, c.randomId() as c.SpaceId).write('x', { number: 1, key: c.newSymmetricKey() });
    expect(access.checkContentEntry(e)).toMatchObject({ ok: false, error: { code: 'bad-entry' } });
  });

  test('a demoted editor: entries up to the cutoff stay valid, later ones are rejected', () => {
    const { access, devices, admin } = spaceWith({ editor: 'editor' });
    const w = new Writer(devices.editor!, access.space);
    const early = w.writeCurrent(access, 'before');
    deliver(access, setRole(access, admin.identity, devices.editor!.id, 'viewer', w.head));
    const late = w.writeCurrent(access, 'after');
    expect(allowed(access, early).ok).toBe(true);
    expect(allowed(access, late).ok).toBe(false);
    deliver(access, setRole(access, admin.identity, devices.editor!.id, 'editor', 0));
    expect(allowed(access, w.writeCurrent(access, 'promoted again')).ok).toBe(true);
  });
});

describe('who may change access', () => {
  test('an editor cannot: the builder refuses, and a hand-made record is neither kept nor has effect', () => {
    const { access, devices } = spaceWith({ editor: 'editor' });
    const editor = devices.editor!;
    const newcomer = newDevice();
    expect(errorCode(() => addDevice(access, editor.identity, newcomer.card, 'admin'))).toBe('not-allowed');
    expect(errorCode(() => rotateKey(access, editor.identity))).toBe('not-allowed');
    const forged = createEntry(editor.identity, {
      log: 'access',
      space: access.space,
      seq: 1,
      prev: new Uint8Array(32) as c.Hash,
      payload: encodeAccessRecord({
        v: ACCESS_RECORD_VERSION,
        type: 'set-role',
        parents: access.parentsForNewRecord(),
        device: editor.id,
        role: 'admin',
        cutoff: 0,
      }),
    });
    deliver(access, forged);
    expect(access.roleOf(editor.id)).toBe('editor');
    expect(access.entries().map((e) => e.id)).not.toContain(forged.id); // never an admin: not stored nor relayed
  });

  test('a viewer cannot remove anyone', () => {
    const { access, devices, admin } = spaceWith({ viewer: 'viewer' });
    expect(errorCode(() => removeDevice(access, devices.viewer!.identity, admin.id, 0))).toBe('not-allowed');
  });
});

describe('removal', () => {
  function removal() {
    const { access, devices, admin } = spaceWith({ gone: 'editor', stays: 'editor' });
    const gone = devices.gone!;
    const goneWriter = new Writer(gone, access.space);
    const before = goneWriter.writeCurrent(access, 'written while a member');
    // The removed device keeps a copy of the access log as it was, with its keys.
    const goneView = SpaceAccess.restore(access.space, access.entries());
    const remove = removeDevice(access, admin.identity, gone.id, goneWriter.head);
    deliver(access, remove);
    deliver(goneView, remove); // the access log is signed plaintext: assume it learns everything
    return { access, devices, admin, gone, goneWriter, goneView, before, remove };
  }

  test('starts a new epoch held by the others only', () => {
    const { access, devices, gone } = removal();
    expect(access.roleOf(gone.id)).toBeUndefined();
    expect(access.currentEpoch()).toBe(2);
    expect(access.epochKey(2, devices.stays!.identity)).toHaveLength(32);
    expect(access.needsRotation()).toBe(false);
  });

  test('its entries up to the cutoff stay valid; later ones are rejected, even with an old epoch', () => {
    const { access, goneWriter, goneView, before } = removal();
    expect(allowed(access, before).ok).toBe(true);
    const after = goneWriter.write('after removal', {
      number: 1,
      key: goneView.epochKey(1, goneWriter.device.identity),
    });
    expect(allowed(access, after)).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
  });

  test('the removed device, with its own identity and old keys, cannot open epoch 2 or what is written in it', () => {
    const { access, devices, gone, goneView, remove } = removal();
    const secret = new Writer(devices.stays!, access.space).writeCurrent(access, 'Rosa Parks, 555-0100');
    expect(secret.header.epoch).toBe(2);
    // Its own view of the log: it holds epoch 1, but no key of epoch 2.
    expect(goneView.epochKey(1, gone.identity)).toHaveLength(32);
    expect(errorCode(() => goneView.epochKey(2, gone.identity))).toBe('not-allowed');
    expect(errorCode(() => goneView.openContent(secret, gone.identity))).toMatch(/not-allowed|decrypt-failed/);
    // Brute force with everything it has: every sealed box and chained key in the removal record.
    const record = JSON.parse(c.utf8Decode(remove.ciphertext));
    for (const seal of record.rotation.seals) {
      expect(errorCode(() => c.openSealedToMe(gone.identity, c.fromBase64Url(seal.sealed)))).toBe('decrypt-failed');
    }
    for (const oldKey of goneView.epochKeys(1, gone.identity)) {
      expect(errorCode(() => openContent(secret, oldKey))).toBe('decrypt-failed');
    }
    // Those who stay can read it.
    expect(c.utf8Decode(access.openContent(secret, devices.stays!.identity))).toBe('Rosa Parks, 555-0100');
  });
});

describe('keys chained forward', () => {
  test('a device added after two rotations reads epoch 1 content through the chain', () => {
    const { access, admin } = spaceWith({});
    const w = new Writer(admin, access.space);
    const old = w.writeCurrent(access, 'history from epoch 1');
    deliver(access, rotateKey(access, admin.identity));
    deliver(access, rotateKey(access, admin.identity));
    const late = newDevice();
    const add = addDevice(access, admin.identity, late.card, 'viewer');
    // Only the epoch 3 key is sealed to the newcomer.
    expect(JSON.parse(c.utf8Decode(add.ciphertext)).grants).toHaveLength(1);
    deliver(access, add);
    const lateView = SpaceAccess.restore(access.space, access.entries().reverse());
    expect(lateView.currentEpoch()).toBe(3);
    expect(c.utf8Decode(lateView.openContent(old, late.identity))).toBe('history from epoch 1');
  });
});

describe('bad access entries', () => {
  test('a tampered access entry is rejected and changes nothing', () => {
    const { access, admin } = spaceWith({});
    const add = addDevice(access, admin.identity, newDevice().card, 'admin');
    const before = access.members();
    for (let i = 0; i < add.bytes.length; i += 11) {
      const bytes = add.bytes.slice();
      bytes[i]! ^= 0x01;
      expect(['bad-entry', 'bad-signature', 'invalid-data']).toContain(
        errorCode(() => access.applyAccessEntry(decodeEntry(bytes))),
      );
    }
    expect(access.members()).toEqual(before);
  });

  test('a signed but malformed record, or a content entry, is refused with a clear code', () => {
    const { access, admin } = spaceWith({});
    const head = access.heads()[0]!;
    const bad = (payload: string) =>
      createEntry(admin.identity, {
        log: 'access',
        space: access.space,
        seq: head.seq + 1,
        prev: head.hash,
        payload: c.utf8Encode(payload),
      });
    expect(errorCode(() => access.applyAccessEntry(bad('not json')))).toBe('invalid-data');
    expect(errorCode(() => access.applyAccessEntry(bad('{"v":2,"type":"rotate"}')))).toBe('invalid-data');
    const badBox = encodeAccessRecord({
      v: ACCESS_RECORD_VERSION,
      type: 'add',
      parents: access.parentsForNewRecord(),
      device: { id: newDevice().id, box: 'AAAA', boxSignature: 'AAAA' },
      role: 'viewer',
      grants: [{ key: access.parentsForNewRecord()[0]!, sealed: 'AAAA' }],
    });
    expect(errorCode(() => access.applyAccessEntry(bad(c.utf8Decode(badBox))))).toBe('invalid-data');
    const content = new Writer(admin, access.space).writeCurrent(access, 'x');
    expect(errorCode(() => access.applyAccessEntry(content))).toBe('bad-entry');
    expect(access.heads()).toEqual([head]);
  });

  test('a fork in the access log is reported and does not replace the first entry', () => {
    const { access, admin } = spaceWith({});
    const one = addDevice(access, admin.identity, newDevice().card, 'editor');
    const two = addDevice(access, admin.identity, newDevice().card, 'editor'); // same seq: a fork
    deliver(access, one);
    const result = access.applyAccessEntry(two);
    expect(result.status).toBe('fork');
    expect(access.forks()).toEqual([expect.objectContaining({ keptId: one.id, otherId: two.id, log: 'access' })]);
    expect(access.members()).toHaveLength(2);
  });

  test('an entry whose parents have not arrived waits, then takes effect', () => {
    const admin = newDevice();
    const { access, entry: create } = createSpace(admin.identity);
    const editor = newDevice();
    const add = addDevice(access, admin.identity, editor.card, 'editor');
    deliver(access, add);
    const other = newDevice();
    const add2 = addDevice(access, admin.identity, other.card, 'viewer');
    const peer = new SpaceAccess(access.space);
    expect(peer.applyAccessEntry(add2).status).toBe('buffered');
    expect(peer.applyAccessEntry(add).status).toBe('buffered');
    expect(peer.roleOf(editor.id)).toBeUndefined();
    expect(peer.applyAccessEntry(create).accepted).toHaveLength(3);
    expect(peer.roleOf(editor.id)).toBe('editor');
    expect(peer.roleOf(other.id)).toBe('viewer');
  });
});
