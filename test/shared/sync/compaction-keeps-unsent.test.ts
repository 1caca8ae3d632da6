/**
 * Compaction never drops what another organizer still needs from this device (SECURITY.md
 * "Checkpoints, compaction and retention"): two real vaults (fake-indexeddb) over a real TCP
 * session on 127.0.0.1. Editor B writes offline, a note expires so B compacts, then B syncs: A gets
 * B's offline edits. Once A acknowledged them, B's next compaction drops them, and the at-rest
 * scan no longer finds the expired note's text on B.
 */
import { SpaceData } from '../../../shared/model';
import { expireNotes } from '../../../shared/model/retention';
import { setRole } from '../../../shared/space';
import { scanAtRest } from '../vault/at-rest-scan';
import { addByBundle, makeDevice, members, newSpace, open, setField, tcp, until, type TestDevice } from './peers';

const sessions: { destroy: () => void }[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.destroy()));

/** A session between the two over TCP, cut at the test's end. */
async function connect(a: TestDevice, b: TestDevice) {
  const session = await tcp(a, b);
  sessions.push(session);
  return session;
}

const SECRET = 'Her brother was deported last spring';
const TODAY = '2026-12-05';

/**
 * Admin A and editor B share a space; then B works offline: a restricted note dated a year ago (an
 * old conversation written up late) and two check-ins. None of B's entries has reached anyone.
 */
async function twoDoors() {
  const a = await makeDevice('a');
  const b = await makeDevice('b');
  const space = await newSpace(a);
  await addByBundle(a, space, b, 'editor');
  const ha = await open(a, space);
  const hb = await open(b, space);
  setField(ha, 'rosa', 'firstName', 'Rosa');
  await ha.flush();
  const first = await connect(a, b);
  await until(() => members(hb).get('rosa') !== undefined);
  first.destroy();
  const dataB = new SpaceData(hb.doc, b.vault.device.id);
  dataB.notes.create({ kind: 'one_on_one', date: '2025-11-01', body: SECRET, sensitivity: 'restricted' });
  setField(hb, 'walk-in-1', 'firstName', 'Lucía');
  setField(hb, 'walk-in-2', 'firstName', 'Tomás');
  await hb.flush();
  return { a, b, space, ha, hb, dataB };
}

test('an editor that compacts while offline keeps its unsent edits, and they reach the admin', async () => {
  const { a, b, ha, hb, dataB } = await twoDoors();
  expect(expireNotes(dataB, TODAY)).toBe(1);
  await hb.compact();

  await connect(a, b);
  await until(() => members(ha).get('walk-in-2')?.get('firstName') === 'Tomás');
  expect(members(ha).get('walk-in-1')?.get('firstName')).toBe('Lucía');
  expect(ha.heads().content).toEqual(hb.heads().content);
  expect(new SpaceData(ha.doc, a.vault.device.id).notes.all()).toEqual([]);
});

test('once the admin acknowledged them, the next compaction drops them and the expired text leaves B’s disk', async () => {
  const { a, b, ha, hb, dataB } = await twoDoors();
  const me = b.vault.device.id;
  expect(expireNotes(dataB, TODAY)).toBe(1);
  await hb.compact();
  // A told B (at their first session) that it holds A's chain: B drops it. B's own chain is kept,
  // the expired note's text with it, until A holds it.
  expect(hb.compactedBases().get(a.vault.device.id)).toBeGreaterThan(0);
  expect(hb.compactedBases().get(me) ?? 0).toBe(0);
  expect(await hb.compactionPending()).toBe(true);
  expect((await scanAtRest(b.env, 'passphrase of b', SECRET)).length).toBeGreaterThan(0);

  await connect(a, b);
  const mine = hb.heads().content.find((h) => h.author === me)!.seq;
  await until(() => hb.heldBy(a.vault.device.id).get(me) === mine);
  await hb.compact();
  expect(hb.compactedBases().get(me)).toBe(mine);
  expect(await hb.compactionPending()).toBe(false);
  expect(await scanAtRest(b.env, 'passphrase of b', SECRET)).toEqual([]);
  // Still one space: B's later edit reaches A.
  setField(hb, 'walk-in-1', 'zip', '36104');
  await until(() => members(ha).get('walk-in-1')?.get('zip') === '36104');
});

