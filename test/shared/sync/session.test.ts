import fc from 'fast-check';
import * as c from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { SyncClosedError } from '../../../shared/sync/close';
import { encodeFrame } from '../../../shared/sync/frames';
import { sessionCodec } from '../../../shared/sync/messages';
import { inviterProof, type InviteOffer } from '../../../shared/sync/handshake';
import { normalizeInviteCode } from '../../../shared/sync/invite';
import { startSession, type InviteMatch } from '../../../shared/sync/session';
import {
  authMessage,
  collect,
  connect,
  makeDevice,
  rawPeer,
  relayedPair,
  sessionOptions,
  shareKey,
  shareSpaces,
  until,
  type Device,
} from './helpers';

beforeAll(() => c.initCrypto());

const space = (): c.SpaceId => c.randomId() as c.SpaceId;
const text = (s: string) => c.utf8Encode(s);

function pair(): { a: Device; b: Device; s1: c.SpaceId; s2: c.SpaceId } {
  const a = makeDevice();
  const b = makeDevice();
  const s1 = space();
  const s2 = space();
  shareSpaces(a, b, [s1, s2]);
  return { a, b, s1, s2 };
}

describe('handshake', () => {
  test('two known devices authenticate, agree on shared spaces and exchange sealed payloads', async () => {
    const { a, b, s1, s2 } = pair();
    a.access.get(b.id)!.push(space()); // a space only `a` thinks `b` is in: not part of the session
    const { initiator, responder, aToB } = connect(a, b);
    const [ia, ib] = await Promise.all([initiator.ready, responder.ready]);
    expect(ia.peer).toBe(b.id);
    expect(ib.peer).toBe(a.id);
    expect(ia.spaces).toEqual([s1, s2].sort());
    expect(ib.spaces).toEqual([s1, s2].sort());
    expect(ia.safetyNumber).toBe(ib.safetyNumber);
    expect(ia.invite).toBeUndefined();
    expect(ia.peerCard).toEqual(c.deviceCardOf(b.identity));
    expect(ia.safetyNumber).toBe(c.safetyNumber(c.deviceCardOf(a.identity), c.deviceCardOf(b.identity)));

    const gotB = collect(responder);
    const gotA = collect(initiator);
    initiator.send(text('Rosa Parks, childcare'));
    responder.send(text('Ella Baker'));
    await until(() => gotA.length === 1 && gotB.length === 1);
    expect(c.utf8Decode(gotB[0]!)).toBe('Rosa Parks, childcare');
    expect(c.utf8Decode(gotA[0]!)).toBe('Ella Baker');

    // Nothing after the hello travels in plaintext: no device key, no space id, no payload.
    const wire = Buffer.concat(aToB.chunks.slice(1)).toString('latin1');
    expect(wire).not.toContain('Rosa');
    expect(wire).not.toContain(s1);
    expect(Buffer.concat(aToB.chunks).includes(Buffer.from(a.identity.signPublic))).toBe(false);

    initiator.close();
    await expect(responder.ended).resolves.toEqual({ reason: 'done', by: 'peer' });
    await expect(initiator.ended).resolves.toEqual({ reason: 'done', by: 'local' });
  });

  test('an unknown device is closed with a reason and receives nothing but the hello, the proof and the close', async () => {
    const a = makeDevice();
    const b = makeDevice();
    shareKey(a, b); // as a device removed from the space still holds an old key: it passes the membership proof
    const secret = space();
    b.access.set(makeDevice().id, [secret]);
    const spacesAsked: string[] = [];
    const { initiator, responder, bToA } = connect(a, b, {
      spacesFor: (peer) => {
        spacesAsked.push(peer);
        return [];
      },
    });
    responder.ready.then(() => responder.send(text('member data'))).catch(() => undefined);
    const err = await initiator.ready.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncClosedError);
    expect((err as SyncClosedError).reason).toBe('unknown-device');
    expect((err as SyncClosedError).by).toBe('peer');
    expect(isAppError(err, 'sync-unknown-device')).toBe(true);
    await expect(responder.ended).resolves.toEqual({ reason: 'unknown-device', by: 'local' });
    // Three frames reached the stranger: the plaintext hello, the sealed membership proof and the sealed close
    // (no auth, no space list, no data).
    expect(bToA.chunks).toHaveLength(3);
    expect(sessionCodec.decode(bToA.chunks[0]!.subarray(4)).type).toBe('hello');
    expect(Buffer.concat(bToA.chunks).includes(Buffer.from(b.identity.signPublic))).toBe(false);
    expect(spacesAsked).toEqual([]); // the initiator never learned who the responder is
  });

  test('the initiator closes a responder it does not know', async () => {
    const { a, b } = pair();
    a.access.clear();
    const { initiator, responder } = connect(a, b);
    await expect(initiator.ended).resolves.toEqual({ reason: 'unknown-device', by: 'local' });
    await expect(responder.ended).resolves.toEqual({ reason: 'unknown-device', by: 'peer' });
  });

  test('known devices without a space both agree on are closed with no-shared-space', async () => {
    const a = makeDevice();
    const b = makeDevice();
    a.access.set(b.id, [space()]);
    b.access.set(a.id, [space()]);
    shareKey(a, b);
    const { initiator, responder } = connect(a, b);
    await expect(initiator.ended).resolves.toEqual({ reason: 'no-shared-space', by: 'local' });
    await expect(responder.ended).resolves.toEqual({ reason: 'no-shared-space', by: 'peer' });
  });

  test('a device that cannot sign for its claimed key fails authentication', async () => {
    const { a, b } = pair();
    const impostor = makeDevice();
    // Claims a's key but signs with its own secret key.
    const forged = { ...impostor.identity, signPublic: a.identity.signPublic };
    const { initiator, responder } = connect(a, b, { identity: forged });
    await expect(responder.ended).resolves.toEqual({ reason: 'auth-failed', by: 'local' });
    await expect(initiator.ended).resolves.toEqual({ reason: 'auth-failed', by: 'peer' });
  });

  test('no common protocol version closes with protocol-version', async () => {
    const b = makeDevice();
    const { a: raw, b: cb } = relayedPair();
    const responder = startSession(cb, sessionOptions(b, 'responder'));
    const hello = sessionCodec.encode({ type: 'hello', v: 1, versions: [99], ephemeral: c.newKxKeyPair().publicKey });
    raw.send(encodeFrame(hello));
    await expect(responder.ended).resolves.toEqual({ reason: 'protocol-version', by: 'local' });
  });

  test('a handshake that never finishes ends with timeout', async () => {
    const b = makeDevice();
    const { b: cb } = relayedPair();
    const responder = startSession(cb, sessionOptions(b, 'responder', { handshakeTimeoutMs: 50 }));
    await expect(responder.ended).resolves.toEqual({ reason: 'timeout', by: 'local' });
  });

  test('the timeout fires even while an authorization callback hangs, and nothing is sent after it', async () => {
    const { a, b } = pair();
    const { initiator, responder, bToA } = connect(
      a,
      b,
      {},
      {
        handshakeTimeoutMs: 100,
        spacesFor: () => new Promise<c.SpaceId[]>(() => undefined),
      },
    );
    await expect(responder.ended).resolves.toEqual({ reason: 'timeout', by: 'local' });
    await expect(initiator.ended).resolves.toEqual({ reason: 'timeout', by: 'peer' });
    expect(bToA.chunks).toHaveLength(3); // hello, proof, close
  });

  test('a callback that throws ends the session with internal-error, not a peer fault', async () => {
    const { a, b } = pair();
    const { initiator, responder } = connect(
      a,
      b,
      {},
      {
        spacesFor: () => {
          throw new Error('store unavailable');
        },
      },
    );
    await expect(responder.ended).resolves.toEqual({ reason: 'internal-error', by: 'local' });
    await expect(initiator.ended).resolves.toEqual({ reason: 'internal-error', by: 'peer' });
  });

  test('send before ready is refused; payloads that arrive before a listener are held', async () => {
    const { a, b } = pair();
    const { initiator, responder } = connect(a, b);
    expect(() => initiator.send(text('too early'))).toThrow(/not ready/);
    await Promise.all([initiator.ready, responder.ready]);
    initiator.send(text('one'));
    initiator.send(text('two'));
    await new Promise((r) => setTimeout(r, 20));
    const got = collect(responder);
    await until(() => got.length === 2);
    expect(got.map((g) => c.utf8Decode(g))).toEqual(['one', 'two']);
  });
});

