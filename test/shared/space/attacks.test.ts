/**
 * The access log against its own members (SECURITY.md "The access log against its own members"):
 * each test performs an attack with records a member signs itself, with whatever parents it likes.
 */
import * as c from '../../../shared/crypto';
import { createEntry, decodeEntry, entryHash, ZERO_HASH, type Entry } from '../../../shared/log/entry';
import {
  ACCESS_RECORD_VERSION,
  SpaceAccess,
  MAX_WAITING_STRANGERS,
  addDevice,
  createSpace,
  encodeAccessRecord,
  removeDevice,
  rotateKey,
  setRole,
  type AccessRecord,
} from '../../../shared/space';
import { deliver, honestLog, newDevice, stateOf, Writer, type Device } from './helpers';

beforeAll(() => c.initCrypto());

/** Signs access records as `device` with any parents: what a hostile member can do. */
class Forger {
  private seq = 0;
  private prev: c.Hash = ZERO_HASH;
  constructor(
    readonly device: Device,
    readonly space: c.SpaceId,
  ) {}
  sign(record: AccessRecord): Entry {
    const e = createEntry(this.device.identity, {
      log: 'access',
      space: this.space,
      seq: ++this.seq,
      prev: this.prev,
      payload: encodeAccessRecord(record),
    });
    this.prev = entryHash(e);
    return e;
  }
}

const fakeId = (i: number) => c.toBase64Url(c.hash(c.utf8Encode(`missing parent ${i}`))).slice(0, 43);

function rotation(epoch: number, to: Device): AccessRecord & { type: 'rotate' } {
  return {
    v: ACCESS_RECORD_VERSION,
    type: 'rotate',
    parents: [fakeId(0)],
    rotation: { epoch, seals: [{ to: to.id, sealed: c.toBase64Url(c.randomBytes(80)) }], chain: [] },
  };
}

/** Creator `admin`, plus the given members; returns the log and the shared view. */
function space(roles: Record<string, 'admin' | 'editor' | 'viewer'>) {
  const admin = newDevice();
  const { access, entry } = createSpace(admin.identity);
  const log: Entry[] = [entry];
  const devices: Record<string, Device> = { admin };
  for (const [name, role] of Object.entries(roles)) {
    const d = newDevice();
    devices[name] = d;
    const add = addDevice(access, admin.identity, d.card, role);
    deliver(access, add);
    log.push(add);
  }
  return { access, log, devices, admin };
}

const accepted = (access: SpaceAccess, e: Entry) => access.applyAccessEntry(decodeEntry(e.bytes));

