/**
 * PeerHoldings (shared/vault/peer-holdings.ts): how far compaction may drop each author's entries
 * is what every other current organizer's device is known to hold, never past this device's head.
 */
import { initCrypto, type DeviceId, type SpaceId } from '../../../shared/crypto';
import { SpaceData } from '../../../shared/model';
import { addDevice } from '../../../shared/space';
import { createVault } from '../../../shared/vault';
import { fast, freshEnv } from './helpers';
import type { ChainHead } from '../../../shared/log/chain';
import { PeerHoldings } from '../../../shared/vault/peer-holdings';

const space = 's1' as SpaceId;
const [me, b, c] = ['me', 'b', 'c'] as DeviceId[] as [DeviceId, DeviceId, DeviceId];
const heads = (seqs: Record<string, number>) =>
  Object.entries(seqs).map(([author, seq]) => ({ author, seq, hash: new Uint8Array(32) }) as ChainHead);

test('the cutoff is the lowest any other organizer holds, nothing when one is unknown, everything alone', () => {
  const h = new PeerHoldings();
  const mine = heads({ [me]: 9, [c]: 4 });
  expect(h.cutoff(space, [], mine)).toEqual(
    new Map([
      [me, 9],
      [c, 4],
    ]),
  );
  h.set(
    space,
    b,
    new Map([
      [me, 7],
      [c, 4],
    ]),
  );
  expect(h.cutoff(space, [b, c], mine)).toEqual(
    new Map([
      [me, 0],
      [c, 0],
    ]),
  ); // c told nothing yet
  h.set(
    space,
    c,
    new Map([
      [me, 5],
      [c, 40],
    ]),
  );
  // Never past this device's own head, whatever a peer claims.
  expect(h.cutoff(space, [b, c], mine)).toEqual(
    new Map([
      [me, 5],
      [c, 4],
    ]),
  );
});

test('a new view replaces the last (a peer that asked again holds less), and listeners hear only changes', () => {
  const h = new PeerHoldings();
  const heard: SpaceId[] = [];
  h.onChange((s) => heard.push(s));
  h.set(space, b, new Map([[me, 7]]));
  h.set(space, b, new Map([[me, 7]]));
  h.set(space, b, new Map([[me, 3]]));
  expect(h.of(space, b).get(me)).toBe(3);
  expect(heard).toEqual([space, space]);
});

test('saved and restored; what replication told since the unlock is newer and stays', () => {
  const h = new PeerHoldings();
  h.set(space, b, new Map([[me, 7]]));
  h.set(space, c, new Map([[me, 2]]));
  const again = new PeerHoldings();
  again.set(space, c, new Map([[me, 6]]));
  again.restore(h.save());
  expect(again.of(space, b).get(me)).toBe(7);
  expect(again.of(space, c).get(me)).toBe(6);
});

test('a peer that claimed more of this device’s chain than it wrote does not make compaction drop the changes that follow', async () => {
  await initCrypto();
  const { vault } = await createVault(freshEnv(), 'pass', fast);
  const { vault: other } = await createVault(freshEnv(), 'other', fast);
  const handle = await vault.openSpace(await vault.createSpace('Chapter'));
  await handle.changeAccess((access, id) => addDevice(access, id, other.device, 'editor'));
  const data = new SpaceData(handle.doc, vault.device.id);
  data.members.create({ firstName: 'Ana', lastName: 'Ruiz' });
  await handle.flush();
  const mine = () => handle.heads().content.find((h) => h.author === vault.device.id)!.seq;
  const claimed = mine();
  // What a hostile member's heads would say: far ahead of this device's own chain.
  const far = new Map([[vault.device.id, 1_000_000]]);
  handle.peerHolds(other.device.id, far, far);
  expect(handle.heldBy(other.device.id).get(vault.device.id)).toBe(claimed);
  // Changes written after the claim were never sent to it: compaction keeps them for it.
  data.members.create({ firstName: 'Bo', lastName: 'Lee' });
  await handle.flush();
  expect(mine()).toBeGreaterThan(claimed);
  await handle.compact();
  expect(handle.compactedBases().get(vault.device.id)).toBe(claimed);
  expect(await handle.compactionPending()).toBe(true);
  await vault.lock();
  await other.lock();
});