describe('downgrade and forged cards', () => {
  test('a man in the middle who edits the version list in a hello breaks every proof keyed to the transcript', async () => {
    const { a, b } = pair();
    const { initiator, responder, aToB } = connect(a, b);
    aToB.alter = (chunk, index) => {
      if (index !== 0) return chunk;
      const hello = sessionCodec.decode(chunk.subarray(4));
      if (hello.type !== 'hello') throw new Error('expected the hello first');
      return encodeFrame(sessionCodec.encode({ ...hello, versions: [...hello.versions, 1] }));
    };
    // The responder's membership proof is the first to fail: the initiator leaves before either card travels.
    await expect(initiator.ended).resolves.toEqual({ reason: 'unknown-device', by: 'local' });
    await expect(responder.ended).resolves.toEqual({ reason: 'unknown-device', by: 'peer' });
    expect(aToB.chunks).toHaveLength(2); // hello, close
  });

  test('a device whose card carries a box key it did not sign fails authentication', async () => {
    const { a, b } = pair();
    const relay = c.generateDeviceIdentity();
    const { a: ca, b: cb } = relayedPair();
    const responder = startSession(cb, sessionOptions(b, 'responder'));
    const raw = rawPeer(ca, 'initiator');
    const transcript = await raw.ready;
    // a's own card and transcript signature, with the relay's box key in place of a's.
    const swapped = { ...c.deviceCardOf(a.identity), boxPublic: relay.boxPublic };
    raw.send(authMessage(a.identity, 'initiator', transcript, swapped));
    await expect(responder.ended).resolves.toEqual({ reason: 'auth-failed', by: 'local' });
    expect(raw.received.map((m) => m.type)).toEqual(['proof', 'close']);
  });
});

