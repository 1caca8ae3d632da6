/**
 * Replication's rules against in-memory replicas (memory-replica.ts): real sessions over an
 * in-memory channel, real entries and access rules, no vault and no IndexedDB. The same rules over
 * real vaults are in replication.test.ts, hostile.test.ts and revocation.test.ts.
 */
import * as c from '../../../shared/crypto';
import { createEntry, entryHash, peekEntryHeader, ZERO_HASH } from '../../../shared/log/entry';
import { startReplication, type Rejection, type ReplicationOptions } from '../../../shared/sync/replication';
import type { HeadsMessage } from '../../../shared/sync/replication-messages';
import { connect, shareSpaces, until, type Device } from './helpers';
import { memberOf, MemoryReplica, type Member } from './memory-replica';

beforeAll(() => c.initCrypto());

function newMember(): Member {
  return memberOf(c.generateDeviceIdentity());
}

/** `a` and `b` in one session (a dials), each replicating its replica; options per side. */
async function syncPair(
  a: MemoryReplica,
  b: MemoryReplica,
  extraA: Partial<ReplicationOptions> = {},
  extraB: Partial<ReplicationOptions> = {},
) {
  const device = (r: MemoryReplica): Device => ({ identity: r.me.identity, id: r.me.id, access: new Map(), keys: [] });
  const [da, db] = [device(a), device(b)];
  shareSpaces(da, db, [a.id]);
  const { initiator, responder } = connect(da, db);
  const [ia, ib] = await Promise.all([initiator.ready, responder.ready]);
  const ra = startReplication(initiator, ia, { openSpace: async (s) => (s === a.id ? a : undefined), ...extraA });
  const rb = startReplication(responder, ib, { openSpace: async (s) => (s === b.id ? b : undefined), ...extraB });
  return { ra, rb, initiator, responder };
}

const plainHeads = (r: MemoryReplica) => JSON.stringify(r.heads());

/** A space made by `admin` with `member` added as `role`, and the member's copy of it. */
async function sharedSpace(role: 'editor' | 'viewer' = 'editor') {
  const a = MemoryReplica.create(newMember());
  const memberB = newMember();
  await a.add(memberB, role);
  const b = MemoryReplica.joining(a, memberB);
  return { a, b };
}

