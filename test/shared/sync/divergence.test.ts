/**
 * The removal race (issue 3): a removed device's entry reaches peers that have
 * not yet heard of the removal. Once they do, they leave that entry out of
 * their document (kept stored, marked ignored), so every peer converges to
 * the same state as the admin, who never accepted it.
 */
import type * as Y from 'yjs';
import { removeDevice } from '../../../shared/space';
import { unlockVault, type SpaceHandle } from '../../../shared/vault';
import { fast } from '../vault/helpers';
import { docJson, pipe, sameState, setField, spaceOfEditors, until } from './peers';

const accessOf = (h: SpaceHandle) => JSON.stringify(h.heads().access);
const rosa = (h: SpaceHandle) => h.doc.getMap<Y.Map<unknown>>('members').get('rosa')?.get('name');

test('a removed device’s entry accepted before the removal arrived is withdrawn: three peers converge', async () => {
  const {
    space,
    devices: [a, b, c, d],
    handles: [ha, hb, hc, hd],
  } = await spaceOfEditors(['a', 'b', 'c', 'd']);
  setField(ha, 'rosa', 'name', 'Rosa Parks');
  await ha.flush();
  // Everyone knows everyone and holds the same state.
  const star = [pipe(a, b), pipe(a, c), pipe(a, d)];
  await until(() => [hb, hc, hd].every((h) => accessOf(h) === accessOf(ha) && sameState(h, ha)));
  for (const s of star) s.ab.close();
  await Promise.all(star.map((s) => s.ba.ended));

  // Apart: a removes b (cutoff: b's last entry a had) while b writes on.
  const cutoff = ha.heads().content.find((h) => h.author === b.card.id)?.seq ?? 0;
  await ha.changeAccess((access, me) => removeDevice(access, me, b.card.id, cutoff));
  setField(hb, 'rosa', 'name', 'Written by b after its removal');
  await hb.flush();

  // b reaches c, and c passes it to d: neither has heard of the removal, both accept it.
  const bc = pipe(b, c);
  await until(() => rosa(hc) === 'Written by b after its removal');
  bc.ab.close();
  await bc.ba.ended;
  const cd = pipe(c, d);
  await until(() => rosa(hd) === 'Written by b after its removal');
  const lateSeq = cutoff + 1;
  expect(await hc.entriesInRange('content', b.card.id, cutoff, lateSeq)).toHaveLength(1);

  // Then c meets a: the removal arrives, c and d rebuild without b's late entry.
  const replaced: Y.Doc[] = [];
  hc.onDocReplaced((doc) => replaced.push(doc));
  const oldDoc = hc.doc;
  const ac = pipe(a, c);
  await until(() => accessOf(hc) === accessOf(ha) && accessOf(hd) === accessOf(ha), 10_000);
  await until(() => sameState(ha, hc) && sameState(hc, hd), 10_000);
  expect(rosa(ha)).toBe('Rosa Parks');
  expect(rosa(hc)).toBe('Rosa Parks');
  expect(rosa(hd)).toBe('Rosa Parks');
  expect(docJson(hc.doc, ha.doc)).toBe(docJson(ha.doc, hc.doc));
  expect(replaced).toEqual([hc.doc]);
  expect(hc.doc).not.toBe(oldDoc);

  // a never took the entry; c and d keep it stored, marked as ignored, not deleted.
  expect(await ha.entriesInRange('content', b.card.id, cutoff, lateSeq)).toHaveLength(0);
  for (const h of [hc, hd]) {
    expect(h.ignoredEntries()).toEqual([{ author: b.card.id, seq: lateSeq }]);
    expect(await h.entriesInRange('content', b.card.id, cutoff, lateSeq)).toHaveLength(1);
  }

  // Editing goes on in the new document and reaches everyone.
  setField(hc, 'ella', 'name', 'Ella Baker');
  await hc.flush();
  await until(() => sameState(ha, hc) && sameState(hc, hd), 10_000);
  expect((ha.doc.getMap('members').toJSON() as { ella?: { name: string } }).ella?.name).toBe('Ella Baker');

  // After lock and unlock, c still leaves the entry out (no stale snapshot brings it back).
  ac.ab.close();
  cd.ab.close();
  await Promise.all([ac.ba.ended, cd.ba.ended]);
  const expected = docJson(hc.doc);
  c.peer.close();
  await c.vault.lock();
  const again = await unlockVault(c.env, 'passphrase of c', fast);
  const reopened = await again.openSpace(space);
  expect(docJson(reopened.doc)).toBe(expected);
  expect(reopened.ignoredEntries()).toEqual([{ author: b.card.id, seq: lateSeq }]);
  await again.lock();
});
