/**
 * The adversarial model behind the property test and `npm run soak` (SECURITY.md "The access log
 * against its own members"): 3–5 honest peers, each with its own copy of the access log (a real
 * SpaceAccess) and content, doing random honest operations with partitions (a peer hears another
 * only when the scenario says so); plus one hostile member that signs access and content records
 * with arbitrary parents, roles, epochs and sizes, built on any stale view, and hands them to
 * anyone in any order. `run` checks the invariants on every honest peer and throws on a violation.
 */
import fc from 'fast-check';
import * as c from '../../../shared/crypto';
import { createEntry, entryHash, ZERO_HASH, type Entry } from '../../../shared/log/entry';
import {
  ACCESS_RECORD_VERSION,
  SpaceAccess,
  addDevice,
  cardRecordOf,
  createSpace,
  encodeAccessRecord,
  removeDevice,
  rotateKey,
  setRole,
  type AccessRecord,
  type Role,
} from '../../../shared/space';
import { ancestors } from '../../../shared/space/order';
import { cardRecordVerifies } from '../../../shared/space/keys';
import type { CardRecord } from '../../../shared/space/records';
import { newDevice, stateOf, Writer, type Device } from './helpers';

const ROLES: readonly Role[] = ['admin', 'editor', 'viewer'];

export type Op =
  | { kind: 'edit'; peer: number }
  | { kind: 'add'; peer: number; role: number }
  | { kind: 'remove'; peer: number; target: number }
  | { kind: 'role'; peer: number; target: number; role: number }
  | { kind: 'rotate'; peer: number }
  | { kind: 'sync'; from: number; to: number; seed: number }
  | { kind: 'forge'; type: number; target: number; role: number; epoch: number; parents: number[]; stale: number }
  | { kind: 'build'; action: number; target: number; role: number; stale: number }
  | { kind: 'scrawl'; epoch: number; skip: number; key: number }
  | { kind: 'hand'; to: number[]; seed: number; content: boolean };

export interface Scenario {
  readonly peers: number;
  readonly hostileRole: number;
  readonly ops: readonly Op[];
}

const pick = fc.nat(1000);

export const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.integer({ min: 3, max: 5 }).chain((peers) =>
  fc.record({
    peers: fc.constant(peers),
    hostileRole: fc.nat(2),
    ops: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), peer: fc.nat(peers - 1) }) },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant('add' as const), peer: fc.nat(peers - 1), role: fc.nat(2) }),
        },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant('remove' as const), peer: fc.nat(peers - 1), target: pick }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant('role' as const),
            peer: fc.nat(peers - 1),
            target: pick,
            role: fc.nat(2),
          }),
        },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('rotate' as const), peer: fc.nat(peers - 1) }) },
        {
          weight: 4,
          arbitrary: fc.record({
            kind: fc.constant('sync' as const),
            from: fc.nat(peers - 1),
            to: fc.nat(peers - 1),
            seed: pick,
          }),
        },
        {
          weight: 2,
          arbitrary: fc.record({
            kind: fc.constant('forge' as const),
            type: fc.nat(4),
            target: pick,
            role: fc.nat(2),
            epoch: fc.integer({ min: 1, max: 12 }),
            parents: fc.array(pick, { maxLength: 6 }),
            stale: pick,
          }),
        },
        {
          weight: 2,
          arbitrary: fc.record({
            kind: fc.constant('build' as const),
            action: fc.nat(3),
            target: pick,
            role: fc.nat(2),
            stale: pick,
          }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant('scrawl' as const),
            epoch: fc.integer({ min: 1, max: 12 }),
            skip: fc.nat(2),
            key: pick,
          }),
        },
        {
          weight: 2,
          arbitrary: fc.record({
            kind: fc.constant('hand' as const),
            to: fc.array(fc.nat(peers - 1), { minLength: 1, maxLength: peers }),
            seed: pick,
            content: fc.boolean(),
          }),
        },
      ),
      { minLength: 10, maxLength: 40 },
    ),
  }),
);

/** A deterministic shuffle (the scenario gives the seed). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed + 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

class Violation extends Error {}
function check(condition: boolean, what: string): void {
  if (!condition) throw new Violation(what);
}

class Peer {
  readonly content = new Map<string, Entry>();
  /** Set once this peer has taken an honest removal of the hostile device and shows it removed. */
  hostileRemoved = false;
  constructor(
    readonly device: Device,
    readonly access: SpaceAccess,
    readonly writer: Writer,
  ) {}
}

