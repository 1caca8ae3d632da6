/**
 * Compaction never drops what another organizer still needs from this device (SECURITY.md
 * "Checkpoints, compaction and retention"): two real vaults (fake-indexeddb) over a real TCP
 * session on 127.0.0.1. Editor B writes offline, a note expires so B compacts, then B syncs: A gets
 * B's offline edits. Once A acknowledged them, B's next compaction drops them, and the at-rest
 * scan no longer finds the expired note's text on B.
 */
import { SpaceData } from '../../../shared/model';
import { expireNotes } from '../../../shared/model/retention';
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