describe('replication against in-memory replicas', () => {
  test('two replicas converge: each sends exactly what the other lacks, access first, then live edits without echo', async () => {
    const { a, b } = await sharedSpace();
    await a.add(newMember(), 'viewer'); // an access entry b lacks
    for (let i = 0; i < 5; i++) a.write(`a${i}`);
    for (let i = 0; i < 3; i++) b.write(`b${i}`);

    const { ra, rb, initiator } = await syncPair(a, b);
    await until(() => plainHeads(a) === plainHeads(b));
    expect(a.documentTexts()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2']);
    expect(b.documentTexts()).toEqual(a.documentTexts());
    expect(ra.stats.entriesSent).toBe(6); // the added viewer and five edits
    expect(rb.stats.entriesSent).toBe(3);
    // The access entry travelled before any content (content is checked against it).
    const first = b.received[0]!.batch.map((bytes) => peekEntryHeader(bytes).log);
    expect(first).toEqual(['access']);

    b.write('b3');
    await until(() => a.documentTexts().includes('b3'));
    await until(() => plainHeads(a) === plainHeads(b));
    expect(rb.stats.entriesSent).toBe(4);
    expect(ra.stats.entriesSent).toBe(6);
    initiator.close();
  });

  test('each side hears the heads the other announced, and sends nothing to a peer that holds everything', async () => {
    const { a, b } = await sharedSpace();
    a.write('one');
    const heard: { side: string; heads: Pick<HeadsMessage, 'access' | 'content'> }[] = [];
    const expectedByA = b.heads();
    const expectedByB = a.heads();
    const { ra, rb, initiator } = await syncPair(
      a,
      b,
      { onPeerHeads: (_s, heads) => heard.push({ side: 'a', heads }) },
      { onPeerHeads: (_s, heads) => heard.push({ side: 'b', heads }) },
    );
    await until(() => heard.length === 2 && plainHeads(a) === plainHeads(b));
    const plain = (hs: readonly { author: string; seq: number }[]) => hs.map((h) => ({ author: h.author, seq: h.seq }));
    const byA = heard.find((h) => h.side === 'a')!.heads;
    const byB = heard.find((h) => h.side === 'b')!.heads;
    expect(byA.access).toEqual(plain(expectedByA.access));
    expect(byA.content).toEqual(plain(expectedByA.content));
    expect(byB.content).toEqual(plain(expectedByB.content));
    expect(ra.stats.entriesSent).toBe(1);
    expect(rb.stats.entriesSent).toBe(0);
    initiator.close();
  });

  test('a relayed entry the receiver refuses is reported with its signer, and the session goes on', async () => {
    const { a, b } = await sharedSpace();
    // An entry by a device that is no member, which b holds (an old relay): a refuses it as not allowed.
    const stranger = newMember();
    const forged = createEntry(stranger.identity, {
      log: 'content',
      space: a.id,
      seq: 1,
      prev: ZERO_HASH,
      epoch: { number: 1, key: c.newSymmetricKey() },
      payload: c.utf8Encode('not from a member'),
    });
    b.plant(forged);
    b.write('honest');
    const rejections: Rejection[] = [];
    const { responder, initiator } = await syncPair(a, b, { onRejected: (r) => rejections.push(r) });
    await until(() => rejections.length === 1 && a.documentTexts().includes('honest'));
    expect(rejections[0]!.from).toBe(b.me.id);
    expect(rejections[0]!.report.rejected.map((r) => r.code)).toEqual(['not-allowed']);
    expect(rejections[0]!.authors).toEqual([stranger.id]);
    expect(a.documentTexts()).toEqual(['honest']);
    expect(a.heads().content.map((h) => h.author)).toEqual([b.me.id]);

    // Not fatal: later edits still arrive in the same session.
    b.write('later');
    await until(() => a.documentTexts().includes('later'));
    let ended = false;
    void responder.ended.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(ended).toBe(false);
    initiator.close();
  });

  test('content refused for want of an access entry is asked for again once that entry arrives', async () => {
    const a = MemoryReplica.create(newMember());
    const bMember = newMember();
    await a.add(bMember, 'editor');
    const b = MemoryReplica.joining(a, bMember);
    // A relay holding a's access log as it was before c joined, and content c wrote after joining.
    const relay = MemoryReplica.joining(a, a.me);
    const cMember = newMember();
    await a.add(cMember, 'editor');
    const c = MemoryReplica.joining(a, cMember);
    relay.plant(c.write('from c'));

    const rejections: Rejection[] = [];
    const { ra, initiator } = await syncPair(relay, b, {}, { onRejected: (r) => rejections.push(r) });
    await until(() => rejections.length === 1);
    expect(rejections[0]!.report.rejected.map((r) => r.code)).toEqual(['not-allowed']);
    expect(b.documentTexts()).toEqual([]);
    const sent = ra.stats.entriesSent;

    // The entry that adds c reaches b another way (another session, a bundle): b asks the relay again.
    const addC = a.access.entries().at(-1)!;
    await b.receiveEntries([addC.bytes]);
    await until(() => b.documentTexts().includes('from c'));
    expect(ra.stats.entriesSent).toBe(sent + 1);
    initiator.close();
  });

  test("the peer's own entry with a broken signature ends the session, and nothing of it is kept", async () => {
    const { a, b } = await sharedSpace();
    const good = b.write('fine');
    // b now claims a second entry: its own, with one bit of the signature flipped.
    const forged = createEntry(b.me.identity, {
      log: 'content',
      space: a.id,
      seq: 2,
      prev: entryHash(good),
      epoch: { number: 1, key: c.newSymmetricKey() },
      payload: c.utf8Encode('x'),
    });
    const tampered = Uint8Array.from(forged.bytes);
    tampered[tampered.length - 1]! ^= 1;
    b.plant({ ...forged, bytes: tampered });
    const rejections: Rejection[] = [];
    const { initiator } = await syncPair(a, b, { onRejected: (r) => rejections.push(r) });
    const end = await initiator.ended;
    expect(end).toEqual({ reason: 'bad-entry', by: 'local' });
    expect(rejections.flatMap((r) => r.report.rejected.map((x) => x.code))).toEqual(['bad-signature']);
    expect(a.heads().content.every((h) => h.seq <= 1)).toBe(true);
  });

  test('a member removed mid-session is sent its removal, and the session ends', async () => {
    const { a, b } = await sharedSpace();
    a.write('before');
    const { initiator, responder } = await syncPair(a, b);
    await until(() => b.documentTexts().includes('before'));
    await a.remove(b.me.id);
    const end = await initiator.ended;
    expect(end.reason).toBe('unknown-device');
    await responder.ended;
    // b holds the record that removed it: its app can say so.
    expect(b.access.roleOf(b.me.id)).toBeUndefined();
    a.write('after');
    expect(b.documentTexts()).toEqual(['before']);
  });

  test('a space closed under a running session ends it as done, not as a hostile peer', async () => {
    const { a, b } = await sharedSpace();
    const { initiator, responder } = await syncPair(a, b);
    await until(() => plainHeads(a) === plainHeads(b));
    b.close();
    a.write('while b is closed');
    const end = await responder.ended;
    expect(end).toEqual({ reason: 'done', by: 'local' });
    await initiator.ended;
  });
});