describe('invites', () => {
  const code = normalizeInviteCode('7K3M-QX9D-PT2A-WR5N-HB8C-ZF4E').code;
  const other = normalizeInviteCode('1111-2222-3333-4444-5555-6666').code;

  /** The admin's side: one open invite for `offer`, claimed by the first device that proves it. */
  function admin(offer: InviteOffer, inviteCode = code) {
    const seen = { finds: 0, claims: [] as string[] };
    const match: InviteMatch = { id: 'inv-1', code: inviteCode, offer };
    return {
      seen,
      findInvite: (matches: (code: string) => boolean) => {
        seen.finds++;
        return matches(inviteCode) ? match : null;
      },
      claimInvite: (_: InviteMatch, peer: c.DeviceCard) => {
        seen.claims.push(peer.id);
        return seen.claims[0] === peer.id;
      },
    };
  }

  const offerOf = (name = 'Eastside branch'): InviteOffer => ({ space: space(), spaceName: name, role: 'editor' });

  test('both sides prove the code; the invitee learns the space, its name and role, bound to the admin', async () => {
    const invitee = makeDevice();
    const adminDevice = makeDevice();
    const offer = offerOf();
    const side = admin(offer);
    const { initiator, responder } = connect(invitee, adminDevice, { invite: { code } }, side);
    const [mine, theirs] = await Promise.all([initiator.ready, responder.ready]);
    expect(mine.spaces).toEqual([offer.space]);
    expect(theirs.spaces).toEqual([offer.space]);
    expect(mine.invite).toEqual(offer);
    expect(theirs.invite).toEqual(offer);
    expect(mine.peer).toBe(adminDevice.id);
    expect(theirs.peerCard).toEqual(c.deviceCardOf(invitee.identity));
    expect(mine.safetyNumber).toBe(theirs.safetyNumber);
    expect(side.seen.claims).toEqual([invitee.id]);
    initiator.close();
  });

  test('a wrong code is refused before the admin shows who it is; the invitee is told invite-invalid', async () => {
    const side = admin(offerOf());
    const { initiator, responder, bToA } = connect(makeDevice(), makeDevice(), { invite: { code: other } }, side);
    await expect(responder.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'local' });
    await expect(initiator.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'peer' });
    expect(bToA.chunks).toHaveLength(3); // the admin's hello, its membership proof (random to the invitee) and its close: no auth, no invite proof
    expect(side.seen.claims).toEqual([]);
  });

  test('a device that accepts no invites refuses an invite proof', async () => {
    const { initiator, responder } = connect(makeDevice(), makeDevice(), { invite: { code } });
    await expect(responder.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'local' });
    await expect(initiator.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'peer' });
  });

  test('a stranger who answers the invitee without the code fails before the invitee shows its card or accepts anything', async () => {
    const invitee = makeDevice();
    const stranger = makeDevice();
    // A hostile app: "finds" an invite for any proof, and proves it back with a code it does not have.
    const spacesAsked: string[] = [];
    const claims: string[] = [];
    const { initiator, responder, aToB } = connect(
      invitee,
      stranger,
      { invite: { code } },
      {
        findInvite: () => ({ id: 'any', code: other, offer: offerOf() }),
        claimInvite: (_, peer) => {
          claims.push(peer.id);
          return true;
        },
        spacesFor: (peer) => {
          spacesAsked.push(peer);
          return [];
        },
      },
    );
    await expect(initiator.ended).resolves.toEqual({ reason: 'invite-not-proven', by: 'local' });
    await expect(responder.ended).resolves.toEqual({ reason: 'invite-not-proven', by: 'peer' });
    // What the invitee sent the stranger: its hello, its proof (a MAC, no identity), its close.
    expect(aToB.chunks).toHaveLength(3);
    expect(claims).toEqual([]);
    expect(spacesAsked).toEqual([]);
  });

  test('an invite proof from another session does not verify here (no relay, no replay)', async () => {
    const invitee = makeDevice();
    const adminDevice = makeDevice();
    const first = connect(invitee, adminDevice, { invite: { code } }, admin(offerOf()));
    await Promise.all([first.initiator.ready, first.responder.ready]);
    const proofFrame = first.aToB.chunks[1]!; // the invitee's sealed proof, bound to the first transcript
    first.initiator.close();
    // A second session to the same admin: the recorded proof is replayed in place of the new one.
    const side = admin(offerOf());
    const second = connect(makeDevice(), adminDevice, {}, side);
    second.aToB.alter = (chunk, index) => (index === 1 ? proofFrame : chunk);
    await expect(second.responder.ended).resolves.toMatchObject({ reason: 'bad-frame' });
    expect(side.seen.claims).toEqual([]);
  });

  test('an admin that knows the code but offers a space other than the one its proof names is refused', async () => {
    const invitee = makeDevice();
    const adminDevice = makeDevice();
    const offer = offerOf();
    const { a: ci, b: ca } = relayedPair();
    const initiator = startSession(ci, sessionOptions(invitee, 'initiator', { invite: { code } }));
    const raw = rawPeer(ca, 'responder');
    const transcript = await raw.ready;
    await until(() => raw.received.length === 1); // the invitee's proof
    raw.send(authMessage(adminDevice.identity, 'responder', transcript));
    const card = c.deviceCardOf(adminDevice.identity);
    const proof = inviterProof(code, transcript, card, offer);
    raw.send({ type: 'invite-proof', v: 1, space: offer.space, name: offer.spaceName, role: offer.role, proof });
    await until(() => raw.received.length === 2); // the invitee's card, now that the admin proved the code
    // A look-alike next to it, or instead of it: the invitee takes neither.
    raw.send({ type: 'spaces', v: 1, spaces: [offer.space, space()] });
    await expect(initiator.ended).resolves.toEqual({ reason: 'bad-frame', by: 'local' });
    expect(raw.received.map((m) => m.type)).toEqual(['invite', 'auth', 'close']);
  });

  test('an admin that proves the code for one name and offers another name is refused', async () => {
    const invitee = makeDevice();
    const adminDevice = makeDevice();
    const offer = offerOf('Eastside branch');
    const { a: ci, b: ca } = relayedPair();
    const initiator = startSession(ci, sessionOptions(invitee, 'initiator', { invite: { code } }));
    const raw = rawPeer(ca, 'responder');
    const transcript = await raw.ready;
    await until(() => raw.received.length === 1);
    raw.send(authMessage(adminDevice.identity, 'responder', transcript));
    const proof = inviterProof(code, transcript, c.deviceCardOf(adminDevice.identity), offer);
    raw.send({ type: 'invite-proof', v: 1, space: offer.space, name: 'Eastside branch (new)', role: 'admin', proof });
    await expect(initiator.ended).resolves.toEqual({ reason: 'invite-not-proven', by: 'local' });
    expect(raw.received.map((m) => m.type)).toEqual(['invite', 'close']);
  });

  test('once claimed, an invite cannot be used by another device, even one that knows the code', async () => {
    const adminDevice = makeDevice();
    const side = admin(offerOf());
    const first = connect(makeDevice(), adminDevice, { invite: { code } }, side);
    await Promise.all([first.initiator.ready, first.responder.ready]);
    const thief = connect(makeDevice(), adminDevice, { invite: { code } }, side);
    await expect(thief.responder.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'local' });
    await expect(thief.initiator.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'peer' });
    first.initiator.close();
  });
});

