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
import { createVault, newRecoveryKey, unlockVault } from '../../../shared/vault';
import { scanAtRest } from './at-rest-scan';
import { readSnapshotRecord } from '../../../shared/store/records';
import { deleteRow, dumpDatabase, fast, freshEnv, getRow, putRow, rewrite } from './helpers';

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

/**
 * Unlocks the vault again and opens the space: no tamper findings, and the notes are `notes` (by default
 * the kept one alone: the expired one stays gone). Returns the vault and the space's data.
 */
async function expectCleanReopen(
  c: { env: ReturnType<typeof freshEnv>; space: SpaceId },
  notes: readonly string[] = [KEPT],
  options: Parameters<typeof unlockVault>[2] = quiet,
) {
  const vault = await unlockVault(c.env, PASS, options);
  const data = new SpaceData((await vault.openSpace(c.space)).doc, vault.device.id);
  expect(vault.tampering).toEqual([]);
  expect(
    data.notes
      .all()
      .map((n) => n.body)
      .sort(),
  ).toEqual([...notes].sort());
  return { vault, data };
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
  const { vault: again, data } = await expectCleanReopen(c);
  expect(data.members.all().map((m) => m.firstName)).toEqual(['Ana María']);
  await again.lock();
});

test('a compacted space goes on: new edits chain after the base, a second compaction, and unlock before the next lock', async () => {
  const c = await chapter();
  await expireAndCompact(c);
  const member = c.data.members.all()[0]!.id;
  c.data.members.update(member, { lastName: 'Ruiz Soto' });
  await c.handle.flush();
  await c.handle.compact();
  c.data.members.update(member, { firstName: 'Ana M.' });
  await c.handle.flush();
  // The app dies before its next lock: the compaction's snapshot, and the entries past it replayed.
  const { data } = await expectCleanReopen(c);
  expect(data.members.get(member)).toMatchObject({ lastName: 'Ruiz Soto', firstName: 'Ana M.' });
});

test('compaction writes a snapshot in pieces with the checkpoint; with a piece damaged, unlock opens from the checkpoint a piece per task', async () => {
  const c = await chapter();
  const old = readSnapshotRecord(await getRow(c.env, 'snapshots', c.space));
  await expireAndCompact(c);
  // Same state in both: the snapshot is the checkpoint's, newer than the one before, in more than one piece.
  const snapshot = readSnapshotRecord(await getRow(c.env, 'snapshots', c.space));
  expect(snapshot.generation).toBeGreaterThan(old.generation);
  expect(snapshot.pieces.length).toBeGreaterThan(1);
  const member = c.data.members.all()[0]!.id;
  c.data.members.update(member, { lastName: 'Ruiz Soto' });
  await c.handle.flush(); // past both: the app dies before its next lock
  await rewrite(c.env, 'snapshots', c.space, (v) => {
    const record = v as { pieces: { nonce: Uint8Array; ciphertext: Uint8Array }[] };
    const ciphertext = record.pieces[0]!.ciphertext.slice();
    ciphertext[ciphertext.length >> 1]! ^= 1; // a bad sector in the first piece
    return { ...record, pieces: [{ ...record.pieces[0]!, ciphertext }, ...record.pieces.slice(1)] };
  });
  let yields = 0;
  // The snapshot is a cache: damage is told, not a finding; the checkpoint and the entry past it hold everything.
  const yieldTask = () => Promise.resolve(void yields++);
  const { vault, data } = await expectCleanReopen(c, [KEPT], { ...quiet, yieldTask });
  expect(vault.problems).toEqual([{ kind: 'snapshot', space: c.space, code: 'vault-corrupt' }]);
  expect(data.members.get(member)).toMatchObject({ firstName: 'Ana María', lastName: 'Ruiz Soto' });
  // The checkpoint's pieces (as many as the snapshot's) were applied with a yield between each two.
  expect(yields).toBeGreaterThanOrEqual(snapshot.pieces.length - 1);
  await vault.lock();
});

