/**
 * Nobody reveals a device key to a peer that has not shown it belongs to one of our spaces
 * (shared/sync/handshake.ts): the responder proves it holds a space's discovery key first, bound to
 * the session's transcript, and the initiator goes on only if the proof matches a key it holds.
 */
import * as encoding from 'lib0/encoding';
import * as c from '../../../shared/crypto';
import { SyncClosedError } from '../../../shared/sync/close';
import { handshakeTranscript, membershipProofs, provesMembership } from '../../../shared/sync/handshake';
import { MAX_MEMBERSHIP_PROOFS, sessionCodec } from '../../../shared/sync/messages';
import { removeDevice, rotateKey } from '../../../shared/space';
import { connect, makeDevice, shareKey, shareSpaces } from './helpers';
import * as peers from './peers';

beforeAll(() => c.initCrypto());

const space = (): c.SpaceId => c.randomId() as c.SpaceId;

test('a member that dials a device proving no key of its spaces (a forged answer, a stranger on a topic) reveals nothing', async () => {
  const member = makeDevice();
  const friend = makeDevice();
  shareSpaces(member, friend, [space()]);
  const stranger = makeDevice();
  const learned: string[] = [];
  const { initiator, responder, aToB } = connect(
    member,
    stranger,
    {},
    {
      // The stranger's side asks who dialled it as soon as an identity arrives.
      spacesFor: (peer) => {
        learned.push(peer);
        return [];
      },
    },
  );
  await expect(initiator.ended).resolves.toEqual({ reason: 'unknown-device', by: 'local' });
  await expect(responder.ended).resolves.toEqual({ reason: 'unknown-device', by: 'peer' });
  expect(learned).toEqual([]); // no identity proof ever reached it
  // The member sent its plaintext hello and a sealed close: no auth.
  expect(aToB.chunks).toHaveLength(2);
  expect(sessionCodec.decode(aToB.chunks[0]!.subarray(4)).type).toBe('hello');
});

test('a member dialled by a stranger sends only random-looking proofs, padded, and never its key', async () => {
  const member = makeDevice();
  for (let i = 0; i < 3; i++) shareKey(member, makeDevice());
  const stranger = makeDevice();
  const { initiator, responder, bToA } = connect(stranger, member);
  await expect(initiator.ended).resolves.toEqual({ reason: 'unknown-device', by: 'local' });
  await expect(responder.ended).resolves.toEqual({ reason: 'unknown-device', by: 'peer' });
  expect(bToA.chunks).toHaveLength(2); // hello, proof: the stranger gave up there
  expect(Buffer.concat(bToA.chunks).includes(Buffer.from(member.identity.signPublic))).toBe(false);
});

test('a stranger answering with the most wrong proofs a message may carry costs the member one check per key of its own, once', async () => {
  const member = makeDevice();
  for (let i = 0; i < 3; i++) shareKey(member, makeDevice());
  const stranger = makeDevice();
  let checks = 0;
  const { initiator, responder, bToA } = connect(
    member,
    stranger,
    {
      membershipKeys: () => {
        checks++;
        return member.keys;
      },
    },
    { membershipKeys: () => Array.from({ length: 4 * MAX_MEMBERSHIP_PROOFS }, () => c.randomBytes(32)) },
  );
  await expect(initiator.ended).resolves.toEqual({ reason: 'unknown-device', by: 'local' });
  await expect(responder.ended).resolves.toEqual({ reason: 'unknown-device', by: 'peer' });
  // One proof message (hello, proof), checked once: a set lookup per key the member holds, whatever it carries.
  expect(bToA.chunks).toHaveLength(2);
  expect(checks).toBe(1);
  // More proofs than a message may carry do not decode at all (a bad frame, before any check).
  const e = encoding.createEncoder();
  const proofs = Array.from({ length: MAX_MEMBERSHIP_PROOFS + 1 }, () => c.randomBytes(16));
  encoding.writeAny(e, { type: 'proof', v: 1, proofs });
  expect(() => sessionCodec.decode(encoding.toUint8Array(e))).toThrow(SyncClosedError);
  expect(sessionCodec.decode(sessionCodec.encode({ type: 'proof', v: 1, proofs: proofs.slice(1) }))).toBeTruthy();
});