/** Runs one scenario; throws (a Violation or any error) when an invariant fails. */
export function run(scenario: Scenario): void {
  const honest = Array.from({ length: scenario.peers }, () => newDevice());
  const hostile = newDevice();
  const creator = honest[0]!;
  const { access: seed } = createSpace(creator.identity);
  const space = seed.space;
  const identities = new Map<string, c.DeviceIdentity>(
    [...honest, hostile].map((d) => [d.id, d.identity] as [string, c.DeviceIdentity]),
  );
  const log: Entry[] = [...seed.entries()];
  const honestIds = new Set<string>(honest.map((d) => d.id));
  const build = (e: Entry) => {
    seed.applyAccessEntry(e);
    log.push(e);
  };
  for (const d of honest.slice(1))
    build(addDevice(seed, creator.identity, d.card, d === honest[1] ? 'admin' : 'editor'));
  build(addDevice(seed, creator.identity, hostile.card, ROLES[scenario.hostileRole]!));
  const peers = honest.map((d) => new Peer(d, SpaceAccess.restore(space, log), new Writer(d, space)));
  const hostileView = SpaceAccess.restore(space, log);
  const hostileWriter = new Writer(hostile, space);
  let hostileSeq = 0;
  let hostilePrev: c.Hash = ZERO_HASH;
  /** Everything anyone signed, for the hostile device to name and hand on. */
  const allAccess: Entry[] = [...log];
  const allContent: Entry[] = [];
  const hostileOut: Entry[] = [];
  const everyone = () => [...new Set([...honest.map((d) => d.id), hostile.id, ...identities.keys()])];

  const honestTake = (peer: Peer, entries: readonly Entry[]) => {
    for (const e of entries) {
      if (e.header.log === 'access') {
        // Honest traffic never fails fatally (a session would close on it).
        const result = peer.access.applyAccessEntry(e);
        if (honestIds.has(e.header.author)) check(result.status !== 'fork', 'an honest entry is a fork');
      } else if (!peer.content.has(e.id)) {
        peer.content.set(e.id, e);
      }
    }
    watch(peer);
  };
  /** Content entries the rules allow here, and (for a member) those it can open among them. */
  const allowed = (peer: Peer) =>
    [...peer.content.values()]
      .filter((e) => peer.access.checkContentEntry(e).ok)
      .map((e) => e.id)
      .sort();
  const opened = (peer: Peer) =>
    allowed(peer).filter((id) => {
      const e = peer.content.get(id)!;
      try {
        peer.access.openContent(e, peer.device.identity);
        return true;
      } catch (err) {
        const code = (err as { code?: string }).code;
        check(code === 'not-allowed' || code === 'decrypt-failed', `content fails with ${code}`);
        // An allowed honest entry opens for every member: its author sealed it with a key members hold.
        check(!honestIds.has(e.header.author), 'an allowed honest entry does not open for a member');
        return false;
      }
    });

  /** Invariants checked after every change at a peer. */
  const watch = (peer: Peer) => {
    const { order, state } = peer.access.view();
    const nodes = new Map(order.map((n) => [n.entry.id, n]));
    const honestRemovals = order.filter(
      (n) =>
        n.record.type === 'remove' &&
        n.record.device === hostile.id &&
        honestIds.has(n.entry.header.author) &&
        state.effective.has(n.entry.id),
    );
    const member = state.members.has(hostile.id);
    if (peer.hostileRemoved) check(!member, 'a removed device is a member again');
    if (honestRemovals.length > 0 && !member) peer.hostileRemoved = true;
    if (peer.hostileRemoved) {
      // No key introduced after its removal is sealed or granted to it, and it can open none.
      for (const key of state.keys.values()) {
        const after = honestRemovals.some((r) => ancestors(nodes, key.id).has(r.entry.id));
        if (!after) continue;
        check(!key.sealedTo.has(hostile.id), 'a key after the removal is sealed to the removed device');
        check(peer.access.keyById(key.id, hostile.identity) === undefined, 'the removed device opens a later key');
      }
    }
    // An honest device seals keys only to cards of `create`/`add` records whose box key their device
    // signed (and, where the test holds the device's secret, the seal opens with it). The record took
    // effect in the sealing device's view, not necessarily here: an add by an admin removed concurrently
    // is void once merged, and the key sealed to its device meanwhile calls for a rotation.
    const cards = new Map<string, CardRecord>();
    for (const n of order) {
      const card = n.record.type === 'create' ? n.record.creator : n.record.type === 'add' ? n.record.device : null;
      if (card && (!cards.has(card.id) || cardRecordVerifies(card))) cards.set(card.id, card);
    }
    for (const key of state.keys.values()) {
      if (!honestIds.has(nodes.get(key.id)!.entry.header.author)) continue;
      for (const to of key.sealedTo.keys()) {
        const card = cards.get(to);
        check(
          card !== undefined && cardRecordVerifies(card),
          'an honest key is sealed to a box key its device did not sign',
        );
        const who = identities.get(to);
        if (who && card!.box === c.toBase64Url(who.boxPublic)) {
          check(peer.access.keyById(key.id, who) !== undefined, 'an honest seal does not open with its card');
        }
      }
    }
  };

  const honestOp = (peer: Peer, build: (a: SpaceAccess, me: c.DeviceIdentity) => Entry) => {
    let e: Entry;
    try {
      e = build(peer.access, peer.device.identity);
    } catch {
      return; // the builders refuse what this device may not do
    }
    honestTake(peer, [e]);
    allAccess.push(e);
  };
  const targetOf = (n: number) => {
    const ids = everyone();
    return ids[n % ids.length]! as c.DeviceId;
  };
  const staleView = (n: number) => {
    // The hostile device's view of some prefix of everything signed so far (back-dating).
    const upTo = n % (allAccess.length + 1);
    const view = SpaceAccess.restore(space, allAccess.slice(0, upTo));
    for (const e of hostileOut) if (e.header.log === 'access') view.applyAccessEntry(e);
    return view;
  };
  const forged = (record: AccessRecord): Entry => {
    const e = createEntry(hostile.identity, {
      log: 'access',
      space,
      seq: ++hostileSeq,
      prev: hostilePrev,
      payload: encodeAccessRecord(record),
    });
    hostilePrev = entryHash(e);
    return e;
  };
  const signHostile = (e: Entry) => {
    hostileOut.push(e);
    hostileView.applyAccessEntry(e);
    allAccess.push(e);
  };

  for (const op of scenario.ops) {
    switch (op.kind) {
      case 'edit': {
        const peer = peers[op.peer]!;
        if (!peer.access.canWrite(peer.device.id)) break;
        const e = peer.writer.writeCurrent(peer.access, `edit ${peer.writer.head}`);
        honestTake(peer, [e]);
        allContent.push(e);
        break;
      }
      case 'add': {
        const d = newDevice();
        identities.set(d.id, d.identity);
        honestOp(peers[op.peer]!, (a, me) => addDevice(a, me, d.card, ROLES[op.role]!));
        break;
      }
      case 'remove': {
        // Honest admins do not revoke each other here (that is not an attack); anyone else, the hostile device too.
        const peer = peers[op.peer]!;
        const target = targetOf(op.target);
        if (peer.access.roleOf(target) === 'admin' && honestIds.has(target)) break;
        const cutoff = Math.max(
          0,
          ...[...peer.content.values()].filter((e) => e.header.author === target).map((e) => e.header.seq),
        );
        honestOp(peer, (a, me) => removeDevice(a, me, target, cutoff));
        break;
      }
      case 'role': {
        const peer = peers[op.peer]!;
        const target = targetOf(op.target);
        if (peer.access.roleOf(target) === 'admin' && honestIds.has(target)) break;
        if (target === hostile.id && ROLES[op.role] !== 'viewer') break; // nobody honest promotes the hostile device
        const cutoff = Math.max(
          0,
          ...[...peer.content.values()].filter((e) => e.header.author === target).map((e) => e.header.seq),
        );
        honestOp(peer, (a, me) => setRole(a, me, target, ROLES[op.role]!, cutoff));
        break;
      }
      case 'rotate':
        honestOp(peers[op.peer]!, rotateKey);
        break;
      case 'sync': {
        const from = peers[op.from]!;
        const to = peers[op.to]!;
        honestTake(to, shuffle([...from.access.entries(), ...from.content.values()], op.seed));
        break;
      }
      case 'forge': {
        const known = allAccess.map((e) => e.id);
        const parents = op.parents.map((p) =>
          p % 5 === 0 ? c.toBase64Url(c.hash(c.utf8Encode(`nowhere ${p}`))) : known[p % known.length]!,
        );
        if (parents.length === 0) parents.push(known[op.stale % known.length]!);
        const target = targetOf(op.target);
        const role = ROLES[op.role]!;
        const view = staleView(op.stale);
        const keyIds = [...view.view().state.keys.keys()];
        const junk = () => c.toBase64Url(c.randomBytes(80));
        const rotation = {
          epoch: op.epoch,
          seals: [{ to: everyone()[op.target % everyone().length]!, sealed: junk() }],
          chain: keyIds.slice(0, op.role).map((key) => ({ key, sealed: junk() })),
        };
        const records: AccessRecord[] = [
          { v: ACCESS_RECORD_VERSION, type: 'remove', parents, device: target, cutoff: op.epoch % 3, rotation },
          { v: ACCESS_RECORD_VERSION, type: 'set-role', parents, device: target, role, cutoff: 0 },
          { v: ACCESS_RECORD_VERSION, type: 'rotate', parents, rotation },
          {
            v: ACCESS_RECORD_VERSION,
            type: 'add',
            parents,
            // A real card, or one whose box key its device did not sign (another device's id).
            device:
              op.role % 2 === 0
                ? cardRecordOf(newDevice().card)
                : { ...cardRecordOf(newDevice().card), id: newDevice().id },
            role,
            grants: [{ key: keyIds[op.target % Math.max(1, keyIds.length)] ?? known[0]!, sealed: junk() }],
          },
          { v: ACCESS_RECORD_VERSION, type: 'set-role', parents, device: hostile.id, role: 'admin', cutoff: 0 },
        ];
        signHostile(forged(records[op.type % records.length]!));
        break;
      }
      case 'build': {
        // Real records built on a stale view: what a removed device that kept its keys would sign.
        const view = staleView(op.stale);
        const head = view.heads().find((h) => h.author === hostile.id);
        if ((head?.seq ?? 0) !== hostileSeq) break; // its chain moved on in a record this view lacks
        const target = targetOf(op.target);
        const me = hostile.identity;
        const actions = [
          () => removeDevice(view, me, target, 0),
          () => setRole(view, me, target, ROLES[op.role]!, 0),
          () => rotateKey(view, me),
          () => addDevice(view, me, newDevice().card, ROLES[op.role]!),
        ];
        try {
          const e = actions[op.action % actions.length]!();
          hostileSeq++;
          hostilePrev = entryHash(e);
          signHostile(e);
        } catch {
          // Not an admin in that view: the builder refuses.
        }
        break;
      }
      case 'scrawl': {
        // Content with any epoch: a key it holds in its own view, or random bytes.
        const keys = hostileView.epochKeys(op.epoch, hostile.identity);
        const key = keys[op.key % Math.max(1, keys.length)] ?? (c.randomBytes(32) as c.SymmetricKey);
        for (let i = 0; i < op.skip; i++) hostileWriter.write('skipped', { number: op.epoch, key });
        const e = hostileWriter.write(`hostile ${op.key}`, { number: op.epoch, key });
        allContent.push(e);
        hostileOut.push(e);
        break;
      }
      case 'hand': {
        const out = op.content ? hostileOut : hostileOut.filter((e) => e.header.log === 'access');
        for (const i of op.to) honestTake(peers[i]!, shuffle(out, op.seed + i));
        break;
      }
    }
  }

  // Heal: every honest peer hears every other until nothing changes; then they agree. An admin whom
  // needsRotation() asks to rotate does, as the app does (shared/sync/rotation.ts), and all hear it.
  const heal = () => {
    for (let round = 0; round < peers.length + 1; round++) {
      for (const to of peers)
        for (const from of peers) if (from !== to) honestTake(to, [...from.access.entries(), ...from.content.values()]);
    }
  };
  heal();
  for (let round = 0; round < peers.length + 1; round++) {
    const due = peers.find((p) => p.access.canAdminister(p.device.id) && p.access.needsRotation(p.device.identity));
    if (!due) break;
    honestOp(due, rotateKey);
    heal();
  }
  const reference = stateOf(peers[0]!.access);
  const content = allowed(peers[0]!);
  const members = peers.filter((p) => p.access.roleOf(p.device.id) !== undefined);
  const readable = members.length > 0 ? opened(members[0]!) : [];
  for (const peer of peers) {
    check(JSON.stringify(stateOf(peer.access)) === JSON.stringify(reference), 'honest peers disagree on access');
    check(JSON.stringify(allowed(peer)) === JSON.stringify(content), 'honest peers disagree on content');
    if (members.includes(peer))
      check(JSON.stringify(opened(peer)) === JSON.stringify(readable), 'members read differently');
    // A viewer's content never applies: the hostile device, never promoted by anyone honest, started as one.
    if (ROLES[scenario.hostileRole] === 'viewer') {
      check(
        allowed(peer).every((id) => peer.content.get(id)!.header.author !== hostile.id),
        "a viewer's content applies",
      );
    }
  }
}