test('going on with a damaged snapshot piece and a damaged checkpoint: both go, the entries past them open', async () => {
  const c = await compactedWithOld();
  // A later session (a new Yjs client: its changes do not build on structs only the checkpoint holds).
  const later = await unlockVault(c.env, PASS, quiet);
  const h = await later.openSpace(c.space);
  new SpaceData(h.doc, later.device.id).notes.create({
    kind: 'call',
    date: TODAY,
    body: 'after the compaction',
    sensitivity: 'standard',
  });
  await h.flush();
  await later.lock(); // writes a snapshot past the checkpoint
  const flip = (sealed: { nonce: Uint8Array; ciphertext: Uint8Array }) => {
    const ciphertext = sealed.ciphertext.slice();
    ciphertext[ciphertext.length >> 1]! ^= 1;
    return { ...sealed, ciphertext };
  };
  await rewrite(c.env, 'snapshots', c.space, (v) => {
    const record = v as { pieces: { nonce: Uint8Array; ciphertext: Uint8Array }[] };
    return { ...record, pieces: [...record.pieces.slice(0, -1), flip(record.pieces.at(-1)!)] };
  });
  await rewrite(c.env, 'meta', `checkpoint:${c.space}`, (v) => {
    const record = v as { sealed: { nonce: Uint8Array; ciphertext: Uint8Array } };
    return { ...record, sealed: flip(record.sealed) };
  });
  // The snapshot is damaged (a cache), so the checkpoint is read: it does not open, a finding.
  expect(await findingsAtUnlock(c.env, c.space)).toContain('checkpoint/altered');
  const vault = await unlockVault(c.env, PASS, quiet);
  const handle = await vault.openSpace(c.space, { despiteTampering: true });
  const data = new SpaceData(handle.doc, vault.device.id);
  // What the checkpoint held is lost here (asked of peers again); the entry past it is kept.
  expect(data.notes.all().map((n) => n.body)).toEqual(['after the compaction']);
  await vault.lock();
  const dump = await dumpDatabase(c.env);
  expect(dump.some((r) => r.key === `checkpoint:${c.space}`)).toBe(false);
  const { vault: again } = await expectCleanReopen(c, ['after the compaction']);
  await again.lock();
});

test('a new master key reseals the checkpoint and the snapshot pieces: each opens under the new keys alone', async () => {
  const c = await chapter();
  await expireAndCompact(c);
  const NEW = 'a new passphrase for the chapter';
  await c.vault.changePassphrase(PASS, NEW, { recoveryKey: newRecoveryKey(), newMasterKey: true });
  await c.vault.lock();
  // The scan opens every record with the new keys (it throws on one that does not open).
  expect((await scanAtRest(c.env, NEW, KEPT)).map((h) => h.store).sort()).toEqual(['meta', 'snapshots']);
  const fromSnapshot = await unlockVault(c.env, NEW, quiet);
  const data = new SpaceData((await fromSnapshot.openSpace(c.space)).doc, fromSnapshot.device.id);
  expect(data.notes.all().map((n) => n.body)).toEqual([KEPT]);
  expect([fromSnapshot.tampering, fromSnapshot.problems]).toEqual([[], []]);
  await fromSnapshot.lock();
  await deleteRow(c.env, 'snapshots', c.space); // and from the checkpoint (what a store restored from its copy does)
  const fromCheckpoint = await unlockVault(c.env, NEW, quiet);
  await expect(fromCheckpoint.openSpace(c.space)).rejects.toMatchObject({ code: 'vault-tampered' });
  expect(fromCheckpoint.tampering.map((f) => `${f.record}/${f.change}`)).toEqual(['snapshot/removed']);
  const opened = await fromCheckpoint.openSpace(c.space, { despiteTampering: true });
  expect(new SpaceData(opened.doc, fromCheckpoint.device.id).notes.all().map((n) => n.body)).toEqual([KEPT]);
  await fromCheckpoint.lock();
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
  // Compaction replaced the snapshot with one of a newer generation: the old one is an older copy.
  expect(await findingsAtUnlock(c.env, c.space)).toContain('snapshot/rolled-back');
});

