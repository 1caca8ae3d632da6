import fc from 'fast-check';
import * as c from '../../../shared/crypto';
import type { Entry } from '../../../shared/log/entry';
import { SpaceAccess, addDevice, createSpace, removeDevice, rotateKey, setRole } from '../../../shared/space';
import { deliver, newDevice, stateOf, Writer, type Device } from './helpers';

beforeAll(() => c.initCrypto());

/** One admin's copy of the access log, fed only what that admin has seen. */
class Peer {
  readonly seen: Entry[] = [];
  constructor(
    readonly device: Device,
    readonly access: SpaceAccess,
  ) {}
  static join(device: Device, space: c.SpaceId, entries: Entry[]): Peer {
    const peer = new Peer(device, new SpaceAccess(space));
    peer.receive(...entries);
    return peer;
  }
  receive(...entries: Entry[]): void {
    deliver(this.access, ...entries);
    this.seen.push(...entries);
  }
  /** Builds an entry with this peer's view and applies it locally. */
  act(build: (access: SpaceAccess, me: c.DeviceIdentity) => Entry): Entry {
    const e = build(this.access, this.device.identity);
    this.receive(e);
    return e;
  }
}

/** Creator A, admins B and E (B added before E), editor C. Everyone has seen everything. */
function setup() {
  const [a, b, e, cc] = [newDevice(), newDevice(), newDevice(), newDevice()];
  const { access, entry } = createSpace(a.identity);
  const log: Entry[] = [entry];
  for (const [d, role] of [
    [b, 'admin'],
    [e, 'admin'],
    [cc, 'editor'],
  ] as const) {
    const add = addDevice(access, a.identity, d.card, role);
    deliver(access, add);
    log.push(add);
  }
  const peer = (d: Device) => Peer.join(d, access.space, log);
  return { a, b, e, c: cc, log, space: access.space, peer };
}

function everyone(space: c.SpaceId, entries: Entry[]): SpaceAccess {
  return SpaceAccess.restore(space, entries);
}

