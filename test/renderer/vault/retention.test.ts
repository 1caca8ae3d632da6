/**
 * Retention on this device (renderer/vault/retention.ts) on a real vault in fake-indexeddb, with a
 * clock the test moves: notes expire at open and at midnight, and each time their text leaves the
 * disk (the at-rest scan opens everything the store holds with the vault's keys); a note a peer
 * expired first arrives as a deletion, and is compacted here too.
 */
import { initCrypto } from '../../../shared/crypto';
import { SpaceData } from '../../../shared/model';
import { setFieldTier } from '../../../shared/model/chapter-rules';
import { addDevice } from '../../../shared/space';
import { createVault } from '../../../shared/vault';
import { REMOTE_ORIGIN } from '../../../shared/vault/space-load';
import { COMPACT_AFTER_DELETION_MS, SpaceRetention } from '../../../renderer/vault/retention';
import { FakeClock } from '../../shared/util/fake-clock';
import { scanAtRest } from '../../shared/vault/at-rest-scan';
import { fast, freshEnv } from '../../shared/vault/helpers';

beforeAll(() => initCrypto());

const PASS = 'pass';

/** Waits (real time: the store's work is not on the fake clock) until `done` holds. */
async function eventually(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await done()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await done()).toBe(true);
}
const SECRET = 'Undocumented, do not share her address';
/** Noon, local time, on 2026-12-16: the note below (restricted, 180 days) expires tomorrow. */
const NOON = new Date(2026, 11, 16, 12).getTime();

async function space() {
  const env = freshEnv();
  const { vault } = await createVault(env, PASS, { ...fast, snapshots: { idleMs: 60 * 60 * 1000 } });
  const handle = await vault.openSpace(await vault.createSpace('Chapter'));
  const data = new SpaceData(handle.doc, vault.device.id);
  const note = data.notes.create({ kind: 'note', date: '2026-06-20', body: SECRET, sensitivity: 'restricted' });
  await handle.flush();
  await handle.snapshot();
  const clock = new FakeClock(NOON);
  const problems: unknown[] = [];
  const retention = new SpaceRetention(handle, vault.device.id, (e) => problems.push(e), clock);
  return { env, vault, handle, data, note, clock, retention, problems };
}

test('at midnight the note expires and its text leaves the disk; before, nothing is compacted', async () => {
  const s = await space();
  s.retention.start();
  await s.clock.advance(0);
  expect(s.data.notes.has(s.note)).toBe(true);
  expect(await s.handle.compactedAt()).toBeUndefined();
  expect((await scanAtRest(s.env, PASS, SECRET)).length).toBeGreaterThan(0);

  await s.clock.advance(12 * 60 * 60 * 1000);
  await s.retention.stop();
  expect(s.data.notes.has(s.note)).toBe(false);
  expect(await s.handle.compactedAt()).toBeDefined();
  expect(await scanAtRest(s.env, PASS, SECRET)).toEqual([]);
  expect(s.problems).toEqual([]);
  await s.vault.lock();
});

test('a peer expired the note first (its clock ahead): the deletion arriving here is compacted too', async () => {
  const s = await space();
  s.retention.start();
  await s.clock.advance(0);
  // As a peer's entry is applied: a transaction with the vault's remote origin.
  s.handle.doc.transact(() => s.handle.doc.getMap('notes').delete(s.note), REMOTE_ORIGIN);
  expect((await scanAtRest(s.env, PASS, SECRET)).length).toBeGreaterThan(0);
  await s.clock.advance(COMPACT_AFTER_DELETION_MS);
  await s.retention.stop();
  expect(await s.handle.compactedAt()).toBeDefined();
  expect(await scanAtRest(s.env, PASS, SECRET)).toEqual([]);
  await s.vault.lock();
});

