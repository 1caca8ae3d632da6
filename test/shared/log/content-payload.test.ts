/**
 * Decompression bombs in a change's payload (SECURITY.md "At rest"): a real
 * deflated stream of zeros, which unpacks about 1,000-fold.
 */
import { deflateSync } from 'fflate';
import { initCrypto } from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { decodeContentPayload, encodeContentPayload, MAX_UNPACKED_UPDATE } from '../../../shared/log/content-payload';
import { deflatedPayload, MiB, zeros } from './bombs';

beforeAll(() => initCrypto());

function codeOf(f: () => unknown): string {
  try {
    f();
    return 'no-error';
  } catch (e) {
    return isAppError(e) ? e.code : 'not-app-error';
  }
}

test('a payload stating its true size of 64 MiB from 65 KB is refused before anything is unpacked', () => {
  const bomb = zeros();
  expect(bomb.length).toBeLessThan(MiB);
  expect(codeOf(() => decodeContentPayload(deflatedPayload(bomb, 64 * MiB)))).toBe('over-compressed');
});

test('a payload stating a size above the absolute cap is refused, whatever its ratio', () => {
  const declared = MAX_UNPACKED_UPDATE.maxBytes + 1;
  const data = new Uint8Array(declared / MAX_UNPACKED_UPDATE.maxRatio + 1024); // a plausible ratio
  expect(codeOf(() => decodeContentPayload(deflatedPayload(data, declared)))).toBe('over-compressed');
});

test('a payload lying about its size is refused as soon as it unpacks past it', () => {
  // States 1 MiB (within the ratio allowed for 65 KB) but unpacks to 64 MiB.
  expect(codeOf(() => decodeContentPayload(deflatedPayload(zeros(), MiB)))).toBe('over-compressed');
});

test('a payload unpacking to less than it states, or not deflate at all, is a bad entry', () => {
  const small = deflateSync(new Uint8Array(1000));
  expect(codeOf(() => decodeContentPayload(deflatedPayload(small, 2000)))).toBe('bad-entry');
  expect(codeOf(() => decodeContentPayload(deflatedPayload(new Uint8Array(100).fill(0xff), 1000)))).toBe('bad-entry');
});

test('an honest update round-trips; one that shrinks past the ratio cap is kept plain so every peer can open it', () => {
  const text = new TextEncoder().encode('Rosa Parks, Ella Baker, Fannie Lou Hamer. '.repeat(2000));
  expect(decodeContentPayload(encodeContentPayload({ at: 5, update: text }))).toEqual({ at: 5, update: text });
  const flat = new Uint8Array(8 * MiB); // deflates ~1000-fold: a reader would refuse it deflated
  const payload = encodeContentPayload({ at: 5, update: flat });
  expect(payload.length).toBeGreaterThan(flat.length);
  expect(Buffer.from(decodeContentPayload(payload).update).equals(flat)).toBe(true);
});

test('the writer refuses an update larger than readers unpack, before deflating it', () => {
  const update = new Uint8Array(MAX_UNPACKED_UPDATE.maxBytes + 1);
  expect(codeOf(() => encodeContentPayload({ at: 1, update }))).toBe('change-too-large');
  expect(codeOf(() => encodeContentPayload({ at: 1, update }, false))).toBe('change-too-large');
});