describe('concurrent admin changes', () => {
  test('A removes C while B adds D: both happen, and the next rotation covers the new member set', () => {
    const s = setup();
    const A = s.peer(s.a);
    const B = s.peer(s.b);
    const d = newDevice();
    const remove = A.act((acc, me) => removeDevice(acc, me, s.c.id, 0));
    const add = B.act((acc, me) => addDevice(acc, me, d.card, 'editor'));
    A.receive(add);
    B.receive(remove);
    expect(stateOf(A.access)).toEqual(stateOf(B.access));
    expect(A.access.roleOf(s.c.id)).toBeUndefined();
    expect(A.access.roleOf(d.id)).toBe('editor');
    // The epoch 2 key was sealed without D (A did not know D): rotate again.
    expect(A.access.needsRotation()).toBe(true);
    const fix = B.act((acc, me) => rotateKey(acc, me));
    A.receive(fix);
    expect(A.access.needsRotation()).toBe(false);
    expect(stateOf(A.access)).toEqual(stateOf(B.access));
    // D now reads the newest epoch; removed C does not, even from its own full copy of the log.
    const cView = everyone(s.space, [...A.seen]);
    expect(cView.epochKey(3, d.identity)).toEqual(A.access.epochKey(3, s.a.identity));
    expect(() => cView.epochKey(3, s.c.identity)).toThrow();
    expect(() => cView.epochKey(2, s.c.identity)).toThrow();
  });

  test('two admins removing each other, neither having seen the other: both are removed, whatever the entry ids', () => {
    for (let i = 0; i < 6; i++) {
      const s = setup();
      const B = s.peer(s.b);
      const E = s.peer(s.e);
      const bRemovesE = B.act((acc, me) => removeDevice(acc, me, s.e.id, 0));
      const eRemovesB = E.act((acc, me) => removeDevice(acc, me, s.b.id, 0));
      B.receive(eRemovesB);
      E.receive(bRemovesE);
      expect(stateOf(B.access)).toEqual(stateOf(E.access));
      expect(B.access.roleOf(s.b.id)).toBeUndefined();
      expect(B.access.roleOf(s.e.id)).toBeUndefined();
      expect(B.access.roleOf(s.a.id)).toBe('admin');
      // Neither removal's key takes effect (each is known to a removed device): the remaining admin rotates.
      expect(B.access.currentEpoch()).toBe(1);
      expect(B.access.needsRotation()).toBe(true);
      const A = s.peer(s.a);
      A.receive(bRemovesE, eRemovesB);
      const fix = A.act((acc, me) => rotateKey(acc, me));
      B.receive(fix);
      E.receive(fix);
      expect(stateOf(B.access)).toEqual(stateOf(A.access));
      expect(A.access.needsRotation()).toBe(false);
      expect(() => E.access.epochKey(2, s.e.identity)).toThrow();
      expect(() => B.access.epochKey(2, s.b.identity)).toThrow();
    }
  });

  test('a removed admin cannot undo its removal by back-dating: its counter-removal only takes its remover with it', () => {
    const s = setup();
    const A = s.peer(s.a);
    const stale = s.peer(s.e); // E's copy from before its removal
    const removeE = A.act((acc, me) => removeDevice(acc, me, s.e.id, 0));
    const revenge = stale.act((acc, me) => removeDevice(acc, me, s.a.id, 0));
    const demote = stale.act((acc, me) => setRole(acc, me, s.b.id, 'viewer', 0));
    A.receive(revenge, demote);
    expect(A.access.roleOf(s.e.id)).toBeUndefined();
    expect(A.access.roleOf(s.a.id)).toBeUndefined(); // removed each other: both are removed
    expect(A.access.roleOf(s.b.id)).toBe('admin'); // B did not remove E: E's demotion of B is void
    const late = everyone(s.space, [demote, revenge, removeE, ...s.log]);
    expect(stateOf(late)).toEqual(stateOf(A.access));
  });

  test('two admins remove the same editor concurrently: what each wrote under its own removal key stays readable', () => {
    const s = setup();
    const A = s.peer(s.a);
    const B = s.peer(s.b);
    const byA = A.act((acc, me) => removeDevice(acc, me, s.c.id, 0));
    const byB = B.act((acc, me) => removeDevice(acc, me, s.c.id, 0));
    const fromA = new Writer(s.a, s.space).writeCurrent(A.access, 'written after A removed C');
    const fromB = new Writer(s.b, s.space).writeCurrent(B.access, 'written after B removed C');
    A.receive(byB);
    B.receive(byA);
    expect(stateOf(A.access)).toEqual(stateOf(B.access));
    expect(A.access.roleOf(s.c.id)).toBeUndefined();
    for (const peer of [A, B]) {
      expect(c.utf8Decode(peer.access.openContent(fromA, peer.device.identity))).toBe('written after A removed C');
      expect(c.utf8Decode(peer.access.openContent(fromB, peer.device.identity))).toBe('written after B removed C');
    }
  });

  test('concurrent rotations: both keys readable, needsRotation until one rotation chains them', () => {
    const s = setup();
    const A = s.peer(s.a);
    const B = s.peer(s.b);
    const rotA = A.act((acc, me) => rotateKey(acc, me));
    const rotB = B.act((acc, me) => rotateKey(acc, me));
    const fromA = new Writer(s.a, s.space).writeCurrent(A.access, 'written under A rotation');
    const fromB = new Writer(s.b, s.space).writeCurrent(B.access, 'written under B rotation');
    A.receive(rotB);
    B.receive(rotA);
    expect(stateOf(A.access)).toEqual(stateOf(B.access));
    expect(A.access.currentEpoch()).toBe(2);
    expect(A.access.needsRotation()).toBe(true);
    for (const peer of [A, B]) {
      expect(c.utf8Decode(peer.access.openContent(fromA, peer.device.identity))).toBe('written under A rotation');
      expect(c.utf8Decode(peer.access.openContent(fromB, peer.device.identity))).toBe('written under B rotation');
      expect(peer.access.checkContentEntry(fromA).ok && peer.access.checkContentEntry(fromB).ok).toBe(true);
    }
    A.act((acc, me) => rotateKey(acc, me));
    expect(A.access.needsRotation()).toBe(false);
    // A newcomer added now reaches both epoch 2 keys through the epoch 3 chain.
    const d = newDevice();
    A.act((acc, me) => addDevice(acc, me, d.card, 'viewer'));
    const dView = everyone(s.space, A.seen);
    expect(c.utf8Decode(dView.openContent(fromA, d.identity))).toBe('written under A rotation');
    expect(c.utf8Decode(dView.openContent(fromB, d.identity))).toBe('written under B rotation');
  });
});

describe('delivery order', () => {
  test('shuffled and duplicated delivery of the same access entries gives identical state', () => {
    const s = setup();
    const A = s.peer(s.a);
    const B = s.peer(s.b);
    const E = s.peer(s.e);
    const [d, f] = [newDevice(), newDevice()];
    const extra = [
      A.act((acc, me) => removeDevice(acc, me, s.c.id, 3)),
      B.act((acc, me) => addDevice(acc, me, d.card, 'editor')),
      E.act((acc, me) => removeDevice(acc, me, s.b.id, 0)),
      B.act((acc, me) => rotateKey(acc, me)),
      A.act((acc, me) => addDevice(acc, me, f.card, 'viewer')),
      A.act((acc, me) => setRole(acc, me, f.id, 'admin', 0)),
    ];
    const all = [...s.log, ...extra];
    const reference = stateOf(everyone(s.space, all));
    expect(reference.order).toHaveLength(all.length);
    fc.assert(
      fc.property(fc.shuffledSubarray([...all, ...all], { minLength: all.length * 2 }), (order) => {
        expect(stateOf(everyone(s.space, order))).toEqual(reference);
      }),
      { numRuns: 40 },
    );
  });
});