test('a note deleted that was not past retention does not compact the history', async () => {
  const s = await space();
  const other = s.data.notes.create({ kind: 'note', date: '2026-12-01', body: 'fresh', sensitivity: 'restricted' });
  s.retention.start();
  await s.clock.advance(0);
  s.data.notes.delete(other);
  await s.clock.advance(COMPACT_AFTER_DELETION_MS);
  await s.retention.stop();
  expect(await s.handle.compactedAt()).toBeUndefined();
  await s.vault.lock();
});

test('with another organizer that has not received them, the text stays until it holds them; then it is compacted away', async () => {
  const s = await space();
  const { vault: other } = await createVault(freshEnv(), 'other', fast);
  await s.handle.changeAccess((access, me) => addDevice(access, me, other.device, 'editor'));
  await s.handle.flush();
  await s.clock.advance(12 * 60 * 60 * 1000); // past midnight: the note expires at open
  s.retention.start();
  await s.clock.advance(0);
  await eventually(async () => (await s.handle.compactedAt()) !== undefined || s.problems.length > 0);
  expect(s.problems).toEqual([]);
  expect(s.data.notes.has(s.note)).toBe(false);
  // Compacted, but the other organizer may still need this device's entries (the note's with them).
  expect(await s.handle.compactionPending()).toBe(true);
  expect((await scanAtRest(s.env, PASS, SECRET)).length).toBeGreaterThan(0);

  // Replication tells that the other device now holds this device's whole chain: compacted again.
  const heads = new Map(s.handle.heads().content.map((h) => [h.author, h.seq]));
  s.handle.peerHolds(other.device.id, heads);
  await s.clock.advance(COMPACT_AFTER_DELETION_MS);
  await eventually(async () => !(await s.handle.compactionPending()));
  await s.retention.stop();
  expect(await scanAtRest(s.env, PASS, SECRET)).toEqual([]);
  expect(s.problems).toEqual([]);
  await s.vault.lock();
});

test('a compaction still pending at open (entries kept for a peer that now holds them) runs at open', async () => {
  const s = await space();
  const { vault: other } = await createVault(freshEnv(), 'other', fast);
  await s.handle.changeAccess((access, me) => addDevice(access, me, other.device, 'editor'));
  s.data.notes.delete(s.note);
  await s.handle.compact();
  expect(await s.handle.compactionPending()).toBe(true);
  // As the sync service gives back, at unlock, what it saved at the last lock.
  s.vault.holdings.restore({
    [s.handle.id]: { [other.device.id]: Object.fromEntries(s.handle.heads().content.map((h) => [h.author, h.seq])) },
  });
  s.retention.start();
  await s.clock.advance(0);
  await s.retention.stop();
  expect(await s.handle.compactionPending()).toBe(false);
  expect(await scanAtRest(s.env, PASS, SECRET)).toEqual([]);
  await s.vault.lock();
});

test('a member field the chapter tiered is cleared past its days, and its old value leaves the disk', async () => {
  const s = await space();
  const ADDRESS = '12 Elm St, apartment 4B';
  // Written on 2026-01-02: restricted keeps it 180 days, so it is due long before the clock's today.
  const then = new SpaceData(s.handle.doc, s.vault.device.id, { now: () => Date.UTC(2026, 0, 2) });
  const ana = then.members.create({ firstName: 'Ana', address: { lines: [ADDRESS] } });
  setFieldTier(then, 'address', 'restricted');
  await s.handle.flush();
  expect((await scanAtRest(s.env, PASS, ADDRESS)).length).toBeGreaterThan(0);
  s.retention.start();
  await s.clock.advance(0);
  await eventually(async () => (await s.handle.compactedAt()) !== undefined);
  await s.retention.stop();
  expect(s.data.members.get(ana)?.address).toBeUndefined();
  expect(s.data.members.get(ana)?.firstName).toBe('Ana');
  expect(await scanAtRest(s.env, PASS, ADDRESS)).toEqual([]);
  await s.vault.lock();
});
