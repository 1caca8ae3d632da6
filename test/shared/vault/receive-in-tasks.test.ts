/**
 * A newcomer receives a large space a group per task (shared/vault/space-handle.ts, partsWithin with
 * SEALED_PER_TASK_BYTES): the vault's `yieldTask` is awaited between groups, so the page paints and
 * the arrival progress moves. Each group is checked, stored, then applied: at every yield the
 * document shows exactly the stored entries. Node runs the yield as the test injects it: no timers.
 */
import { initCrypto } from '../../../shared/crypto';
import { unlockVault } from '../../../shared/vault';
import { decodeEntry } from '../../../shared/log/entry';
import { ENTRY_WEIGHT_BYTES, SEALED_PER_TASK_BYTES } from '../../../shared/vault/space-receive';
import { membersJson, writeMembers } from './helpers';
import { ENTRIES, largeSpace, MEMBERS_PER_ENTRY, quiet, storedContentEntries } from './large-space';

beforeAll(() => initCrypto());

test('a large batch is received a group per task; at each yield the document shows exactly the stored entries', async () => {
  const { ha, hb, bEnv, entries, yieldWith } = await largeSpace();
  const sealed = entries.reduce((n, e) => n + e.length, 0);
  expect(sealed).toBeGreaterThan(3 * SEALED_PER_TASK_BYTES); // several groups' worth

  const seen: { stored: number; shown: number; held: number }[] = [];
  yieldWith(async () => {
    const held = hb.heads().content.reduce((n, h) => n + h.seq, 0);
    const shown = Object.keys(membersJson(hb.doc) as object).length;
    seen.push({ stored: await storedContentEntries(bEnv), shown, held });
  });
  const report = await hb.receiveEntries(entries);
  expect(report).toMatchObject({ accepted: ENTRIES + 2, rejected: [] }); // + the space's creation and B's addition

  expect(seen.length).toBeGreaterThanOrEqual(3);
  for (const s of seen) {
    // What the document shows is what is stored, and what the heads (progress) count.
    expect(s.shown).toBe(s.stored * MEMBERS_PER_ENTRY);
    expect(s.held).toBe(s.stored);
  }
  // The first yield comes before the first group (nothing stored yet); the progress advances at every
  // yield after it, and the last group lands after the last yield.
  expect(seen[0]!.stored).toBe(0);
  for (let i = 1; i < seen.length; i++) expect(seen[i]!.stored).toBeGreaterThan(seen[i - 1]!.stored);
  expect(seen.at(-1)!.stored).toBeLessThan(ENTRIES);
  expect(await storedContentEntries(bEnv)).toBe(ENTRIES);
  expect(membersJson(hb.doc)).toEqual(membersJson(ha.doc));
});

test('a batch within one group is received without yielding', async () => {
  const { hb, entries, yieldWith } = await largeSpace();
  let yields = 0;
  yieldWith(() => {
    yields++;
    return Promise.resolve();
  });
  const small = entries.slice(0, 3); // the space's creation, B's addition, the first members
  expect(small.reduce((n, e) => n + e.length, 0)).toBeLessThan(SEALED_PER_TASK_BYTES);
  expect(await hb.receiveEntries(small)).toMatchObject({ accepted: 3, rejected: [] });
  expect(yields).toBe(0);
});

test('the app dying between two groups keeps the groups stored so far; the rest comes again and converges', async () => {
  const { ha, hb, bEnv, space, entries, yieldWith } = await largeSpace();
  let yields = 0;
  let storedAtDeath = 0;
  yieldWith(async () => {
    if (++yields < 2) return;
    storedAtDeath = await storedContentEntries(bEnv);
    throw new Error('killed'); // nothing of the batch runs past this point, as if the page were gone
  });
  await expect(hb.receiveEntries(entries)).rejects.toThrow('killed');
  expect(storedAtDeath).toBeGreaterThan(0);
  expect(storedAtDeath).toBeLessThan(ENTRIES);

  // The next unlock shows what was stored, and nothing else.
  const again = await unlockVault(bEnv, 'b', quiet);
  const reopened = await again.openSpace(space);
  expect(Object.keys(membersJson(reopened.doc) as object)).toHaveLength(storedAtDeath * MEMBERS_PER_ENTRY);
  // The batch was not acknowledged: the peer sends it again; what is held counts as a duplicate.
  const report = await reopened.receiveEntries(entries);
  expect(report).toMatchObject({ accepted: ENTRIES - storedAtDeath, duplicates: storedAtDeath + 2, rejected: [] });
  expect(membersJson(reopened.doc)).toEqual(membersJson(ha.doc));
  await again.lock();
});

test('a day of small edits is received in groups bounded by their entries as well as their bytes', async () => {
  const { ha, hb, bEnv, entries, yieldWith } = await largeSpace();
  await hb.receiveEntries(entries);
  const before = hb.heads();
  const EDITS = 300;
  for (let i = 0; i < EDITS; i++) {
    writeMembers(ha.doc, 1, `Day${i}`); // an edit of its own, as edits spread over a day are
    await ha.flush();
  }
  const day = await ha.entriesAfter(before);
  expect(day).toHaveLength(EDITS);
  const sealed = day.map((bytes) => decodeEntry(bytes).ciphertext.length);
  expect(sealed.reduce((n, s) => n + s, 0)).toBeLessThan(SEALED_PER_TASK_BYTES); // one group, weighed by bytes alone

  const storedAt: number[] = [];
  yieldWith(async () => void storedAt.push((await storedContentEntries(bEnv)) - ENTRIES));
  expect(await hb.receiveEntries(day)).toMatchObject({ accepted: EDITS, rejected: [] });
  const bounds = [...storedAt, EDITS];
  expect(bounds[0]).toBe(0);
  for (let g = 1; g < bounds.length; g++) {
    const group = sealed.slice(bounds[g - 1], bounds[g]);
    expect(group.length).toBeGreaterThan(0);
    const weight = group.reduce((n, s) => n + s + ENTRY_WEIGHT_BYTES, 0);
    expect(weight).toBeLessThanOrEqual(SEALED_PER_TASK_BYTES);
  }
  expect(membersJson(hb.doc)).toEqual(membersJson(ha.doc));
});
