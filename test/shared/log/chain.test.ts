import fc from 'fast-check';
import * as c from '../../../shared/crypto';
import { createEntry, decodeEntry, entryHash, ZERO_HASH, type Entry } from '../../../shared/log/entry';
import { ChainAcceptor, headFromJson, headToJson, missingFrom, type ChainHead } from '../../../shared/log/chain';
import { isAppError } from '../../../shared/errors';

beforeAll(() => c.initCrypto());

const space = () => c.randomId() as c.SpaceId;

/** A well-formed chain of `n` content entries by one author. */
function chain(
  author: c.DeviceIdentity,
  sp: c.SpaceId,
  n: number,
  from: { seq: number; prev: c.Hash } = { seq: 1, prev: ZERO_HASH },
): Entry[] {
  const key = c.newSymmetricKey();
  const out: Entry[] = [];
  let prev = from.prev;
  for (let i = 0; i < n; i++) {
    const e = createEntry(author, {
      log: 'content',
      space: sp,
      seq: from.seq + i,
      prev,
      epoch: { number: 1, key },
      payload: c.utf8Encode(`change ${i}`),
    });
    out.push(e);
    prev = entryHash(e);
  }
  return out;
}

describe('chain acceptor', () => {
  test('accepts a chain in order and exposes heads', () => {
    const sp = space();
    const a = c.generateDeviceIdentity();
    const entries = chain(a, sp, 3);
    const acc = new ChainAcceptor({ space: sp, log: 'content' });
    for (const e of entries) expect(acc.offer(e)).toMatchObject({ status: 'accepted', accepted: [e], forks: [] });
    const id = c.deviceIdOf(a.signPublic);
    expect(acc.heads()).toEqual([{ author: id, seq: 3, hash: entryHash(entries[2]!) }]);
    expect(acc.seqOf(id)).toBe(3);
  });

  test('rewind forgets what was accepted since the mark (a store that failed), and the same entries are accepted again', () => {
    const sp = space();
    const [a, b] = [c.generateDeviceIdentity(), c.generateDeviceIdentity()];
    const ours = chain(a, sp, 4);
    const theirs = chain(b, sp, 2);
    const acc = new ChainAcceptor({ space: sp, log: 'content' });
    acc.offer(ours[0]!);
    const mark = acc.mark();
    const before = acc.heads();
    expect(acc.offer(ours[2]!).status).toBe('buffered');
    expect(acc.offer(ours[1]!).accepted).toHaveLength(2); // it, and the one it released
    acc.offer(theirs[0]!); // a new author
    acc.rewind(mark);
    expect(acc.heads()).toEqual(before);
    // Not duplicates: each is taken again, in order, as when the sender sends the group again.
    expect(acc.offer(ours[1]!).status).toBe('accepted');
    expect(acc.offer(ours[2]!).status).toBe('accepted');
    expect(acc.offer(theirs[0]!).status).toBe('accepted');
    expect(acc.offer(ours[1]!).status).toBe('duplicate'); // what it holds again it knows again
  });

  test('an entry held ahead of its chain is kept in a buffer of its own, not as a view pinning its batch', () => {
    const sp = space();
    const [first, second] = chain(c.generateDeviceIdentity(), sp, 2);
    // As received: a view into a batch message much larger than the entry.
    const batch = new Uint8Array(second!.bytes.length + 100_000);
    batch.set(second!.bytes, 50_000);
    const arriving = decodeEntry(batch.subarray(50_000, 50_000 + second!.bytes.length));
    const acc = new ChainAcceptor({ space: sp, log: 'content' });
    expect(acc.offer(arriving).status).toBe('buffered');
    const released = acc.offer(first!).accepted;
    expect(released.map((e) => e.id)).toEqual([first!.id, second!.id]);
    expect(released[1]!.bytes.buffer.byteLength).toBe(second!.bytes.length);
  });

  test('ignores exact duplicates', () => {
    const sp = space();
    const entries = chain(c.generateDeviceIdentity(), sp, 2);
    const acc = new ChainAcceptor({ space: sp, log: 'content' });
    acc.offer(entries[0]!);
    expect(acc.offer(entries[0]!).status).toBe('duplicate');
    expect(acc.offer(entries[1]!).status).toBe('accepted');
    expect(acc.offer(entries[0]!).status).toBe('duplicate');
  });

  test('buffers out-of-order entries and releases them in order', () => {
    const sp = space();
    const entries = chain(c.generateDeviceIdentity(), sp, 4);
    const acc = new ChainAcceptor({ space: sp, log: 'content' });
    expect(acc.offer(entries[3]!).status).toBe('buffered');
    expect(acc.offer(entries[1]!).status).toBe('buffered');
    expect(acc.offer(entries[3]!).status).toBe('duplicate');
    expect(acc.bufferedEntries()).toBe(2);
    const r0 = acc.offer(entries[0]!);
    expect(r0.status).toBe('accepted');
    expect(r0.accepted.map((e) => e.header.seq)).toEqual([1, 2]);
    const r2 = acc.offer(entries[2]!);
    expect(r2.accepted.map((e) => e.header.seq)).toEqual([3, 4]);
    expect(acc.bufferedEntries()).toBe(0);
  });

  test('any delivery order with duplicates ends with the same heads and accepts each entry once', () => {
    const sp = space();
    const a = c.generateDeviceIdentity();
    const b = c.generateDeviceIdentity();
    const all = [...chain(a, sp, 5), ...chain(b, sp, 4)];
    fc.assert(
      fc.property(fc.shuffledSubarray([...all, ...all], { minLength: all.length * 2 }), (order) => {
        const acc = new ChainAcceptor({ space: sp, log: 'content' });
        const accepted: string[] = [];
        for (const e of order) accepted.push(...acc.offer(e).accepted.map((x) => x.id));
        expect(accepted.sort()).toEqual(all.map((e) => e.id).sort());
        expect(
          acc
            .heads()
            .map((h) => h.seq)
            .sort(),
        ).toEqual([4, 5]);
      }),
      { numRuns: 50 },
    );
  });

  test('the buffer is bounded: entries beyond it are dropped, then accepted when offered again', () => {
    const sp = space();
    const entries = chain(c.generateDeviceIdentity(), sp, 6);
    const acc = new ChainAcceptor({ space: sp, log: 'content', maxBuffered: 2 });
    expect(acc.offer(entries[5]!).status).toBe('dropped'); // gap wider than the buffer
    expect(acc.offer(entries[1]!).status).toBe('buffered');
    expect(acc.offer(entries[2]!).status).toBe('buffered');
    expect(acc.offer(entries[3]!).status).toBe('dropped'); // buffer full
    expect(acc.offer(entries[0]!).accepted).toHaveLength(3);
    for (const e of entries.slice(3)) expect(acc.offer(e).status).toBe('accepted');
  });

  test('the byte budget counts what the caller holds for each buffered entry (its unpacked update)', () => {
    const sp = space();
    const entries = chain(c.generateDeviceIdentity(), sp, 5);
    const budget = 10_000;
    const acc = new ChainAcceptor({ space: sp, log: 'content', maxBufferedBytes: budget });
    // Small entries whose updates unpack big: the second one would pass the budget.
    expect(acc.offer(entries[1]!, budget / 2).status).toBe('buffered');
    expect(acc.offer(entries[2]!, budget / 2).status).toBe('dropped');
    expect(acc.offer(entries[2]!, 100).status).toBe('buffered');
    // Released entries give their room back.
    expect(acc.offer(entries[0]!).accepted).toHaveLength(3);
    expect(acc.offer(entries[4]!, budget - entries[4]!.bytes.length).status).toBe('buffered');
  });

  test('a fork at the same seq is reported with both ids and does not replace the accepted entry', () => {
    const sp = space();
    const a = c.generateDeviceIdentity();
    const [first] = chain(a, sp, 1);
    const [evil] = chain(a, sp, 1);
    const acc = new ChainAcceptor({ space: sp, log: 'content' });
    acc.offer(first!);
    const r = acc.offer(evil!);
    expect(r.status).toBe('fork');
    expect(r.forks).toEqual([
      expect.objectContaining({ seq: 1, reason: 'same-seq', keptId: first!.id, otherId: evil!.id }),
    ]);
    expect(acc.head(c.deviceIdOf(a.signPublic))!.hash).toEqual(entryHash(first!));
  });

  test('a fork between two buffered entries is reported', () => {
    const sp = space();
    const a = c.generateDeviceIdentity();
    const honest = chain(a, sp, 3);
    const other = chain(a, sp, 1, { seq: 3, prev: entryHash(honest[1]!) });
    const acc = new ChainAcceptor({ space: sp, log: 'content' });
    acc.offer(honest[2]!);
    const r = acc.offer(other[0]!);
    expect(r.forks[0]).toMatchObject({ reason: 'same-seq', seq: 3, keptId: honest[2]!.id, otherId: other[0]!.id });
  });

  test('a successor naming a different predecessor is a fork (prev-mismatch), also when released from the buffer', () => {
    const sp = space();
    const a = c.generateDeviceIdentity();
    const honest = chain(a, sp, 2);
    const stray = chain(a, sp, 1, { seq: 2, prev: c.hash(c.utf8Encode('not the first entry')) });
    const stray3 = chain(a, sp, 1, { seq: 3, prev: c.hash(c.utf8Encode('elsewhere')) });
    const acc = new ChainAcceptor({ space: sp, log: 'content' });
    acc.offer(honest[0]!);
    expect(acc.offer(stray[0]!)).toMatchObject({ status: 'fork', forks: [{ reason: 'prev-mismatch', seq: 1 }] });
    expect(acc.offer(stray3[0]!).status).toBe('buffered');
    const r = acc.offer(honest[1]!);
    expect(r.status).toBe('accepted');
    expect(r.forks).toEqual([expect.objectContaining({ reason: 'prev-mismatch', seq: 2, keptId: honest[1]!.id })]);
    expect(acc.seqOf(c.deviceIdOf(a.signPublic))).toBe(2);
  });

  test('restores from stored heads: continues the chain without the old entries', () => {
    const sp = space();
    const a = c.generateDeviceIdentity();
    const entries = chain(a, sp, 4);
    const first = new ChainAcceptor({ space: sp, log: 'content' });
    for (const e of entries.slice(0, 3)) first.offer(e);
    const stored = first.heads().map(headToJson);
    const restored = new ChainAcceptor({ space: sp, log: 'content', heads: stored.map(headFromJson) });
    expect(restored.offer(entries[2]!).status).toBe('duplicate'); // the head itself is known
    expect(restored.offer(entries[0]!).status).toBe('behind-head');
    expect(restored.offer(entries[3]!).status).toBe('accepted');
    const withLookup = new ChainAcceptor({
      space: sp,
      log: 'content',
      heads: stored.map(headFromJson),
      acceptedIdAt: (_author, seq) => entries[seq - 1]?.id,
    });
    expect(withLookup.offer(entries[0]!).status).toBe('duplicate');
    expect(withLookup.offer(chain(a, sp, 1)[0]!).status).toBe('fork');
  });

  test('entries of another space or log, and a first entry with a non-zero prev, are refused', () => {
    const sp = space();
    const a = c.generateDeviceIdentity();
    const acc = new ChainAcceptor({ space: sp, log: 'access' });
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isAppError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => acc.offer(chain(a, sp, 1)[0]!))).toBe('bad-entry');
    expect(code(() => acc.offer(chain(a, space(), 1)[0]!))).toBe('bad-entry');
    const content = new ChainAcceptor({ space: sp, log: 'content' });
    expect(code(() => content.offer(chain(a, sp, 1, { seq: 1, prev: c.hash(new Uint8Array(1)) })[0]!))).toBe(
      'bad-entry',
    );
    expect(code(() => headFromJson({ author: 'x', seq: 1, hash: c.toBase64Url(new Uint8Array(32)) }))).toBe(
      'invalid-data',
    );
  });

  test('missingFrom lists what a peer has beyond our heads', () => {
    const h = (author: string, seq: number): ChainHead => ({ author: author as c.DeviceId, seq, hash: ZERO_HASH });
    expect(missingFrom([h('a', 3), h('b', 5)], [h('a', 5), h('b', 2), h('c', 1)])).toEqual([
      { author: 'a', afterSeq: 3, upToSeq: 5 },
      { author: 'c', afterSeq: 0, upToSeq: 1 },
    ]);
  });
});
