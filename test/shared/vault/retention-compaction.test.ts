/**
 * Retention that really deletes (ARCHITECTURE.md "Checkpoints and compaction", SECURITY.md "At
 * rest"): an expired note is deleted in the document, then the space is compacted, and an at-rest
 * scan that opens everything the store holds with the vault's own keys no longer finds its text,
 * while it finds a kept note's. The compacted store still opens, and an evil maid who puts back
 * what compaction removed (an old entry, the old snapshot, an older checkpoint), or deletes the
 * checkpoint, is found at unlock. A real vault on fake-indexeddb.
 */
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { SpaceData } from '../../../shared/model';
import { expireNotes } from '../../../shared/model/retention';
import { createVault, unlockVault } from '../../../shared/vault';
import { scanAtRest } from './at-rest-scan';
import { deleteRow, dumpDatabase, fast, freshEnv, putRow } from './helpers';

beforeAll(() => initCrypto());

const PASS = 'pass';
const quiet = { ...fast, snapshots: { idleMs: 60 * 60 * 1000 } };
const SECRET = 'Told me about the eviction at 12 Elm St';
const KEPT = 'Wants to lead the tenants committee';
const TODAY = '2026-12-05';

/** A space with a restricted note from a year ago (past its 180 days) and a standard one, in entries and a snapshot. */
async function chapter() {
  const env = freshEnv();
  const { vault } = await createVault(env, PASS, quiet);
  const space = await vault.createSpace('Chapter');
  const handle = await vault.openSpace(space);
  const data = new SpaceData(handle.doc, vault.device.id);
  const member = data.members.create({ firstName: 'Ana', lastName: 'Ruiz' });
  data.notes.create({
    kind: 'one_on_one',
    memberId: member,
    date: '2025-11-01',
    body: SECRET,
    sensitivity: 'restricted',
  });
  data.notes.create({ kind: 'one_on_one', memberId: member, date: '2025-11-01', body: KEPT, sensitivity: 'standard' });
  await handle.flush();
  await handle.snapshot();
  // A later edit, past the snapshot, so both kinds of record hold the space.
  data.members.update(member, { firstName: 'Ana María' });
  await handle.flush();
  return { env, vault, space, handle, data };
}

async function expireAndCompact(c: Awaited<ReturnType<typeof chapter>>) {
  expect(expireNotes(c.data, TODAY)).toBe(1);
  await c.handle.compact();
}

test('before compaction the scan finds the note in entries and snapshot; after, nowhere, and the kept note stays', async () => {
  const c = await chapter();
  const before = await scanAtRest(c.env, PASS, SECRET);
  expect(before.map((h) => h.store).sort()).toEqual(['entries', 'snapshots']);

  // Deleting alone is not enough: the entries and the snapshot still hold it.
  expect(expireNotes(c.data, TODAY)).toBe(1);
  await c.handle.flush();
  expect((await scanAtRest(c.env, PASS, SECRET)).length).toBeGreaterThan(0);

  await c.handle.compact();
  expect(await scanAtRest(c.env, PASS, SECRET)).toEqual([]);
  expect((await scanAtRest(c.env, PASS, KEPT)).length).toBeGreaterThan(0);

  // It stays gone after a lock (which writes a snapshot) and opens whole, with no findings.
  await c.vault.lock();
  expect(await scanAtRest(c.env, PASS, SECRET)).toEqual([]);
  const again = await unlockVault(c.env, PASS, quiet);
  const data = new SpaceData((await again.openSpace(c.space)).doc, again.device.id);
  expect(again.tampering).toEqual([]);
  expect(data.notes.all().map((n) => n.body)).toEqual([KEPT]);
  expect(data.members.all().map((m) => m.firstName)).toEqual(['Ana María']);
  await again.lock();
});

test('a compacted space goes on: new edits chain after the base, a second compaction, and unlock without a snapshot', async () => {
  const c = await chapter();
  await expireAndCompact(c);
  const member = c.data.members.all()[0]!.id;
  c.data.members.update(member, { lastName: 'Ruiz Soto' });
  await c.handle.flush();
  await c.handle.compact();
  c.data.members.update(member, { firstName: 'Ana M.' });
  await c.handle.flush();
  // The app dies before its next lock: no snapshot past the checkpoint, entries past it replayed.
  const crashed = await unlockVault(c.env, PASS, quiet);
  const data = new SpaceData((await crashed.openSpace(c.space)).doc, crashed.device.id);
  expect(crashed.tampering).toEqual([]);
  expect(data.members.get(member)).toMatchObject({ lastName: 'Ruiz Soto', firstName: 'Ana M.' });
  expect(data.notes.all().map((n) => n.body)).toEqual([KEPT]);
});

