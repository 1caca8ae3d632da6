/**
 * Decompression bombs against a real vault (SECURITY.md "At rest"): a change
 * from a member whose payload is a deflated stream of zeros (a stored snapshot
 * is never deflated: shared/vault/snapshot.ts). Each is refused with 'over-compressed'; the store
 * stays as it was; an honest peer relaying someone else's bomb keeps its
 * session.
 */
import * as Y from 'yjs';
import { createEntry, ZERO_HASH, type Entry } from '../../../shared/log/entry';
import { worstUnpackedSize } from '../../../shared/log/content-payload';
import { partsWithin } from '../../../shared/vault/space-receive';
import type { SpaceHandle } from '../../../shared/vault';
import { replicationCodec, type ReplicationMessage } from '../../../shared/sync/replication-messages';
import { startSession } from '../../../shared/sync/session';
import { soughtSpaceKeys } from '../../../shared/sync/discovery';
import type { Rejection } from '../../../shared/sync/replication';
import type { DecodedEntry, VerifiedEntry } from '../../../shared/log/verify-batch';
import { deflatedPayload, MiB, zeros } from '../log/bombs';
import { relayedPair } from '../sync/helpers';
import { addByBundle, makeDevice, newSpace, open, setField, until, type TestDevice } from '../sync/peers';
import { dumpDatabase, membersJson } from './helpers';

/** A content entry by `author`'s vault, next in its chain, carrying `payload` as is. */
function entryOf(author: TestDevice, handle: SpaceHandle, payload: Uint8Array): Entry {
  const me = author.vault.deviceIdentity();
  const head = handle.heads().content.find((h) => h.author === author.card.id);
  const { epoch, key } = handle.access.writingKey(me);
  return createEntry(me, {
    log: 'content',
    space: handle.id,
    seq: (head?.seq ?? 0) + 1,
    prev: head?.hash ?? ZERO_HASH,
    epoch: { number: epoch, key },
    payload,
  });
}

async function members() {
  const rejections: Rejection[] = [];
  const a = await makeDevice('a', { onRejected: (r) => rejections.push(r) });
  const m = await makeDevice('mallory');
  const r = await makeDevice('relay');
  const space = await newSpace(a);
  await addByBundle(a, space, m, 'editor');
  await addByBundle(a, space, r, 'editor');
  const ha = await open(a, space);
  setField(ha, 'rosa', 'name', 'Rosa Parks');
  await ha.flush();
  return { a, m, r, space, ha, hm: await open(m, space), rejections };
}

/** The entries a vault holds (an idle snapshot may come and go meanwhile: not what these tests are about). */
const entriesOf = async (d: TestDevice) => (await dumpDatabase(d.env)).filter((row) => row.store === 'entries');

test('a bomb in a member’s change is refused, and nothing is stored or applied', async () => {
  const { a, m, ha, hm } = await members();
  const before = await entriesOf(a);
  const state = Y.encodeStateAsUpdate(ha.doc);
  for (const declared of [64 * MiB, MiB]) {
    // States its true size (past the ratio cap), or a smaller one it then unpacks past.
    const bomb = entryOf(m, hm, deflatedPayload(zeros(), declared));
    const report = await ha.receiveEntries([bomb.bytes]);
    expect(report.rejected).toEqual([{ index: 0, code: 'over-compressed' }]);
    expect(report.accepted).toBe(0);
  }
  expect(await entriesOf(a)).toEqual(before);
  expect(Y.encodeStateAsUpdate(ha.doc)).toEqual(state);
});

describe('a bomb over a sync session', () => {
  /** `sender`, a member, speaks raw protocol to a's real peer. */
  async function session(a: TestDevice, sender: TestDevice, space: string) {
    const { a: cs, b: ca } = relayedPair();
    const raw = startSession(cs, {
      identity: sender.vault.deviceIdentity(),
      role: 'initiator',
      spacesFor: () => [space as never],
      membershipKeys: async () =>
        soughtSpaceKeys(await sender.vault.openSpace(space as never), sender.vault.deviceIdentity()),
    });
    const conn = a.peer.connect(ca, 'responder');
    // a's heads arrive once it replicates the space: only then does it take entries for it.
    const replicating = new Promise<void>((resolve) => raw.onMessage(() => resolve()));
    await Promise.all([raw.ready, conn.ready, replicating]);
    const say = (message: ReplicationMessage) => raw.send(replicationCodec.encode(message));
    say({ type: 'heads', v: 1, space, access: [], content: [] });
    return { conn, say };
  }

  test('signed by the peer itself: the session ends and nothing is stored', async () => {
    const { a, m, space, hm } = await members();
    const before = await entriesOf(a);
    const { conn, say } = await session(a, m, space);
    say({ type: 'entries', v: 1, space, batch: 0, entries: [entryOf(m, hm, deflatedPayload(zeros(), MiB)).bytes] });
    await expect(conn.ended).resolves.toEqual({ reason: 'bad-entry', by: 'local' });
    expect(await entriesOf(a)).toEqual(before);
  });

  test('signed by another member and relayed: refused and reported; the honest relay keeps its session', async () => {
    const { a, m, r, space, ha, hm, rejections } = await members();
    const { conn, say } = await session(a, r, space);
    const bomb = entryOf(m, hm, deflatedPayload(zeros(), MiB));
    say({ type: 'entries', v: 1, space, batch: 0, entries: [bomb.bytes] });
    await until(() => rejections.length > 0);
    expect(rejections[0]!.report.rejected).toEqual([{ index: 0, code: 'over-compressed' }]);
    // The session goes on: the relay's own honest change is taken.
    const hr = await open(r, space);
    setField(hr, 'ella', 'name', 'Ella Baker');
    await hr.flush();
    say({ type: 'entries', v: 1, space, batch: 1, entries: await hr.entriesInRange('content', r.card.id, 0, 1) });
    await until(() => (membersJson(ha.doc) as { ella?: { name: string } }).ella?.name === 'Ella Baker');
    conn.close();
  });
});

test('a batch is received in parts that can unpack to at most the budget each', async () => {
  const { m, hm } = await members();
  // Entries of 2 MiB may each unpack to 128 MiB (the absolute cap).
  const big = () => entryOf(m, hm, new Uint8Array(2 * MiB)) as VerifiedEntry;
  const entries = [big(), big(), big(), big(), big()];
  expect(worstUnpackedSize(entries[0]!.ciphertext.length)).toBe(128 * MiB);
  const decoded: DecodedEntry[] = entries.map((entry, index) => ({ index, entry }));
  const parts = partsWithin(decoded, 256 * MiB);
  expect(parts.map((p) => p.map((d) => d.index))).toEqual([[0, 1], [2, 3], [4]]);
});
