import * as c from '../../../shared/crypto';
import {
  createEntry,
  decodeEntry,
  entryFits,
  MAX_ENTRY_BYTES,
  openContent,
  ZERO_HASH,
  entryHash,
} from '../../../shared/log/entry';
import { isAppError } from '../../../shared/errors';

beforeAll(() => c.initCrypto());

function setup() {
  const author = c.generateDeviceIdentity();
  const space = c.randomId() as c.SpaceId;
  const key = c.newSymmetricKey();
  const entry = createEntry(author, {
    log: 'content',
    space,
    seq: 1,
    prev: ZERO_HASH,
    epoch: { number: 3, key },
    payload: c.utf8Encode('Rosa Parks'),
  });
  return { author, space, key, entry };
}

function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isAppError(e) ? e.code : 'not-app-error';
  }
  return undefined;
}

describe('log entry', () => {
  test('round-trips through bytes, verifies and decrypts', () => {
    const { author, space, key, entry } = setup();
    const decoded = decodeEntry(entry.bytes);
    expect(decoded.header).toMatchObject({
      log: 'content',
      space,
      seq: 1,
      epoch: 3,
      author: c.deviceIdOf(author.signPublic),
    });
    expect(decoded.id).toBe(entry.id);
    expect(c.utf8Decode(openContent(decoded, key))).toBe('Rosa Parks');
    expect(entryHash(decoded)).toEqual(c.hash(entry.bytes));
  });

  test('parsing arriving bytes keeps no copy of them: header, ciphertext and signature are views', () => {
    const { entry } = setup();
    const decoded = decodeEntry(entry.bytes);
    for (const part of [decoded.headerBytes, decoded.ciphertext, decoded.signature, decoded.header.nonce]) {
      expect(part.buffer).toBe(entry.bytes.buffer);
    }
  });

  test('the plaintext does not appear in the bytes', () => {
    const { entry } = setup();
    expect(Buffer.from(entry.bytes).includes(Buffer.from('Rosa Parks'))).toBe(false);
  });

  test('a flipped bit anywhere is rejected', () => {
    const { entry } = setup();
    for (let i = 0; i < entry.bytes.length; i += 7) {
      const bytes = entry.bytes.slice();
      bytes[i]! ^= 0x10;
      expect(['bad-entry', 'bad-signature', 'invalid-data']).toContain(errorCode(() => decodeEntry(bytes)));
    }
  });

  test('truncated entries are rejected with a clear code', () => {
    const { entry } = setup();
    for (const n of [0, 1, 10, entry.bytes.length - 1]) {
      expect(errorCode(() => decodeEntry(entry.bytes.slice(0, n)))).toMatch(/bad-entry|bad-signature/);
    }
  });

  test('wrong epoch key cannot open', () => {
    const { entry } = setup();
    expect(errorCode(() => openContent(entry, c.newSymmetricKey()))).toBe('decrypt-failed');
  });

  test('access entries are signed plaintext with epoch 0', () => {
    const author = c.generateDeviceIdentity();
    const e = createEntry(author, {
      log: 'access',
      space: c.randomId() as c.SpaceId,
      seq: 1,
      prev: ZERO_HASH,
      payload: c.utf8Encode('{}'),
    });
    expect(decodeEntry(e.bytes).header.epoch).toBe(0);
  });

  test('a padded (non-canonical) length is refused: the signature covers exactly the canonical bytes', () => {
    const { entry } = setup();
    // The header length is one var-uint byte; write it as two (0x80 | n, 0x00), which lib0 reads as the same n.
    const n = entry.bytes[0]!;
    expect(n).toBeLessThan(0x80);
    const padded = Uint8Array.from([0x80 | n, 0x00, ...entry.bytes.subarray(1)]);
    expect(errorCode(() => decodeEntry(padded))).toBe('bad-entry');
  });

  test('this device never makes an entry readers refuse: the writer applies the limit of readers', () => {
    const { author, space, key } = setup();
    const make = (payloadBytes: number) =>
      createEntry(author, {
        log: 'content',
        space,
        seq: 1,
        prev: ZERO_HASH,
        epoch: { number: 3, key },
        payload: new Uint8Array(payloadBytes),
      });
    const largest = make(MAX_ENTRY_BYTES - 1024);
    expect(entryFits(largest.bytes.length)).toBe(true);
    expect(decodeEntry(largest.bytes).id).toBe(largest.id);
    expect(errorCode(() => make(MAX_ENTRY_BYTES))).toBe('change-too-large');
    // What createEntry refuses to make is exactly what a reader refuses to take.
    const tooBig = new Uint8Array(MAX_ENTRY_BYTES + 1);
    expect(entryFits(tooBig.length)).toBe(false);
    expect(errorCode(() => decodeEntry(tooBig))).toBe('bad-entry');
  });
});
