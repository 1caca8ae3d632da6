import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import * as c from '../../../shared/crypto';
import { SyncClosedError } from '../../../shared/sync/close';
import { bytes, createCodec, defineMessage, sessionCodec } from '../../../shared/sync/messages';
import { MAX_BATCH_ENTRIES, replicationCodec } from '../../../shared/sync/replication-messages';

beforeAll(() => c.initCrypto());

function anyBytes(value: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeAny(e, value as encoding.AnyEncodable);
  return encoding.toUint8Array(e);
}

function reasonOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof SyncClosedError ? e.reason : 'other-error';
  }
  return undefined;
}

test('session messages round-trip with bytes kept as bytes', () => {
  const ephemeral = c.randomBytes(32);
  const decoded = sessionCodec.decode(sessionCodec.encode({ type: 'hello', v: 1, versions: [1], ephemeral }));
  expect(decoded).toEqual({ type: 'hello', v: 1, versions: [1], ephemeral });
  const auth = {
    type: 'auth',
    v: 2,
    device: c.randomBytes(32),
    box: c.randomBytes(32),
    boxSignature: c.randomBytes(64),
    signature: c.randomBytes(64),
  } as const;
  expect(sessionCodec.decode(sessionCodec.encode(auth))).toEqual(auth);
  const proof = { type: 'invite-proof', v: 1, space: 's', name: 'Eastside', role: 'editor', proof: c.randomBytes(32) };
  expect(sessionCodec.decode(sessionCodec.encode(proof as never))).toEqual(proof);
});

test('unknown types and invalid fields are bad-frame; a known type at another version is protocol-version', () => {
  expect(reasonOf(() => sessionCodec.decode(anyBytes({ type: 'gossip', v: 1 })))).toBe('bad-frame');
  expect(
    reasonOf(() => sessionCodec.decode(anyBytes({ type: 'hello', v: 1, versions: [1], ephemeral: c.randomBytes(31) }))),
  ).toBe('bad-frame');
  expect(reasonOf(() => sessionCodec.decode(anyBytes({ type: 'spaces', v: 1, spaces: [42] })))).toBe('bad-frame');
  // An auth of protocol version 1 (no card) is a version this build does not speak.
  expect(
    reasonOf(() =>
      sessionCodec.decode(anyBytes({ type: 'auth', v: 1, device: c.randomBytes(32), signature: c.randomBytes(64) })),
    ),
  ).toBe('protocol-version');
  expect(reasonOf(() => sessionCodec.decode(anyBytes({ type: 'invite', v: 1, proof: c.randomBytes(31) })))).toBe(
    'bad-frame',
  );
  expect(
    reasonOf(() =>
      sessionCodec.decode(
        anyBytes({ type: 'invite-proof', v: 1, space: 's', name: 'x', role: 'owner', proof: c.randomBytes(32) }),
      ),
    ),
  ).toBe('bad-frame');
  expect(reasonOf(() => sessionCodec.decode(anyBytes({ type: 'data', v: 2, payload: new Uint8Array(1) })))).toBe(
    'protocol-version',
  );
  expect(reasonOf(() => sessionCodec.decode(anyBytes('hello')))).toBe('bad-frame');
  expect(reasonOf(() => sessionCodec.decode(new Uint8Array(0)))).toBe('bad-frame');
  const valid = sessionCodec.encode({ type: 'close', v: 1, reason: 'done' });
  expect(reasonOf(() => sessionCodec.decode(valid.subarray(0, valid.length - 1)))).toBe('bad-frame');
  expect(reasonOf(() => sessionCodec.decode(Uint8Array.from([...valid, 0])))).toBe('bad-frame');
});

test('arbitrary bytes never decode to anything but a typed fault', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (junk) => {
      try {
        sessionCodec.decode(junk);
      } catch (e) {
        expect(e).toBeInstanceOf(SyncClosedError);
      }
    }),
  );
});

test('later layers define their own versioned messages with the same machinery', () => {
  const Heads = defineMessage('heads', 3, {
    heads: z.array(z.object({ author: z.string(), seq: z.number().int() })),
    hash: bytes(32),
  });
  const codec = createCodec([Heads]);
  const message = { type: 'heads' as const, v: 3 as const, heads: [{ author: 'x', seq: 4 }], hash: c.randomBytes(32) };
  expect(codec.decode(codec.encode(message))).toEqual(message);
  expect(reasonOf(() => codec.decode(anyBytes({ ...message, v: 2 })))).toBe('protocol-version');
});

test('an entries batch must be 1 to MAX_BATCH_ENTRIES byte strings', () => {
  const batch = (entries: unknown) => anyBytes({ type: 'entries', v: 1, space: 's', batch: 0, entries });
  const ok = replicationCodec.decode(batch([new Uint8Array([1, 2]), new Uint8Array(0)]));
  expect(ok).toMatchObject({ type: 'entries', entries: [new Uint8Array([1, 2]), new Uint8Array(0)] });
  expect(reasonOf(() => replicationCodec.decode(batch([])))).toBe('bad-frame');
  expect(reasonOf(() => replicationCodec.decode(batch([new Uint8Array(1), 'text'])))).toBe('bad-frame');
  expect(reasonOf(() => replicationCodec.decode(batch(new Uint8Array(4))))).toBe('bad-frame');
  const tooMany = Array.from({ length: MAX_BATCH_ENTRIES + 1 }, () => new Uint8Array(1));
  expect(reasonOf(() => replicationCodec.decode(batch(tooMany)))).toBe('bad-frame');
});