test('an admin keeps its unsent entries too: demoted before it synced, its signed checkpoint is refused, and its entries still arrive', async () => {
  const a = await makeDevice('a');
  const b = await makeDevice('b');
  const c = await makeDevice('c');
  const space = await newSpace(a);
  await addByBundle(a, space, c, 'admin');
  await addByBundle(a, space, b, 'editor');
  const [ha, hb, hc] = [await open(a, space), await open(b, space), await open(c, space)];
  setField(ha, 'rosa', 'firstName', 'Rosa');
  await ha.flush();
  for (const [x, y] of [
    [a, b],
    [a, c],
  ] as const)
    await connect(x, y);
  await until(() => members(hb).has('rosa') && members(hc).has('rosa'));
  sessions.splice(0).forEach((s) => s.destroy());

  // A, offline: an edit, then a note expires and A compacts (signing a checkpoint: it is an admin).
  const dataA = new SpaceData(ha.doc, a.vault.device.id);
  dataA.notes.create({ kind: 'note', date: '2025-11-01', body: SECRET, sensitivity: 'restricted' });
  setField(ha, 'walk-in-1', 'firstName', 'Lucía');
  await ha.flush();
  expect(expireNotes(dataA, TODAY)).toBe(1);
  await ha.compact();
  expect(await ha.signedCheckpoint()).toBeDefined();

  // Meanwhile C makes A an editor and tells B: B no longer takes A's checkpoint.
  const cutoff = hc.heads().content.find((h) => h.author === a.vault.device.id)!.seq;
  await hc.changeAccess((access, me) => setRole(access, me, a.vault.device.id, 'editor', cutoff));
  await hc.flush();
  await connect(c, b);
  await until(() => hb.access.roleOf(a.vault.device.id) === 'editor');
  sessions.splice(0).forEach((s) => s.destroy());

  await connect(a, b);
  await until(() => members(hb).get('walk-in-1')?.get('firstName') === 'Lucía');
  expect(new SpaceData(hb.doc, b.vault.device.id).notes.all()).toEqual([]);
});

test('another author’s entries are kept too: what C gave only B (then C’s laptop was gone) still reaches A after B compacts', async () => {
  const a = await makeDevice('a');
  const b = await makeDevice('b');
  const c = await makeDevice('c');
  const space = await newSpace(a);
  await addByBundle(a, space, b, 'editor');
  await addByBundle(a, space, c, 'editor');
  const [ha, hb, hc] = [await open(a, space), await open(b, space), await open(c, space)];
  const dataB = new SpaceData(hb.doc, b.vault.device.id);
  dataB.notes.create({ kind: 'note', date: '2025-11-01', body: SECRET, sensitivity: 'restricted' });
  await hb.flush();
  await connect(a, b);
  await until(() => new SpaceData(ha.doc, a.vault.device.id).notes.all().length === 1);
  sessions.splice(0).forEach((s) => s.destroy());

  // C meets only B, then C's laptop is lost: B alone holds C's check-in.
  setField(hc, 'walk-in-3', 'firstName', 'Ernesto');
  await hc.flush();
  await connect(c, b);
  await until(() => members(hb).get('walk-in-3')?.get('firstName') === 'Ernesto');
  sessions.splice(0).forEach((s) => s.destroy());

  expect(expireNotes(dataB, TODAY)).toBe(1);
  await hb.compact();
  expect(hb.compactedBases().get(c.vault.device.id) ?? 0).toBe(0); // A is not known to hold it

  await connect(a, b);
  await until(() => members(ha).get('walk-in-3')?.get('firstName') === 'Ernesto');
});