/** A compacted space compacted once more, with the first checkpoint's row kept (what an evil maid copied). */
async function compactedTwice() {
  const c = await compactedWithOld();
  const key = `checkpoint:${c.space}`;
  const first = (await dumpDatabase(c.env)).find((r) => r.key === key)!;
  const vault = await unlockVault(c.env, PASS, quiet);
  const handle = await vault.openSpace(c.space);
  const data = new SpaceData(handle.doc, vault.device.id);
  data.notes.create({ kind: 'call', date: TODAY, body: 'later', sensitivity: 'standard' });
  await handle.compact();
  await vault.lock();
  return { ...c, key, first: first.value as Record<string, unknown> };
}

test('the checkpoint deleted, or an older one put back, is found at unlock', async () => {
  const c = await compactedTwice();
  const key = c.key;
  await putRow(c.env, 'meta', key, c.first);
  // Without a usable snapshot the checkpoint is the base the entries are applied to: an older copy does not open.
  const snapshot = await getRow(c.env, 'snapshots', c.space);
  await deleteRow(c.env, 'snapshots', c.space);
  expect(await findingsAtUnlock(c.env, c.space)).toContain('checkpoint/rolled-back');
  await putRow(c.env, 'snapshots', c.space, snapshot);
  await deleteRow(c.env, 'meta', key);
  // The snapshot written with the checkpoint holds the state, but the checkpoint is the only copy once it is not.
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
  const { vault: again } = await expectCleanReopen(c);
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

test('an older checkpoint put back beside a usable snapshot is found at unlock, before anything reads or sends it', async () => {
  const c = await compactedTwice();
  await putRow(c.env, 'meta', c.key, c.first);
  // The snapshot is the current one and opens: the checkpoint's header alone is checked, and it is an older copy.
  expect(await findingsAtUnlock(c.env, c.space)).toEqual(['checkpoint/rolled-back']);
  // Going on: the older checkpoint goes, the snapshot holds the space as it was, nothing expired comes back.
  const vault = await unlockVault(c.env, PASS, quiet);
  const data = new SpaceData((await vault.openSpace(c.space, { despiteTampering: true })).doc, vault.device.id);
  expect(
    data.notes
      .all()
      .map((n) => n.body)
      .sort(),
  ).toEqual([KEPT, 'later'].sort());
  await vault.lock();
  expect(await scanAtRest(c.env, PASS, SECRET)).toEqual([]);
  const { vault: again } = await expectCleanReopen(c, [KEPT, 'later']);
  await again.lock();
});

test('an older checkpoint’s parts under the current header, or a part dropped, are found at unlock too', async () => {
  const c = await compactedTwice();
  const current = (await getRow(c.env, 'meta', c.key)) as Record<string, unknown>;
  expect(current.signed).toBeDefined(); // an admin's: the signed checkpoint it sends newcomers is a part too
  const cases: [string, Record<string, unknown>][] = [
    ['the older pieces', { ...current, pieces: c.first.pieces }],
    ['the older signed checkpoint', { ...current, signed: c.first.signed }],
    ['a piece dropped', { ...current, pieces: (current.pieces as unknown[]).slice(1) }],
    ['the signed checkpoint dropped', { ...current, signed: undefined }],
  ];
  for (const [what, value] of cases) {
    await putRow(c.env, 'meta', c.key, value);
    expect([what, await findingsAtUnlock(c.env, c.space)]).toEqual([what, ['checkpoint/altered']]);
  }
  await putRow(c.env, 'meta', c.key, current);
  const vault = await unlockVault(c.env, PASS, quiet);
  await vault.openSpace(c.space);
  expect(vault.tampering).toEqual([]);
  await vault.lock();
});
