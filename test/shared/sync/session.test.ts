import fc from 'fast-check';
import * as c from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { SyncClosedError } from '../../../shared/sync/close';
import { encodeFrame } from '../../../shared/sync/frames';
import { sessionCodec } from '../../../shared/sync/messages';
import { startSession } from '../../../shared/sync/session';
import { collect, connect, makeDevice, relayedPair, sessionOptions, shareSpaces, until, type Device } from './helpers';

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
    expect(ia.invited).toBe(false);

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

  test('an unknown device is closed with a reason and receives nothing but the hello and the close', async () => {
    const a = makeDevice();
    const b = makeDevice();
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
    // Two frames reached the stranger: the plaintext hello and the sealed close (no auth, no space list, no data).
    expect(bToA.chunks).toHaveLength(2);
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
    expect(bToA.chunks).toHaveLength(2); // hello, close
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

describe('invites', () => {
  const code = 'tulip-harbor-58213-quartz-ember-1190';

  function admitting(granted: c.SpaceId[], expectedCode = code) {
    const checks: string[] = [];
    return {
      checks,
      verifyInviteProof: ({ inviteId, matches }: { inviteId: string; matches(code: string): boolean }) => {
        checks.push(inviteId);
        return inviteId === 'inv-1' && matches(expectedCode) ? granted : null;
      },
    };
  }

  test('an unknown device that proves the invite code is admitted to the granted spaces', async () => {
    const invitee = makeDevice();
    const admin = makeDevice();
    const chapter = space();
    const admit = admitting([chapter]);
    const { initiator, responder } = connect(invitee, admin, { invite: { id: 'inv-1', code } }, admit);
    const [mine, theirs] = await Promise.all([initiator.ready, responder.ready]);
    expect(mine.spaces).toEqual([chapter]);
    expect(theirs.spaces).toEqual([chapter]);
    expect(mine.invited && theirs.invited).toBe(true);
    expect(mine.safetyNumber).toBe(theirs.safetyNumber);
    expect(theirs.peer).toBe(invitee.id);
    expect(admit.checks).toEqual(['inv-1']);
    initiator.close();
  });

  test('a wrong invite code is refused with invite-invalid', async () => {
    const admit = admitting([space()]);
    const { initiator, responder } = connect(
      makeDevice(),
      makeDevice(),
      { invite: { id: 'inv-1', code: 'guess' } },
      admit,
    );
    await expect(responder.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'local' });
    await expect(initiator.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'peer' });
  });

  test('an invite proof is refused by a device that accepts no invites', async () => {
    const { initiator, responder } = connect(makeDevice(), makeDevice(), { invite: { id: 'inv-1', code } });
    await expect(responder.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'local' });
    await expect(initiator.ended).resolves.toEqual({ reason: 'invite-invalid', by: 'peer' });
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