describe('chunking', () => {
  test('a session works whatever the byte boundaries the transport delivers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), async (sizes) => {
        const { a, b } = pair();
        const { initiator, responder, aToB, bToA } = connect(a, b);
        // Re-cut every chunk into pieces of the generated sizes, cycling through them.
        let turn = 0;
        const recut = (tap: typeof aToB) => (chunk: Uint8Array) => {
          for (let at = 0; at < chunk.length;) {
            const size = sizes[turn++ % sizes.length]!;
            tap.inject(chunk.subarray(at, at + size));
            at += size;
          }
          return null;
        };
        aToB.alter = recut(aToB);
        bToA.alter = recut(bToA);
        await Promise.all([initiator.ready, responder.ready]);
        const got = collect(responder);
        initiator.send(text('Bayard Rustin'));
        initiator.send(new Uint8Array(500).fill(7));
        await until(() => got.length === 2);
        expect(c.utf8Decode(got[0]!)).toBe('Bayard Rustin');
        expect(got[1]).toEqual(new Uint8Array(500).fill(7));
        initiator.close();
        await responder.ended;
      }),
      { numRuns: 15 },
    );
  });
});

describe('a large message on its way', () => {
  test('the receiver sees how much of it came before it is whole, and is told as bytes arrive', async () => {
    const { a, b } = pair();
    const { initiator, responder, aToB } = connect(a, b);
    await Promise.all([initiator.ready, responder.ready]);
    expect(responder.incoming).toBeUndefined();
    // The relay hands the sealed frame over in pieces, as a socket does, each on a later turn.
    const pieces: Uint8Array[] = [];
    aToB.alter = (chunk) => {
      for (let at = 0; at < chunk.length; at += 64 * 1024) pieces.push(chunk.subarray(at, at + 64 * 1024));
      return null;
    };
    const got = collect(responder);
    let told = 0;
    responder.onBytes(() => told++);
    const payload = c.randomBytes(1_000_000);
    initiator.send(payload);
    await until(() => pieces.length > 0);
    const seen: { received: number; total: number }[] = [];
    for (const piece of pieces) {
      aToB.inject(piece);
      await until(() => told === seen.length + 1);
      const incoming = responder.incoming;
      if (incoming) seen.push(incoming);
    }
    await until(() => got.length === 1);
    expect(c.bytesEqual(got[0]!, payload)).toBe(true);
    // Every piece but the last moved the count; the sealed frame is the payload and its envelope.
    expect(seen).toHaveLength(pieces.length - 1);
    const total = seen[0]!.total;
    expect(total).toBeGreaterThan(payload.length);
    expect(seen.every((s) => s.total === total)).toBe(true);
    expect(seen.map((s) => s.received)).toEqual([...seen.map((s) => s.received)].sort((x, y) => x - y));
    expect(seen.at(-1)!.received).toBeLessThan(total);
    expect(responder.incoming).toBeUndefined(); // whole: nothing on its way any more
    expect(told).toBe(pieces.length);
  });

  test('nothing is reported before the handshake passed', async () => {
    const { a, b } = pair();
    const { initiator, responder } = connect(a, b);
    let told = 0;
    responder.onBytes(() => told++);
    expect(responder.incoming).toBeUndefined();
    await Promise.all([initiator.ready, responder.ready]);
    expect(told).toBe(0);
  });
});
