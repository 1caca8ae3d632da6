/**
 * Nothing lost when a device's disk fills up while entries arrive over a real session (real vaults
 * on fake-indexeddb, fillableEnv): the receiving device cannot store the batch, so it does not
 * acknowledge it and the session ends; its heads still name only what it stored, so the next
 * session, once the disk takes writes, sends the same entries again and they apply.
 */
import { fillableEnv } from '../vault/helpers';
import { addByBundle, makeDevice, members, newSpace, open, pipe, setField, until } from './peers';

const EDITS = 20;

test('a batch the receiver cannot store is not acknowledged and comes again in the next session', async () => {
  const a = await makeDevice('a');
  const { env, disk } = fillableEnv();
  const b = await makeDevice('b', {}, env);
  const space = await newSpace(a);
  await addByBundle(a, space, b, 'editor');
  const [ha, hb] = [await open(a, space), await open(b, space)];
  const before = hb.heads();
  for (let i = 0; i < EDITS; i++) {
    setField(ha, `m${i}`, 'firstName', `Name ${i}`); // a day of small edits, one entry each
    await ha.flush();
  }

  disk.full = true;
  const first = pipe(a, b);
  await Promise.all([first.ab.ended, first.ba.ended]); // the receiver's store failed: the session ends
  disk.full = false;
  expect(hb.heads()).toEqual(before);
  expect(members(hb).size).toBe(0);
  // The sender was told nothing was taken: it does not count them as held by the receiver.
  expect(ha.heldBy(b.vault.device.id).get(a.vault.device.id) ?? 0).toBeLessThan(ha.heads().content[0]!.seq);

  pipe(a, b);
  await until(() => members(hb).size === EDITS);
  await until(() => JSON.stringify(hb.heads()) === JSON.stringify(ha.heads()));
  expect(members(hb).get('m7')?.get('firstName')).toBe('Name 7');
});
