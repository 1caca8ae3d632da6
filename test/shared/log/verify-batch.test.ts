/**
 * Batch verification (shared/log/verify-batch.ts): one signature check per
 * author run, the rest vouched for by the hash chain. It must accept every
 * entry that verifies on its own, and nothing that no authentic entry vouches for.
 */
import fc from 'fast-check';
import * as c from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { createEntry, decodeEntry, entryHash, ZERO_HASH, type Entry } from '../../../shared/log/entry';
import { decodeEntries } from '../../../shared/log/verify-batch';

beforeAll(() => c.initCrypto());

const space = 'c3BhY2Utb25lLTEyMzQ1Ng' as c.SpaceId;

/** `count` content entries of one author, chained; `corrupt(seq, bytes)` may alter an entry before its successor names it. */
function chain(
  author: c.DeviceIdentity,
  count: number,
  corrupt: (seq: number, bytes: Uint8Array) => Uint8Array = (_, b) => b,
) {
  const key = c.newSymmetricKey();
  const out: Uint8Array[] = [];
  let prev = ZERO_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const entry = createEntry(author, {
      log: 'content',
      space,
      seq,
      prev,
      epoch: { number: 1, key },
      payload: c.utf8Encode(`change ${seq}`),
    });
    const bytes = corrupt(seq, entry.bytes.slice());
    out.push(bytes);
    prev = c.hash(bytes);
  }
  return out;
}

const flipLast = (bytes: Uint8Array) => {
  const b = bytes.slice();
  b[b.length - 1]! ^= 0x01;
  return b;
};

function codes(batch: readonly Uint8Array[]) {
  return decodeEntries(batch).map((d) => (d.entry ? 'ok' : isAppError(d.error) ? d.error.code : 'other'));
}

function verifiesAlone(bytes: Uint8Array): boolean {
  try {
    decodeEntry(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('decodeEntries', () => {
  test('genuine runs of two authors, in any order, all decode to the same entries as one by one', () => {
    const a = chain(c.generateDeviceIdentity(), 6);
    const b = chain(c.generateDeviceIdentity(), 4);
    const batch = [b[2]!, a[0]!, a[1]!, b[0]!, a[5]!, a[2]!, b[3]!, a[4]!, b[1]!, a[3]!];
    const decoded = decodeEntries(batch);
    expect(decoded.map((d) => d.index)).toEqual(batch.map((_, i) => i));
    expect(decoded.map((d) => d.entry?.id)).toEqual(batch.map((bytes) => decodeEntry(bytes).id));
  });

  test('a forged tip is refused; the run it claimed to extend is checked on its own and kept', () => {
    const a = chain(c.generateDeviceIdentity(), 5);
    const batch = [...a.slice(0, 4), flipLast(a[4]!)];
    expect(codes(batch)).toEqual(['ok', 'ok', 'ok', 'ok', 'bad-signature']);
  });

  test('a tampered entry in the middle of a run is refused, the entries around it are kept', () => {
    const a = chain(c.generateDeviceIdentity(), 5);
    const tampered = a[2]!.slice();
    tampered[tampered.length - 80]! ^= 0x04; // inside the ciphertext
    expect(codes([a[0]!, a[1]!, tampered, a[3]!, a[4]!])).toEqual(['ok', 'ok', 'bad-signature', 'ok', 'ok']);
  });

  test("an entry signed by someone else under the author's name cannot vouch for the author's real entries", () => {
    const author = c.generateDeviceIdentity();
    const mallory = c.generateDeviceIdentity();
    const a = chain(author, 2);
    // Mallory signs seq 3 naming the author and the real seq 2 as prev.
    const forged = createEntry(mallory, {
      log: 'content',
      space,
      seq: 3,
      prev: c.hash(a[1]!) as c.Hash,
      epoch: { number: 1, key: c.newSymmetricKey() },
      payload: c.utf8Encode('forged'),
    }).bytes.slice();
    // Put the author's id in the header: bytes 1 (header length) + 2 (version, log) + 16 (space).
    forged.set(author.signPublic, 1 + 2 + 16);
    expect(codes([a[0]!, a[1]!, forged])).toEqual(['ok', 'ok', 'bad-signature']);
  });

  test("an entry whose own signature is broken is taken when the author's next entry, in the same batch, names its hash", () => {
    // Only its author can make such a run (the next entry is signed over that hash).
    const a = chain(c.generateDeviceIdentity(), 3, (seq, bytes) => (seq === 2 ? flipLast(bytes) : bytes));
    expect(verifiesAlone(a[1]!)).toBe(false);
    expect(codes(a)).toEqual(['ok', 'ok', 'ok']);
    expect(codes(a.slice(0, 2))).toEqual(['ok', 'bad-signature']); // alone at the end of its batch: refused
  });

  test('a substitute for a vouched entry does not ride on the voucher', () => {
    const a = chain(c.generateDeviceIdentity(), 3);
    const other = chain(c.generateDeviceIdentity(), 3);
    const substitute = flipLast(a[1]!); // same position, different bytes, so a different hash
    expect(codes([a[0]!, substitute, a[2]!])).toEqual(['ok', 'bad-signature', 'ok']);
    expect(codes([a[0]!, other[1]!, a[2]!])).toEqual(['ok', 'ok', 'ok']); // someone else's genuine entry: its own
  });

  test('malformed bytes are refused as bad-entry without disturbing the rest', () => {
    const a = chain(c.generateDeviceIdentity(), 2);
    expect(codes([a[0]!, new Uint8Array(90).fill(7), a[1]!])).toEqual(['ok', 'bad-entry', 'ok']);
  });

  test('property: everything that verifies alone is taken, and whatever else is taken is vouched for by a taken successor', () => {
    const authors = [c.generateDeviceIdentity(), c.generateDeviceIdentity()];
    const runs = authors.map((a) => chain(a, 6));
    const pool = runs.flat();
    fc.assert(
      fc.property(
        fc.array(fc.record({ pick: fc.nat(pool.length - 1), flip: fc.option(fc.nat(400), { freq: 3 }) }), {
          minLength: 1,
          maxLength: 14,
        }),
        (picks) => {
          const batch = picks.map(({ pick, flip }) => {
            const bytes = pool[pick]!.slice();
            if (flip !== null) bytes[flip % bytes.length]! ^= 0x20;
            return bytes;
          });
          const decoded = decodeEntries(batch);
          const taken = decoded.flatMap((d) => (d.entry ? [d.entry] : []));
          decoded.forEach((d, i) => {
            const alone = verifiesAlone(batch[i]!);
            if (alone) expect(d.entry).toBeDefined();
            if (d.entry && !alone) {
              const voucher = taken.find(
                (t: Entry) =>
                  t.header.author === d.entry!.header.author &&
                  t.header.seq === d.entry!.header.seq + 1 &&
                  c.bytesEqual(t.header.prev, entryHash(d.entry!)),
              );
              expect(voucher).toBeDefined();
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
