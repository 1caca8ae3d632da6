import fc from 'fast-check';
import * as c from '../../../shared/crypto';
import { SyncClosedError } from '../../../shared/sync/close';
import { encodeFrame, FrameDecoder, FrameOpener, FrameSealer } from '../../../shared/sync/frames';

beforeAll(() => c.initCrypto());

function reasonOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof SyncClosedError ? e.reason : 'other-error';
  }
  return undefined;
}

describe('FrameDecoder', () => {
  test('frames split at any byte boundaries decode to the original bodies', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bodies, cuts) => {
          const stream = Buffer.concat(bodies.map(encodeFrame));
          const points = [...new Set(cuts.map((n) => n % (stream.length + 1)))].sort((x, y) => x - y);
          const decoder = new FrameDecoder(1000);
          const out: Uint8Array[] = [];
          let from = 0;
          for (const to of [...points, stream.length]) {
            out.push(...decoder.push(stream.subarray(from, to)));
            from = to;
          }
          expect(out.map((b) => Buffer.from(b).toString('hex'))).toEqual(
            bodies.map((b) => Buffer.from(b).toString('hex')),
          );
          expect(decoder.pendingBytes).toBe(0);
        },
      ),
    );
  });

  test('an oversized length is rejected as soon as its 4 bytes arrive', () => {
    const decoder = new FrameDecoder(1024);
    expect(decoder.push(Uint8Array.from([0, 0]))).toEqual([]);
    expect(reasonOf(() => decoder.push(Uint8Array.from([0x04, 0x01])))).toBe('frame-too-large');
    // The decoder stays failed: nothing after the bad prefix is taken.
    expect(decoder.push(encodeFrame(Uint8Array.from([1])))).toEqual([]);
  });

  test('a frame of exactly the maximum is accepted', () => {
    const decoder = new FrameDecoder(16);
    expect(decoder.push(encodeFrame(new Uint8Array(16)))).toHaveLength(1);
  });

  test('pendingBytes reports an incomplete frame (a truncated stream)', () => {
    const decoder = new FrameDecoder(100);
    decoder.push(encodeFrame(new Uint8Array(10)).subarray(0, 7));
    expect(decoder.pendingBytes).toBe(7);
  });
});

describe('sealed frames', () => {
  test('bodies open in order under the matching key', () => {
    const key = c.newSymmetricKey();
    const sealer = new FrameSealer(key);
    const opener = new FrameOpener(key);
    for (const word of ['one', 'two', 'three']) {
      expect(c.utf8Decode(opener.open(sealer.seal(c.utf8Encode(word))))).toBe(word);
    }
  });

  test('the same plaintext seals differently each time (counter nonce) and hides its content', () => {
    const sealer = new FrameSealer(c.newSymmetricKey());
    const a = sealer.seal(c.utf8Encode('Fannie Lou Hamer'));
    const b = sealer.seal(c.utf8Encode('Fannie Lou Hamer'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).toString('latin1')).not.toContain('Fannie');
  });

  test('replayed, skipped, tampered, truncated or foreign-key bodies are refused', () => {
    const key = c.newSymmetricKey();
    const sealer = new FrameSealer(key);
    const f0 = sealer.seal(c.utf8Encode('a'));
    const f1 = sealer.seal(c.utf8Encode('b'));
    const f2 = sealer.seal(c.utf8Encode('c'));

    const replay = new FrameOpener(key);
    replay.open(f0);
    expect(reasonOf(() => replay.open(f0))).toBe('replay');

    expect(reasonOf(() => new FrameOpener(key).open(f2))).toBe('replay'); // f0, f1 dropped

    const tampered = f1.slice();
    tampered[tampered.length - 1]! ^= 1;
    const o = new FrameOpener(key);
    o.open(f0);
    expect(reasonOf(() => o.open(tampered))).toBe('bad-frame');

    const counterChanged = f1.slice();
    counterChanged[7] = 0; // claims to be frame 0: the counter is authenticated, so this does not open
    expect(reasonOf(() => new FrameOpener(key).open(counterChanged))).toBe('bad-frame');

    expect(reasonOf(() => new FrameOpener(key).open(f0.subarray(0, 5)))).toBe('bad-frame');
    expect(reasonOf(() => new FrameOpener(c.newSymmetricKey()).open(f0))).toBe('bad-frame');
  });
});