describe('attack 1: flooding the access log', () => {
  test.each(['viewer', 'editor', 'stranger'] as const)(
    'a %s signs 1,100 access entries naming missing parents: none is kept, and admin changes still apply',
    (kind) => {
      const { access, devices, admin } = space({ viewer: 'viewer', editor: 'editor', other: 'editor' });
      const hostile = kind === 'stranger' ? newDevice() : devices[kind]!;
      const forger = new Forger(hostile, access.space);
      for (let i = 0; i < 1100; i++) {
        const result = accepted(access, forger.sign(rotation(2, hostile)));
        expect(result.accepted).toEqual([]);
      }
      // Nothing of it is stored or offered to peers.
      expect(access.heads().map((h) => h.author)).not.toContain(hostile.id);
      // Every admin change still takes effect.
      const remove = removeDevice(access, admin.identity, devices.other!.id, 0);
      expect(accepted(access, remove)).toMatchObject({ status: 'accepted', accepted: [remove] });
      const rotate = rotateKey(access, admin.identity);
      expect(accepted(access, rotate).status).toBe('accepted');
      const add = addDevice(access, admin.identity, newDevice().card, 'editor');
      expect(accepted(access, add).status).toBe('accepted');
      expect(access.members()).toHaveLength(4);
    },
  );

  test('records of a member who never was an admin are not kept even when their parents are present', () => {
    const { access, devices } = space({ editor: 'editor' });
    const forger = new Forger(devices.editor!, access.space);
    const junk = forger.sign({ ...rotation(2, devices.editor!), parents: access.parentsForNewRecord() });
    expect(accepted(access, junk).accepted).toEqual([]);
    expect(access.entries()).toHaveLength(2);
    expect(access.heads().map((h) => h.author)).not.toContain(devices.editor!.id);
  });

  test('a flood of strangers (fresh device ids) holds a bounded amount of memory', () => {
    const { access } = space({});
    for (let i = 0; i < 100; i++) {
      const stranger = newDevice();
      const forger = new Forger(stranger, access.space);
      for (let j = 0; j < 2; j++) accepted(access, forger.sign(rotation(2, stranger)));
    }
    expect(access.waitingEntries()).toBe(MAX_WAITING_STRANGERS * 2);
  });

  test('strangers with device ids minted to sort first do not push out a newcomer who was waiting before them', () => {
    const { access, log, devices, admin } = space({ helper: 'editor' });
    const promote = setRole(access, admin.identity, devices.helper!.id, 'admin', 0);
    deliver(access, promote);
    const add = addDevice(access, devices.helper!.identity, newDevice().card, 'viewer');
    deliver(access, add);
    // A peer that has not seen the promotion yet: the new admin's entry waits, as a stranger's would.
    const late = SpaceAccess.restore(access.space, log);
    late.beginBatch();
    expect(accepted(late, add).accepted).toEqual([]);
    late.endBatch();
    // The attacker mints device ids until it has enough that sort before the newcomer's.
    const minted: Device[] = [];
    while (minted.length < MAX_WAITING_STRANGERS) {
      const d = newDevice();
      if (d.id < devices.helper!.id) minted.push(d);
    }
    late.beginBatch();
    for (const d of minted) accepted(late, new Forger(d, access.space).sign(rotation(2, d)));
    late.endBatch();
    // The newcomer's entry was still waiting: the promotion releases it.
    expect(accepted(late, promote).accepted.map((e) => e.id)).toEqual([promote.id, add.id]);
  });

  test('entries of a new admin that arrive before its promotion wait, then take effect', () => {
    const { access, log, devices, admin } = space({ helper: 'editor' });
    const promote = setRole(access, admin.identity, devices.helper!.id, 'admin', 0);
    deliver(access, promote);
    const add = addDevice(access, devices.helper!.identity, newDevice().card, 'viewer');
    deliver(access, add);
    const late = SpaceAccess.restore(access.space, log);
    expect(accepted(late, add).accepted).toEqual([]);
    expect(accepted(late, promote).accepted.map((e) => e.id)).toEqual([promote.id, add.id]);
    expect(stateOf(late)).toEqual(stateOf(access));
  });

  test('restore does not depend on the order of storage: an author sorting first fills no queue', () => {
    const { access, devices, admin } = space({ editor: 'editor' });
    const second = newDevice();
    deliver(access, addDevice(access, admin.identity, second.card, 'admin'));
    // The second admin signs 1,100 records; storage hands back its records before the creator's.
    const forger = new Forger(second, access.space);
    let parents = access.parentsForNewRecord();
    const mine: Entry[] = [];
    for (let i = 0; i < 1100; i++) {
      const role = i % 2 === 0 ? 'viewer' : 'editor';
      const e = forger.sign({
        v: ACCESS_RECORD_VERSION,
        type: 'set-role',
        parents,
        device: devices.editor!.id,
        role,
        cutoff: 0,
      });
      parents = [e.id];
      mine.push(e);
    }
    deliver(access, ...mine);
    const theirs = access.entries().filter((e) => e.header.author !== second.id);
    const restored = SpaceAccess.restore(
      access.space,
      [...mine, ...theirs].map((e) => decodeEntry(e.bytes)),
    );
    expect(stateOf(restored)).toEqual(stateOf(access));
    expect(restored.members()).toHaveLength(3);
    expect(restored.entries()).toHaveLength(1103);
  });
});

