/**
 * Withdrawn keys (SECURITY.md "The access log against its own members"): a rotation that an honest
 * device adopted, and wrote with, before it learned that the rotation's author was removed
 * concurrently. The content stays readable by every member, members to come included; nobody
 * honest writes with the withdrawn key once it knows; a removed admin's records gain nothing.
 */
import * as c from '../../../shared/crypto';
import { chainKey } from '../../../shared/space/keys';
import {
  ACCESS_RECORD_VERSION,
  MAX_WITHDRAWN_LINKS,
  SpaceAccess,
  addDevice,
  createSpace,
  encodeAccessRecord,
  removeDevice,
  rotateKey,
  type AccessRecord,
} from '../../../shared/space';
import { deliver, newDevice, stateOf, Writer, type Device } from './helpers';
import { createEntry, decodeEntry, entryHash, type Entry } from '../../../shared/log/entry';

beforeAll(() => c.initCrypto());

/**
 * Creator h0 (admin), admin h1, editors h2 and h3, and an admin that turns hostile. The hostile
 * admin removes h1 and hands that removal to h2 only; h2 adopts its epoch-2 key and writes with it.
 * Meanwhile h0, not having seen it, removes the hostile admin (its own epoch-2 key).
 */
function scenario() {
  const h0 = newDevice();
  const { access } = createSpace(h0.identity);
  const [h1, h2, h3, hostile] = [newDevice(), newDevice(), newDevice(), newDevice()] as const;
  for (const [d, role] of [
    [h1, 'admin'],
    [h2, 'editor'],
    [h3, 'editor'],
    [hostile, 'admin'],
  ] as const) {
    deliver(access, addDevice(access, h0.identity, d.card, role));
  }
  const log = access.entries();
  const view = () =>
    SpaceAccess.restore(
      access.space,
      log.map((e) => decodeEntry(e.bytes)),
    );
  const hostileView = view();
  const removeH1 = removeDevice(hostileView, hostile.identity, h1.id, 0);
  deliver(hostileView, removeH1);
  const h2View = view();
  deliver(h2View, removeH1);
  const h2Writer = new Writer(h2, access.space);
  const written = h2Writer.writeCurrent(h2View, 'written by h2 with the key of the removal of h1');
  const h0View = view();
  const removeHostile = removeDevice(h0View, h0.identity, hostile.id, 0);
  deliver(h0View, removeHostile);
  return {
    space: access.space,
    log,
    view,
    h0,
    h1,
    h2,
    h3,
    hostile,
    hostileView,
    h2View,
    h2Writer,
    removeH1,
    removeHostile,
    written,
  };
}

const opens = (access: SpaceAccess, entry: Entry, who: Device): boolean => {
  try {
    return c.utf8Decode(access.openContent(decodeEntry(entry.bytes), who.identity)).length > 0;
  } catch {
    return false;
  }
};