test('proofs are bound to the session, do not tell how many spaces, and only a key holder recognises them', () => {
  const keys = Array.from({ length: 3 }, () => c.randomBytes(32));
  const transcript = handshakeTranscript(c.randomBytes(40), c.randomBytes(40));
  const proofs = membershipProofs(keys, transcript);
  expect(proofs).toHaveLength(8); // three keys, padded to a multiple of eight
  expect(
    membershipProofs(
      Array.from({ length: 9 }, () => c.randomBytes(32)),
      transcript,
    ),
  ).toHaveLength(16);
  expect(membershipProofs([], transcript)).toHaveLength(8);
  expect(provesMembership(proofs, [keys[1]!], transcript)).toBe(true);
  expect(provesMembership(proofs, [c.randomBytes(32)], transcript)).toBe(false);
  // Replayed into another session (other ephemeral keys, so another transcript): worthless.
  const other = handshakeTranscript(c.randomBytes(40), c.randomBytes(40));
  expect(provesMembership(proofs, keys, other)).toBe(false);
  // Two sessions with the same keys share no proof: a listener cannot link them.
  const again = membershipProofs(keys, other).map((p) => Buffer.from(p).toString('hex'));
  expect(proofs.some((p) => again.includes(Buffer.from(p).toString('hex')))).toBe(false);
});

test('members not yet at the same epoch still meet: a proof under any key both hold is enough', async () => {
  const [a, b] = [makeDevice(), makeDevice()];
  const s = space();
  shareSpaces(a, b, [s]);
  a.keys.unshift(c.randomBytes(32)); // `a` has a newer epoch's key `b` lacks; they still share the previous one
  const { initiator, responder } = connect(b, a);
  const [ib, ia] = await Promise.all([initiator.ready, responder.ready]);
  expect(ib.spaces).toEqual([s]);
  expect(ia.peer).toBe(b.id);
});

describe('members whose devices missed rotations (real vaults)', () => {
  test('a member that missed two rotations is brought up to date when an up-to-date member dials it', async () => {
    const a = await peers.makeDevice('a');
    const b = await peers.makeDevice('b');
    const gone = await peers.makeDevice('gone');
    const id = await peers.newSpace(a);
    await peers.addByBundle(a, id, b, 'editor');
    await peers.addByBundle(a, id, gone, 'viewer');
    const ha = await peers.open(a, id);
    const hb = await peers.open(b, id);
    await ha.changeAccess(rotateKey);
    await ha.changeAccess((access, me) => removeDevice(access, me, gone.card.id, 0));
    expect(ha.access.currentEpoch()).toBe(hb.access.currentEpoch() + 2);

    // b dials a: a proves the two newest epochs, neither of which b holds yet, so b shows nothing.
    const first = peers.pipe(b, a);
    await expect(first.ab.ended).resolves.toEqual({ reason: 'unknown-device', by: 'local' });

    // a dials b: b proves the epoch it holds, which a recognises; b catches up.
    const second = peers.pipe(a, b);
    await peers.until(() => hb.access.currentEpoch() === ha.access.currentEpoch(), 20_000);
    expect(hb.access.members()).toEqual(ha.access.members());
    second.ab.close();

    // The removed device holds only the first epoch's key: dialling a, it gives up before showing anything.
    const third = peers.pipe(gone, a);
    await expect(third.ab.ended).resolves.toEqual({ reason: 'unknown-device', by: 'local' });
    // Dialled by a (a saved address, say), its old proof is recognised, but a shares nothing with it.
    const fourth = peers.pipe(a, gone);
    await expect(fourth.ab.ended).resolves.toEqual({ reason: 'unknown-device', by: 'local' });
  }, 60_000);
});