describe('attack 3: a removed admin undoes its own removal', () => {
  /** Creator C, admins Y and W, editor E; everyone has seen everything. C keeps a copy of its view. */
  function setup() {
    const { access, log, devices, admin } = space({ y: 'admin', w: 'admin', e: 'editor' });
    const creator = admin;
    const peers = () =>
      [0, 1, 2].map(() =>
        SpaceAccess.restore(
          access.space,
          log.map((e) => decodeEntry(e.bytes)),
        ),
      );
    const creatorView = SpaceAccess.restore(access.space, log);
    const creatorWriter = new Writer(creator, access.space);
    return { access, log, y: devices.y!, w: devices.w!, e: devices.e!, creator, peers, creatorView, creatorWriter };
  }

  test('the removed creator signs "remove Y" with parents from before its removal: both are removed, in either order, on three peers', () => {
    const s = setup();
    const yView = SpaceAccess.restore(s.access.space, s.log);
    const removeCreator = removeDevice(yView, s.y.identity, s.creator.id, 0);
    // The creator's laptop, seized, answers with a removal of Y built on its old view.
    const revenge = removeDevice(s.creatorView, s.creator.identity, s.y.id, 0);
    const [p1, p2, p3] = s.peers() as [SpaceAccess, SpaceAccess, SpaceAccess];
    deliver(p1, removeCreator, revenge);
    deliver(p2, revenge, removeCreator);
    deliver(p3, revenge);
    deliver(p3, removeCreator);
    for (const p of [p1, p2, p3]) {
      expect(p.roleOf(s.creator.id)).toBeUndefined();
      expect(p.roleOf(s.y.id)).toBeUndefined();
      expect(p.roleOf(s.w.id)).toBe('admin');
      expect(p.needsRotation()).toBe(true);
    }
    expect(stateOf(p1)).toEqual(stateOf(p2));
    expect(stateOf(p1)).toEqual(stateOf(p3));
    // The remaining admin rotates: the new key reaches neither removed device.
    const rotate = rotateKey(p1, s.w.identity);
    for (const p of [p1, p2, p3]) deliver(p, rotate);
    const sealedTo = JSON.parse(c.utf8Decode(rotate.ciphertext)).rotation.seals.map((x: { to: string }) => x.to);
    expect(sealedTo.sort()).toEqual([s.w.id, s.e.id].sort());
    expect(p1.needsRotation()).toBe(false);
  });

  test('a removed creator signs removals, demotions, adds and rotations with old parents: none takes effect', () => {
    const s = setup();
    const yView = SpaceAccess.restore(s.access.space, s.log);
    const removeCreator = removeDevice(yView, s.y.identity, s.creator.id, s.creatorWriter.head);
    const cv = s.creatorView;
    const me = s.creator.identity;
    const hostile: Entry[] = [];
    const act = (build: () => Entry) => {
      const e = build();
      deliver(cv, e);
      hostile.push(e);
    };
    const puppet = newDevice();
    act(() => setRole(cv, me, s.w.id, 'viewer', 0));
    act(() => setRole(cv, me, s.e.id, 'viewer', 0));
    act(() => addDevice(cv, me, puppet.card, 'admin'));
    act(() => rotateKey(cv, me));
    // Its puppet, an admin in the creator's view, removes W and promotes the creator back.
    const puppetRemovesW = removeDevice(cv, puppet.identity, s.w.id, 0);
    deliver(cv, puppetRemovesW);
    hostile.push(puppetRemovesW);
    for (const order of [
      [removeCreator, ...hostile],
      [...hostile, removeCreator],
      [...hostile.slice(0, 2), removeCreator, ...hostile.slice(2)],
    ]) {
      const p = SpaceAccess.restore(s.access.space, s.log);
      deliver(p, ...order);
      expect(p.roleOf(s.creator.id)).toBeUndefined();
      expect(p.roleOf(puppet.id)).toBeUndefined();
      expect(p.roleOf(s.w.id)).toBe('admin');
      expect(p.roleOf(s.y.id)).toBe('admin');
      expect(p.roleOf(s.e.id)).toBe('editor');
      // Its rotation key is used by nobody.
      expect(p.writingKey(s.w.identity).epoch).toBe(2);
      expect(p.epochKeys(2, s.w.identity)).toHaveLength(1);
      // And its content written after its removal is refused, whatever epoch it claims.
      const late = s.creatorWriter.write('after removal', { number: 1, key: cv.epochKey(1, me) });
      expect(p.checkContentEntry(decodeEntry(late.bytes)).ok).toBe(false);
    }
  });

  test('a removed device cannot be re-added by an admin who had not seen its removal, only by one who had', () => {
    const s = setup();
    const yView = SpaceAccess.restore(s.access.space, s.log);
    const wView = SpaceAccess.restore(s.access.space, s.log);
    const removeE = removeDevice(yView, s.y.identity, s.e.id, 0);
    // W, not having seen it, changes E's role (as if to re-grant it).
    const promoteE = setRole(wView, s.w.identity, s.e.id, 'admin', 0);
    const p = SpaceAccess.restore(s.access.space, s.log);
    deliver(p, promoteE, removeE);
    expect(p.roleOf(s.e.id)).toBeUndefined();
    // W, having seen the removal, adds E back.
    deliver(wView, removeE, promoteE);
    const readd = addDevice(wView, s.w.identity, s.e.card, 'editor');
    deliver(p, readd);
    expect(p.roleOf(s.e.id)).toBe('editor');
  });

  test('a removed editor cannot withdraw what others wrote, nor keep writing', () => {
    const s = setup();
    const yView = SpaceAccess.restore(s.access.space, s.log);
    const eWriter = new Writer(s.e, s.access.space);
    const early = eWriter.writeCurrent(yView, 'written by E while a member');
    const removeCreator = removeDevice(yView, s.y.identity, s.creator.id, 0);
    // The creator demotes E to viewer with cutoff 0, back-dated.
    const demote = setRole(s.creatorView, s.creator.identity, s.e.id, 'viewer', 0);
    const p = SpaceAccess.restore(s.access.space, s.log);
    deliver(p, demote, removeCreator);
    expect(p.checkContentEntry(decodeEntry(early.bytes)).ok).toBe(true);
  });
});

describe('restoring a long honest log', () => {
  test('5,000 records across 6 admins restore to exactly the state they had, in any storage order', () => {
    const { space, entries, views } = honestLog(6, 5000);
    const reference = stateOf(views[0]!);
    for (const v of views) expect(stateOf(v)).toEqual(reference);
    expect(entries.length).toBeGreaterThanOrEqual(5000);
    expect(reference.order).toHaveLength(entries.length);
    // Storage returns them by author, then seq; also try the reverse.
    const keyOrder = [...entries].sort((x, y) =>
      x.header.author === y.header.author ? x.header.seq - y.header.seq : x.header.author < y.header.author ? -1 : 1,
    );
    expect(stateOf(SpaceAccess.restore(space, keyOrder))).toEqual(reference);
    expect(stateOf(SpaceAccess.restore(space, [...keyOrder].reverse()))).toEqual(reference);
  }, 180_000);
});