describe('a key withdrawn after an honest member wrote with it', () => {
  test('an honest editor wrote with the epoch-2 key of a removal whose author was removed concurrently: every member reads it, members added later too, and nobody writes with that key again', () => {
    const s = scenario();
    expect(s.written.header.epoch).toBe(2);
    const withdrawnKey = s.h2View.keyById(s.removeH1.id, s.h2.identity)!;
    expect(s.h2View.writingKey(s.h2.identity).key).toEqual(withdrawnKey);

    // Everyone hears everything, in two orders.
    const peers = [s.h0, s.h1, s.h2, s.h3].map((d, i) => {
      const p = s.view();
      deliver(p, ...(i % 2 === 0 ? [s.removeH1, s.removeHostile] : [s.removeHostile, s.removeH1]));
      return p;
    });
    const [p0, p1, p2, p3] = peers as [SpaceAccess, SpaceAccess, SpaceAccess, SpaceAccess];
    for (const p of peers) {
      expect(stateOf(p)).toEqual(stateOf(p0));
      expect(p.roleOf(s.hostile.id)).toBeUndefined();
      expect(p.checkContentEntry(decodeEntry(s.written.bytes)).ok).toBe(true);
      // The withdrawn key is nobody's writing key, and no valid key of epoch 2.
      expect(p.view().state.keys.has(s.removeH1.id)).toBe(false);
    }
    // Those it was sealed to read h2's entry at once.
    expect(opens(p0, s.written, s.h0)).toBe(true);
    expect(opens(p2, s.written, s.h2)).toBe(true);
    expect(opens(p3, s.written, s.h3)).toBe(true);
    // h2 now writes with h0's key, which the removed device cannot open.
    const h2Key = p2.writingKey(s.h2.identity);
    expect(h2Key.key).not.toEqual(withdrawnKey);
    expect(h2Key.key).toEqual(p0.keyById(s.removeHostile.id, s.h0.identity));
    const later = s.h2Writer.write('written by h2 after it heard', { number: h2Key.epoch, key: h2Key.key });
    expect(opens(p0, later, s.h0)).toBe(true);
    expect(opens(p2, later, s.hostile)).toBe(false);

    // h1 (whom the withdrawn removal left out) is still a member: an admin holding the withdrawn key
    // is asked to rotate, and its rotation chains that key.
    // The removal of h1 is void (its author was removed concurrently, and h1 removed nobody).
    expect(p0.roleOf(s.h1.id)).toBe('admin');
    expect(opens(p1, s.written, s.h1)).toBe(false);
    expect(p0.needsRotation(s.h0.identity)).toBe(true);
    expect(p0.needsRotation()).toBe(false);
    const rotate = rotateKey(p0, s.h0.identity);
    for (const p of peers) deliver(p, rotate);
    expect(p0.needsRotation(s.h0.identity)).toBe(false);
    expect(opens(p1, s.written, s.h1)).toBe(true);
    expect(p0.keyById(rotate.id, s.hostile.identity)).toBeUndefined();

    // A member added afterwards reads it through the chain, and so does one added with a grant of it.
    const newcomer = newDevice();
    const add = addDevice(p0, s.h0.identity, newcomer.card, 'viewer');
    deliver(p0, add);
    expect(opens(p0, s.written, newcomer)).toBe(true);
    expect(opens(p0, later, newcomer)).toBe(true);
  });

  test('a member added before any rotation gets the withdrawn key with its grants', () => {
    const s = scenario();
    const p0 = s.view();
    deliver(p0, s.removeHostile, s.removeH1);
    const newcomer = newDevice();
    deliver(p0, addDevice(p0, s.h0.identity, newcomer.card, 'editor'));
    expect(opens(p0, s.written, newcomer)).toBe(true);
    // It holds it read only: it writes with the valid key.
    expect(p0.writingKey(newcomer.identity).key).toEqual(p0.keyById(s.removeHostile.id, s.h0.identity));
  });

  test("a removed admin's back-dated rotation cannot swap a valid key for one of its own through a chain link", () => {
    const s = scenario();
    const p0 = s.view();
    deliver(p0, s.removeHostile, s.removeH1);
    // h0 writes with its epoch-2 key, rotates, then adds a newcomer who reaches epoch 2 only through the chain.
    const h0Writer = new Writer(s.h0, s.space);
    const mine = h0Writer.writeCurrent(p0, 'written by h0 with its epoch-2 key');
    deliver(p0, rotateKey(p0, s.h0.identity));
    const newcomer = newDevice();
    deliver(p0, addDevice(p0, s.h0.identity, newcomer.card, 'editor'));
    // The removed admin signs a rotation naming the newest heads (so it is last in the order), sealed to
    // the newcomer, claiming a chain link that gives h0's epoch-2 key another value.
    const ownKey = c.newSymmetricKey();
    const record: AccessRecord = {
      v: ACCESS_RECORD_VERSION,
      type: 'rotate',
      parents: p0.parentsForNewRecord(),
      rotation: {
        epoch: 3,
        seals: [{ to: newcomer.id, sealed: c.toBase64Url(c.sealToDevice(newcomer.card, ownKey)) }],
        chain: [
          { key: s.removeHostile.id, sealed: chainKey(s.space, ownKey, s.removeHostile.id, c.newSymmetricKey()) },
        ],
      },
    };
    const hostileHead = p0.heads().find((h) => h.author === s.hostile.id)!;
    const forged = createEntry(s.hostile.identity, {
      log: 'access',
      space: s.space,
      seq: hostileHead.seq + 1,
      prev: hostileHead.hash,
      payload: encodeAccessRecord(record),
    });
    expect(p0.applyAccessEntry(decodeEntry(forged.bytes)).status).toBe('accepted');
    expect(p0.view().order.at(-1)!.entry.id).toBe(forged.id);
    expect(p0.view().state.withdrawn.has(forged.id)).toBe(true);
    // The newcomer still holds h0's real epoch-2 key, and reads with it.
    expect(p0.keyById(s.removeHostile.id, newcomer.identity)).toEqual(p0.keyById(s.removeHostile.id, s.h0.identity));
    expect(opens(p0, mine, newcomer)).toBe(true);
    expect(p0.writingKey(newcomer.identity).key).not.toEqual(ownKey);
    // And a rotation it cannot open (sealed to nobody here) asks no admin to rotate.
    expect(p0.needsRotation(s.h0.identity)).toBe(false);
  });

  test(`withdrawn keys are passed on at most ${MAX_WITHDRAWN_LINKS} a record: a removed admin's flood of them leaves rotations and adds valid`, () => {
    const s = scenario();
    const p0 = s.view();
    deliver(p0, s.removeHostile, s.removeH1);
    deliver(p0, rotateKey(p0, s.h0.identity));
    // The removed admin signs 100 back-dated rotations, each sealed to h0 only.
    let seq = p0.heads().find((h) => h.author === s.hostile.id)!.seq;
    let prev = p0.heads().find((h) => h.author === s.hostile.id)!.hash;
    for (let i = 0; i < 100; i++) {
      const e = createEntry(s.hostile.identity, {
        log: 'access',
        space: s.space,
        seq: ++seq,
        prev,
        payload: encodeAccessRecord({
          v: ACCESS_RECORD_VERSION,
          type: 'rotate',
          parents: [s.log.at(-1)!.id],
          rotation: {
            epoch: 2,
            seals: [
              {
                to: s.h0.id,
                sealed: c.toBase64Url(c.sealToDevice(c.deviceCardOf(s.h0.identity), c.newSymmetricKey())),
              },
            ],
            chain: [],
          },
        }),
      });
      prev = entryHash(e);
      expect(p0.applyAccessEntry(decodeEntry(e.bytes)).status).toBe('accepted');
    }
    expect(p0.view().state.withdrawnFrontier().length).toBeGreaterThanOrEqual(100);
    expect(p0.needsRotation(s.h0.identity)).toBe(true);
    const first = rotateKey(p0, s.h0.identity);
    deliver(p0, first);
    expect(p0.view().state.keys.has(first.id)).toBe(true);
    const links = (e: Entry) => JSON.parse(c.utf8Decode(e.ciphertext)).rotation.chain.length as number;
    expect(links(first)).toBe(1 + MAX_WITHDRAWN_LINKS);
    const second = rotateKey(p0, s.h0.identity);
    deliver(p0, second);
    expect(p0.needsRotation(s.h0.identity)).toBe(false);
    const add = addDevice(p0, s.h0.identity, newDevice().card, 'viewer');
    expect(p0.applyAccessEntry(decodeEntry(add.bytes)).status).toBe('accepted');
    expect(p0.members()).toHaveLength(5);
  });
});
