import * as Y from 'yjs';
import { createEntry, readStoredEntry, ZERO_HASH } from '../../../shared/log/entry';
import { decodeEntries } from '../../../shared/log/verify-batch';
import { encodeContentPayload } from '../../../shared/log/content-payload';
import { generateDeviceIdentity, initCrypto, newSymmetricKey } from '../../../shared/crypto';
import { addDevice } from '../../../shared/space';
import { createVault, type SpaceHandle } from '../../../shared/vault';
import { dumpDatabase, fast, freshEnv, membersJson, writeMembers } from './helpers';

beforeAll(() => initCrypto());

const none = { access: [], content: [] };

/** Organizer A with three content entries, and device B (an editor) that joined but holds nothing yet. */
async function twoDevices() {
  const a = await createVault(freshEnv(), 'a', fast);
  const bEnv = freshEnv();
  const b = await createVault(bEnv, 'b', fast);
  const space = await a.vault.createSpace('Chapter');
  const ha = await a.vault.openSpace(space);
  for (const name of ['Ana', 'Bo', 'Cy']) {
    writeMembers(ha.doc, 4, name);
    await ha.flush();
  }
  await ha.changeAccess((access, me) => addDevice(access, me, b.vault.device, 'editor'));
  await b.vault.joinSpace(space, 'Chapter');
  const hb = await b.vault.openSpace(space);
  const entries = await ha.entriesAfter(none);
  return { a, b, bEnv, ha, hb, entries, space };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('receiving entries', () => {
  test('shuffled and duplicated delivery converges to the same state', async () => {
    const { ha, hb, entries } = await twoDevices();
    expect(entries.length).toBe(5); // create + add, three content entries
    const report = await hb.receiveEntries(shuffled([...entries, ...entries.slice(0, 3)], 7));
    expect(report.rejected).toEqual([]);
    expect(report.accepted).toBe(5);
    expect(report.duplicates).toBe(3);
    expect(membersJson(hb.doc)).toEqual(membersJson(ha.doc));
    expect(hb.heads()).toEqual(ha.heads());
  });

  test('entries verified beforehand (a bundle) are taken as bytes would be; only decodeEntries makes them', async () => {
    const { ha, hb, entries } = await twoDevices();
    const batch = shuffled([...entries, ...entries.slice(0, 3)], 7);
    const verified = decodeEntries(batch).map((d) => d.entry!);
    const report = await hb.receiveVerified(verified);
    expect(report).toMatchObject({ accepted: 5, duplicates: 3, rejected: [] });
    expect(membersJson(hb.doc)).toEqual(membersJson(ha.doc));
    expect(hb.heads()).toEqual(ha.heads());
    // Checked by tsc (npm test), never run: a parsed entry is not a verified one.
    const unverified = readStoredEntry(entries[0]!);
    // @ts-expect-error only what decodeEntries returned is a VerifiedEntry
    const typeCheckOnly = () => hb.receiveVerified([unverified]);
    void typeCheckOnly;
  });

  test('one entry at a time in any order: held until predecessors arrive', async () => {
    const { ha, hb, entries } = await twoDevices();
    await hb.receiveEntries(entries.slice(0, 2));
    for (const bytes of shuffled(entries.slice(2), 3)) await hb.receiveEntries([bytes]);
    await hb.receiveEntries(entries);
    expect(Y.encodeStateVector(hb.doc)).toEqual(Y.encodeStateVector(ha.doc));
    expect(membersJson(hb.doc)).toEqual(membersJson(ha.doc));
  });

  test('received entries are stored as received and survive a lock', async () => {
    const { b, bEnv, ha, hb, entries, space } = await twoDevices();
    await hb.receiveEntries(entries);
    const expected = membersJson(ha.doc);
    await b.vault.lock();
    const stored = (await dumpDatabase(bEnv)).filter((r) => r.store === 'entries');
    for (const bytes of entries)
      expect(stored.some((r) => Buffer.from((r.value as { bytes: Uint8Array }).bytes).equals(bytes))).toBe(true);
    const { unlockVault } = await import('../../../shared/vault');
    const again = await unlockVault(bEnv, 'b', fast);
    expect(membersJson((await again.openSpace(space)).doc)).toEqual(expected);
    await again.lock();
  });

  test('entries that arrive as views into one message are each stored in a buffer of their own size', async () => {
    // Structured clone keeps a view's whole ArrayBuffer: without copying, every entry would be stored as the batch.
    const { bEnv, hb, entries } = await twoDevices();
    const message = new Uint8Array(entries.reduce((n, e) => n + e.length, 0) + 1000);
    let at = 500;
    const views = entries.map((e) => {
      message.set(e, at);
      const view = message.subarray(at, at + e.length);
      at += e.length;
      return view;
    });
    expect((await hb.receiveEntries(views)).accepted).toBe(entries.length);
    const stored = (await dumpDatabase(bEnv))
      .filter((r) => r.store === 'entries')
      .map((r) => r.value as { bytes: Uint8Array });
    expect(stored.length).toBeGreaterThanOrEqual(entries.length);
    for (const { bytes } of stored) expect(bytes.buffer.byteLength).toBe(bytes.length);
  });

  test('a tampered entry is rejected and the store is unchanged', async () => {
    const { bEnv, hb, entries } = await twoDevices();
    await hb.receiveEntries(entries.slice(0, 2));
    const before = await dumpDatabase(bEnv);
    const content = entries[2]!;
    for (const at of [5, Math.floor(content.length / 2), content.length - 3]) {
      const bad = content.slice();
      bad[at]! ^= 0x01;
      const report = await hb.receiveEntries([bad]);
      expect(report.accepted).toBe(0);
      expect(report.rejected).toHaveLength(1);
      expect(['bad-entry', 'bad-signature']).toContain(report.rejected[0]!.code);
    }
    expect(await dumpDatabase(bEnv)).toEqual(before);
    expect(membersJson(hb.doc)).toEqual({});
  });

  test('content from a device that is not in the space is rejected and not stored', async () => {
    const { bEnv, hb, entries, space } = await twoDevices();
    await hb.receiveEntries(entries);
    const before = await dumpDatabase(bEnv);
    const stranger = generateDeviceIdentity();
    const doc = new Y.Doc();
    writeMembers(doc, 1, 'Intruder');
    const forged = createEntry(stranger, {
      log: 'content',
      space,
      seq: 1,
      prev: ZERO_HASH,
      epoch: { number: 1, key: newSymmetricKey() },
      payload: encodeContentPayload({ at: 0, update: Y.encodeStateAsUpdate(doc) }),
    });
    const report = await hb.receiveEntries([forged.bytes]);
    expect(report.rejected).toEqual([{ index: 0, code: 'not-allowed' }]);
    expect(await dumpDatabase(bEnv)).toEqual(before);
    expect(JSON.stringify(membersJson(hb.doc))).not.toContain('Intruder');
  });

  test('history names the author, seq and time of each content entry', async () => {
    const { a, ha } = await twoDevices();
    const items = await ha.history();
    expect(items.map((i) => [i.author, i.seq])).toEqual([1, 2, 3].map((seq) => [a.vault.device.id, seq]));
    expect(items.every((i) => i.at > 0 && i.update.length > 0)).toBe(true);
  });

  test('history read again after one more edit decrypts only the new entry', async () => {
    const { a, ha } = await twoDevices();
    const first = await ha.history();
    writeMembers(ha.doc, 2, 'Di');
    await ha.flush();
    const opened = jest.spyOn(ha.access, 'openContent');
    const added = await ha.history(new Set(first.map((i) => i.id)));
    expect(opened).toHaveBeenCalledTimes(1);
    expect(added.map((i) => [i.author, i.seq])).toEqual([[a.vault.device.id, 4]]);
    opened.mockClear();
    expect(await ha.history()).toHaveLength(4);
    expect(opened).toHaveBeenCalledTimes(4);
  });

  test('local edits become one entry per batch, chained after the previous one', async () => {
    const { ha }: { ha: SpaceHandle } = await twoDevices();
    const before = ha.heads().content[0]!.seq;
    for (let i = 0; i < 5; i++) ha.doc.getMap('members').set(`m${i}`, i);
    await ha.flush();
    expect(ha.heads().content[0]!.seq).toBe(before + 1);
  });
});