/** The rows of the store before compaction, to put back afterwards (what an evil maid kept). */
async function compactedWithOld() {
  const c = await chapter();
  const old = await dumpDatabase(c.env);
  await expireAndCompact(c);
  await c.vault.lock();
  return { ...c, old };
}

async function findingsAtUnlock(env: ReturnType<typeof freshEnv>, space: SpaceId) {
  const vault = await unlockVault(env, PASS, quiet);
  await expect(vault.openSpace(space)).rejects.toMatchObject({ code: 'vault-tampered' });
  return vault.tampering.map((f) => `${f.record}/${f.change}`);
}

test('an old content entry put back after compaction (the expired note with it) is found at unlock', async () => {
  const c = await compactedWithOld();
  const entry = c.old.find((r) => r.store === 'entries' && (r.key as unknown[])[1] === 'content')!;
  await putRow(c.env, 'entries', entry.key as IDBValidKey, entry.value);
  expect(await findingsAtUnlock(c.env, c.space)).toContain('content-entry/added');
});

test('the old snapshot put back after compaction is found at unlock', async () => {
  const c = await compactedWithOld();
  const snapshot = c.old.find((r) => r.store === 'snapshots')!;
  await putRow(c.env, 'snapshots', snapshot.key as IDBValidKey, snapshot.value);
  // Compaction removed the snapshot and its name, and nothing was written since: one the vault never named.
  expect(await findingsAtUnlock(c.env, c.space)).toContain('snapshot/added');
});

test('the checkpoint deleted, or an older one put back, is found at unlock', async () => {
  const c = await compactedWithOld();
  const key = `checkpoint:${c.space}`;
  const first = (await dumpDatabase(c.env)).find((r) => r.key === key)!;
  const vault = await unlockVault(c.env, PASS, quiet);
  const handle = await vault.openSpace(c.space);
  const data = new SpaceData(handle.doc, vault.device.id);
  data.notes.create({ kind: 'call', date: TODAY, body: 'later', sensitivity: 'standard' });
  await handle.compact();
  await vault.lock();
  await putRow(c.env, 'meta', key, first.value);
  expect(await findingsAtUnlock(c.env, c.space)).toContain('checkpoint/rolled-back');
  await deleteRow(c.env, 'meta', key);
  // The snapshot written at lock holds the state, but the checkpoint is the only copy once it is not.
  expect(await findingsAtUnlock(c.env, c.space)).toContain('checkpoint/removed');
});

test('going on after an old entry was put back: it is deleted, the compacted space opens whole, the note stays gone', async () => {
  const c = await compactedWithOld();
  const entry = c.old.find((r) => r.store === 'entries' && (r.key as unknown[])[1] === 'content')!;
  await putRow(c.env, 'entries', entry.key as IDBValidKey, entry.value);
  const vault = await unlockVault(c.env, PASS, quiet);
  const handle = await vault.openSpace(c.space, { despiteTampering: true });
  const data = new SpaceData(handle.doc, vault.device.id);
  expect(data.notes.all().map((n) => n.body)).toEqual([KEPT]);
  expect(data.members.all().map((m) => m.firstName)).toEqual(['Ana María']);
  await vault.lock();
  expect(await scanAtRest(c.env, PASS, SECRET)).toEqual([]);
  const again = await unlockVault(c.env, PASS, quiet);
  await again.openSpace(c.space);
  expect(again.tampering).toEqual([]);
  await again.lock();
});

test('going on after the checkpoint was deleted: what it held is lost here, later changes open, and heads never move back', async () => {
  const c = await compactedWithOld();
  const vault0 = await unlockVault(c.env, PASS, quiet);
  const h0 = await vault0.openSpace(c.space);
  const d0 = new SpaceData(h0.doc, vault0.device.id);
  d0.notes.create({ kind: 'call', date: TODAY, body: 'after the compaction', sensitivity: 'standard' });
  await h0.flush();
  const heads = h0.heads().content;
  await vault0.lock();
  await deleteRow(c.env, 'meta', `checkpoint:${c.space}`);
  await deleteRow(c.env, 'snapshots', c.space);
  expect(await findingsAtUnlock(c.env, c.space)).toContain('checkpoint/removed');
  const vault = await unlockVault(c.env, PASS, quiet);
  const handle = await vault.openSpace(c.space, { despiteTampering: true });
  const data = new SpaceData(handle.doc, vault.device.id);
  expect(data.notes.all().map((n) => n.body)).toEqual(['after the compaction']);
  // This device's own chain goes on after its true head: it never signs a second entry at one seq.
  data.members.create({ firstName: 'Bo', lastName: 'Ruiz' });
  await handle.flush();
  expect(handle.heads().content[0]!.seq).toBe(heads[0]!.seq + 1);
  await vault.lock();
});
