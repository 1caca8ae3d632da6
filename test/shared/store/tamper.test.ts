/**
 * The evil maid (SECURITY.md "At rest"): with the vault locked, someone edits
 * the profile's IndexedDB (here fake-indexeddb, a real implementation):
 * inserts, deletes, reorders, rolls back or flips records. At unlock each
 * edit is found and said in findings; the space does not open on it, nothing
 * is written, and when the organizer goes on, nothing the vault did not
 * write is obeyed.
 */
import type * as Y from 'yjs';
import { deviceCardOf, deviceIdOf, generateDeviceIdentity, initCrypto, type SpaceId } from '../../../shared/crypto';
import { isAppError } from '../../../shared/errors';
import { createEntry, readStoredEntry, ZERO_HASH, type Entry } from '../../../shared/log/entry';
import { addDevice, removeDevice } from '../../../shared/space';
import type { TamperFinding } from '../../../shared/store/problems';
import { createVault, unlockVault, type SpaceHandle, type Vault } from '../../../shared/vault';
import {
  deleteRow,
  dumpDatabase,
  fast,
  freshEnv,
  getRow,
  membersJson,
  putRow,
  rewrite,
  writeMembers,
} from '../vault/helpers';

beforeAll(() => initCrypto());

/** No idle snapshot: a session left open (a "crash") must not write while the test edits the store. */
const quiet = { ...fast, snapshots: { idleMs: 60 * 60 * 1000 } };

const PASS = 'pass';

/** The findings openSpace refused with; fails if the space opened. */
async function refusal(vault: Vault, space: SpaceId): Promise<TamperFinding[]> {
  try {
    await vault.openSpace(space);
  } catch (e) {
    if (isAppError(e, 'vault-tampered')) return [...(e as unknown as { findings: TamperFinding[] }).findings];
    throw e;
  }
  throw new Error('the space opened on a tampered store');
}

/** Unlocks, expects a refusal that leaves the store as it was, and returns the findings. */
async function unlockRefused(env: ReturnType<typeof freshEnv>, space: SpaceId) {
  const before = await dumpDatabase(env);
  const vault = await unlockVault(env, PASS, quiet);
  const findings = await refusal(vault, space);
  expect(vault.tampering).toEqual(expect.arrayContaining(findings));
  expect(await dumpDatabase(env)).toEqual(before);
  return { vault, findings };
}

/** Next unlock after going on: opens with no findings. */
async function opensCleanly(env: ReturnType<typeof freshEnv>, space: SpaceId): Promise<void> {
  const vault = await unlockVault(env, PASS, quiet);
  await vault.openSpace(space);
  expect(vault.problems).toEqual([]);
  await vault.lock();
}

const names = (doc: Y.Doc) => new Set(Object.keys(membersJson(doc) as object).map((k) => k.split('-')[0]));

/**
 * A space with members written in three sessions: "Old" is in the snapshot
 * (seq 1), "Mid" and "New" (seq 2, 3) past it, as after a crash. Bea, an
 * editor, was added on the way.
 */
async function chapter() {
  const env = freshEnv();
  const { vault } = await createVault(env, PASS, quiet);
  const owner = vault.deviceIdentity();
  const space = await vault.createSpace('Chapter');
  const first = await vault.openSpace(space);
  const bea = generateDeviceIdentity();
  await first.changeAccess((access, me) => addDevice(access, me, deviceCardOf(bea), 'editor'));
  writeMembers(first.doc, 3, 'Old');
  await vault.lock();
  const crashed = await unlockVault(env, PASS, quiet);
  const handle = await crashed.openSpace(space);
  writeMembers(handle.doc, 3, 'Mid');
  await handle.flush();
  writeMembers(handle.doc, 3, 'New');
  await handle.flush();
  return { env, space, owner: { id: deviceIdOf(owner.signPublic), identity: owner }, bea, last: handle };
}

/** A record as the vault writes it, but with a MAC the attacker had to guess. */
const forged = (entry: Entry) => ({ v: 2, bytes: entry.bytes, mac: new Uint8Array(32).fill(7) });

describe('the access log, edited while locked', () => {
  test('an unsigned `add` making an attacker an admin is found, refused, and grants nothing', async () => {
    const { env, space, owner, last } = await chapter();
    const attacker = generateDeviceIdentity();
    // The owner's next access entry, adding the attacker as admin, with a signature that does not hold.
    const add = addDevice(last.access, owner.identity, deviceCardOf(attacker), 'admin');
    const bytes = add.bytes.slice();
    bytes[bytes.length - 1]! ^= 1;
    const unsigned = readStoredEntry(bytes);
    await putRow(env, 'entries', [space, 'access', owner.id, unsigned.header.seq], forged(unsigned));

    const { vault, findings } = await unlockRefused(env, space);
    expect(findings).toEqual([
      { record: 'access-entry', change: 'added', space, author: owner.id, seqs: [unsigned.header.seq], count: 1 },
    ]);
    const handle = await vault.openSpace(space, { despiteTampering: true });
    expect(handle.access.roleOf(deviceIdOf(attacker.signPublic))).toBeUndefined();
    expect(await getRow(env, 'entries', [space, 'access', owner.id, unsigned.header.seq])).toBeUndefined();
    await vault.lock();
    await opensCleanly(env, space);
  });

  test('an `add` validly signed by the attacker’s own device is found and grants nothing', async () => {
    const { env, space, owner, last } = await chapter();
    const attacker = generateDeviceIdentity();
    const record = addDevice(last.access, owner.identity, deviceCardOf(attacker), 'admin').ciphertext;
    const own = createEntry(attacker, { log: 'access', space, seq: 1, prev: ZERO_HASH, payload: record });
    await putRow(env, 'entries', [space, 'access', own.header.author, 1], forged(own));

    const { vault, findings } = await unlockRefused(env, space);
    expect(findings).toEqual([
      { record: 'access-entry', change: 'added', space, author: own.header.author, seqs: [1], count: 1 },
    ]);
    const handle = await vault.openSpace(space, { despiteTampering: true });
    expect(handle.access.members().map((m) => m.card.id)).not.toContain(own.header.author);
    await vault.lock();
  });

  test('the latest rotation deleted (a removal) is found; a peer sending it again heals the space', async () => {
    const { env, space, owner, bea, last } = await chapter();
    const beaId = deviceIdOf(bea.signPublic);
    await last.changeAccess((access, me) => removeDevice(access, me, beaId, 0));
    const removal = last.access.entries().at(-1)!;
    expect(last.access.roleOf(beaId)).toBeUndefined();
    await deleteRow(env, 'entries', [space, 'access', owner.id, removal.header.seq]);

    const { vault, findings } = await unlockRefused(env, space);
    expect(findings).toEqual([
      { record: 'access-entry', change: 'removed', space, author: owner.id, seqs: [removal.header.seq], count: 1 },
    ]);
    // The organizer was told the access list is missing a change; another organizer's device sends it again.
    const handle = await vault.openSpace(space, { despiteTampering: true });
    expect((await handle.receiveEntries([removal.bytes])).accepted).toBe(1);
    expect(handle.access.roleOf(beaId)).toBeUndefined();
    expect(handle.access.writingKey(vault.deviceIdentity()).epoch).toBe(2);
    await vault.lock();
    await opensCleanly(env, space);
  });

  test('a flipped byte in an access entry is found', async () => {
    const { env, space, owner } = await chapter();
    await rewrite(env, 'entries', [space, 'access', owner.id, 1], (v) => {
      const r = v as { bytes: Uint8Array };
      const bytes = r.bytes.slice();
      bytes[40]! ^= 1;
      return { ...r, bytes };
    });
    const { findings } = await unlockRefused(env, space);
    expect(findings).toEqual([
      { record: 'access-entry', change: 'altered', space, author: owner.id, seqs: [1], count: 1 },
    ]);
  });
});

describe('content entries, edited while locked', () => {
  test('one deleted past the snapshot is found', async () => {
    const { env, space, owner } = await chapter();
    await deleteRow(env, 'entries', [space, 'content', owner.id, 2]);
    const { vault, findings } = await unlockRefused(env, space);
    expect(findings).toEqual([
      { record: 'content-entry', change: 'removed', space, author: owner.id, seqs: [2], count: 1 },
    ]);
    const handle = await vault.openSpace(space, { despiteTampering: true });
    // "New" was written by the same Yjs client right after "Mid": it waits in the document until "Mid" is back.
    expect(names(handle.doc)).toEqual(new Set(['Old']));
    await vault.lock();
    await opensCleanly(env, space);
  });

  test('one the snapshot covers, deleted, is found by count', async () => {
    const { env, space, owner } = await chapter();
    await deleteRow(env, 'entries', [space, 'content', owner.id, 1]);
    const { findings } = await unlockRefused(env, space);
    expect(findings).toEqual([{ record: 'content-entry', change: 'removed', space, author: owner.id, count: 1 }]);
  });

  test('the newest rolled back (deleted tail): found; this device’s chain then goes on after its true head', async () => {
    const { env, space, owner } = await chapter();
    await deleteRow(env, 'entries', [space, 'content', owner.id, 3]);
    const { vault, findings } = await unlockRefused(env, space);
    expect(findings).toEqual([
      { record: 'content-entry', change: 'removed', space, author: owner.id, seqs: [3], count: 1 },
    ]);
    const handle = await vault.openSpace(space, { despiteTampering: true });
    expect(handle.heads().content).toEqual([expect.objectContaining({ author: owner.id, seq: 3 })]);
    writeMembers(handle.doc, 1, 'Later');
    await handle.flush();
    // Never a second entry at seq 3, which peers may already hold: the next one is 4, chained to the lost 3.
    expect(await getRow(env, 'entries', [space, 'content', owner.id, 3])).toBeUndefined();
    expect(await getRow(env, 'entries', [space, 'content', owner.id, 4])).toBeDefined();
    await vault.lock();
    await opensCleanly(env, space);
  });

  test('another organizer’s entry deleted: found; going on, this device asks peers for it again', async () => {
    const envs = [freshEnv(), freshEnv()] as const;
    const [a, b] = (await Promise.all(envs.map((env) => createVault(env, PASS, quiet)))).map((c) => c.vault);
    const space = await a!.createSpace('Chapter');
    const ha = await a!.openSpace(space);
    await ha.changeAccess((access, me) => addDevice(access, me, b!.device, 'editor'));
    await b!.joinSpace(space, 'Chapter');
    const hb = await b!.openSpace(space);
    await hb.receiveEntries(await ha.entriesAfter(hb.heads()));
    for (const batch of ['One', 'Two', 'Three']) {
      writeMembers(hb.doc, 1, batch);
      await hb.flush();
    }
    await ha.receiveEntries(await hb.entriesAfter(ha.heads()));
    await a!.lock();
    await deleteRow(envs[0]!, 'entries', [space, 'content', b!.device.id, 2]);

    const { vault, findings } = await unlockRefused(envs[0]!, space);
    expect(findings).toEqual([
      { record: 'content-entry', change: 'removed', space, author: b!.device.id, count: 1 }, // in the snapshot: counted
    ]);
    const reopened = await vault.openSpace(space, { despiteTampering: true });
    expect(reopened.heads().content).toEqual([expect.objectContaining({ author: b!.device.id, seq: 1 })]);
    expect((await reopened.receiveEntries(await hb.entriesAfter(reopened.heads()))).accepted).toBe(2);
    expect(names(reopened.doc)).toEqual(new Set(['One', 'Two', 'Three']));
    await vault.lock();
    await opensCleanly(envs[0]!, space);
  });

  test('two swapped (reordered) are found', async () => {
    const { env, space, owner } = await chapter();
    const two = await getRow(env, 'entries', [space, 'content', owner.id, 2]);
    const three = await getRow(env, 'entries', [space, 'content', owner.id, 3]);
    await putRow(env, 'entries', [space, 'content', owner.id, 2], three);
    await putRow(env, 'entries', [space, 'content', owner.id, 3], two);
    const { findings } = await unlockRefused(env, space);
    expect(findings).toEqual([
      { record: 'content-entry', change: 'altered', space, author: owner.id, seqs: [2, 3], count: 2 },
    ]);
  });

  test('one moved from another space of the same vault is found', async () => {
    const { env, space, owner } = await chapter();
    const vault = await unlockVault(env, PASS, quiet);
    const other = await vault.createSpace('Other');
    const handle = await vault.openSpace(other);
    writeMembers(handle.doc, 1, 'Elsewhere');
    await handle.flush();
    await vault.lock();
    await putRow(
      env,
      'entries',
      [space, 'content', owner.id, 4],
      await getRow(env, 'entries', [other, 'content', owner.id, 1]),
    );
    const { findings } = await unlockRefused(env, space);
    expect(findings).toEqual([
      { record: 'content-entry', change: 'added', space, author: owner.id, seqs: [4], count: 1 },
    ]);
  });

  test('one copied from another vault is found', async () => {
    const { env, space, owner } = await chapter();
    const stranger = await chapter();
    const copied = await getRow(stranger.env, 'entries', [stranger.space, 'content', stranger.owner.id, 2]);
    await putRow(env, 'entries', [space, 'content', owner.id, 2], copied);
    const { findings } = await unlockRefused(env, space);
    expect(findings).toEqual([
      { record: 'content-entry', change: 'altered', space, author: owner.id, seqs: [2], count: 1 },
    ]);
  });

  test('a key this app never writes (seq 2.5) is found', async () => {
    const { env, space, owner } = await chapter();
    await putRow(
      env,
      'entries',
      [space, 'content', owner.id, 2.5],
      await getRow(env, 'entries', [space, 'content', owner.id, 2]),
    );
    const { findings } = await unlockRefused(env, space);
    expect(findings).toEqual([{ record: 'content-entry', change: 'added', space, count: 1 }]);
  });
});

describe('sealed records, edited while locked', () => {
  test('the snapshot rolled back to an older one is found and not used', async () => {
    const env = freshEnv();
    const { vault } = await createVault(env, PASS, quiet);
    const space = await vault.createSpace('Chapter');
    writeMembers((await vault.openSpace(space)).doc, 2, 'Old');
    await vault.lock();
    const older = await getRow(env, 'snapshots', space);
    const again = await unlockVault(env, PASS, quiet);
    writeMembers((await again.openSpace(space)).doc, 2, 'New');
    await again.lock();
    await putRow(env, 'snapshots', space, older);

    const { vault: third, findings } = await unlockRefused(env, space);
    expect(findings).toEqual([{ record: 'snapshot', change: 'rolled-back', space, count: 1 }]);
    const handle = await third.openSpace(space, { despiteTampering: true });
    expect(names(handle.doc)).toEqual(new Set(['Old', 'New']));
    expect(await getRow(env, 'snapshots', space)).toBeUndefined(); // replayed from entries; a new one on lock
    await third.lock();
    await opensCleanly(env, space);
  });

  test('a snapshot moved from another space is found', async () => {
    const env = freshEnv();
    const { vault } = await createVault(env, PASS, quiet);
    const space = await vault.createSpace('Chapter');
    const other = await vault.createSpace('Other');
    writeMembers((await vault.openSpace(space)).doc, 1, 'Here');
    writeMembers((await vault.openSpace(other)).doc, 1, 'There');
    await vault.lock();
    await putRow(env, 'snapshots', space, await getRow(env, 'snapshots', other));
    const { findings } = await unlockRefused(env, space);
    expect(findings).toEqual([{ record: 'snapshot', change: 'altered', space, count: 1 }]);
  });

  test('a used invite (a private record) put back is not obeyed', async () => {
    const env = freshEnv();
    const { vault } = await createVault(env, PASS, quiet);
    await vault.putPrivate('invite/x', new Uint8Array([1, 2, 3]));
    const row = await getRow(env, 'meta', 'private:invite/x');
    await vault.deletePrivate('invite/x');
    await vault.lock();
    await putRow(env, 'meta', 'private:invite/x', row);
    const again = await unlockVault(env, PASS, quiet);
    expect(await again.getPrivate('invite/x')).toBeUndefined();
    expect(await again.listPrivate('invite/')).toEqual([]);
    expect(again.tampering).toEqual([{ record: 'private', change: 'added', count: 1 }]);
    await again.lock();
  });

  test('a space’s name record deleted is found; the space is still listed', async () => {
    const { env, space } = await chapter();
    await deleteRow(env, 'meta', `space:${space}`);
    const vault = await unlockVault(env, PASS, quiet);
    expect(await vault.listSpaces()).toEqual([{ id: space, name: '' }]);
    expect(vault.tampering).toEqual([{ record: 'space', change: 'removed', space, count: 1 }]);
    const handle = await vault.openSpace(space, { despiteTampering: true });
    expect(names(handle.doc)).toEqual(new Set(['Old', 'Mid', 'New']));
    await vault.lock();
    await opensCleanly(env, space);
  });
});

describe('the manifest, edited while locked', () => {
  test('deleted: every space is refused; going on binds what authenticates again', async () => {
    const { env, space } = await chapter();
    await deleteRow(env, 'meta', 'manifest');
    const { vault, findings } = await unlockRefused(env, space);
    expect(findings).toEqual([{ record: 'manifest', change: 'altered', space, count: 1 }]);
    expect(vault.tampering).toContainEqual({ record: 'manifest', change: 'removed', count: 1 });
    const handle = await vault.openSpace(space, { despiteTampering: true });
    expect(names(handle.doc)).toEqual(new Set(['Old', 'Mid', 'New']));
    await vault.lock();
    await opensCleanly(env, space);
  });

  test('put back to an older copy: the newer entries it does not name are found', async () => {
    const { env, space } = await chapter();
    const vault = await unlockVault(env, PASS, quiet);
    const handle = await vault.openSpace(space);
    const older = await getRow(env, 'meta', 'manifest');
    writeMembers(handle.doc, 1, 'Newest');
    await handle.flush();
    await putRow(env, 'meta', 'manifest', older);
    const { findings } = await unlockRefused(env, space);
    expect(findings).toEqual([{ record: 'manifest', change: 'rolled-back', space, count: 1 }]);
  });

  test('taken from another vault: it does not open', async () => {
    const { env, space } = await chapter();
    const stranger = await chapter();
    await putRow(env, 'meta', 'manifest', await getRow(stranger.env, 'meta', 'manifest'));
    const vault = await unlockVault(env, PASS, quiet);
    expect(vault.tampering).toEqual([{ record: 'manifest', change: 'altered', count: 1 }]);
    expect(await refusal(vault, space)).toEqual([{ record: 'manifest', change: 'altered', space, count: 1 }]);
  });
});

/**
 * What the design cannot see (SECURITY.md "At rest"): the whole profile put
 * back to an older copy is consistent in itself. This test states the limit.
 */
test('a whole-profile rollback to an older consistent copy is not detected from inside the profile', async () => {
  const env = freshEnv();
  const { vault } = await createVault(env, PASS, quiet);
  const space = await vault.createSpace('Chapter');
  writeMembers((await vault.openSpace(space)).doc, 1, 'Old');
  await vault.lock();
  const copy = await dumpDatabase(env);
  const again = await unlockVault(env, PASS, quiet);
  writeMembers((await again.openSpace(space)).doc, 1, 'New');
  await again.lock();
  for (const row of await dumpDatabase(env)) await deleteRow(env, row.store, row.key as IDBValidKey);
  for (const row of copy) await putRow(env, row.store, row.key as IDBValidKey, row.value);
  const third = await unlockVault(env, PASS, quiet);
  expect(names((await third.openSpace(space)).doc)).toEqual(new Set(['Old']));
  expect(third.problems).toEqual([]);
  await third.lock();
});

describe('the set-aside list (changes of removed organizers), edited while locked', () => {
  /** Vault `c` took Bea's and Dan's changes before it heard of their removals, then set them aside one by one. */
  async function withdrawals() {
    const envs = ['a', 'b', 'c', 'd'].map(() => freshEnv());
    const made = await Promise.all(envs.map((env) => createVault(env, PASS, quiet)));
    const [a, b, c, d] = made.map((m) => m.vault);
    const space = await a!.createSpace('Chapter');
    const ha = await a!.openSpace(space);
    for (const x of [b!, c!, d!]) {
      await ha.changeAccess((access, me) => addDevice(access, me, x.device, 'editor'));
      await x.joinSpace(space, 'Chapter');
    }
    const [hb, hc, hd] = await Promise.all([b!, c!, d!].map((x) => x.openSpace(space)));
    const relay = async (from: SpaceHandle, to: SpaceHandle) => to.receiveEntries(await from.entriesAfter(to.heads()));
    for (const h of [hb!, hc!, hd!]) await relay(ha, h);
    writeMembers(hb!.doc, 1, 'Bea');
    writeMembers(hd!.doc, 1, 'Dan');
    await Promise.all([hb!.flush(), hd!.flush()]);
    await relay(hb!, hc!);
    await relay(hd!, hc!);
    expect(names(hc!.doc)).toEqual(new Set(['Bea', 'Dan']));
    await ha.changeAccess((access, me) => removeDevice(access, me, b!.device.id, 0));
    await relay(ha, hc!);
    const first = await getRow(envs[2]!, 'meta', `private:ignored-content/${space}`);
    await ha.changeAccess((access, me) => removeDevice(access, me, d!.device.id, 0));
    await relay(ha, hc!);
    expect(hc!.ignoredEntries()).toHaveLength(2);
    expect(names(hc!.doc)).toEqual(new Set());
    await c!.lock();
    return { env: envs[2]!, space, first };
  }

  test('deleted, with the snapshot: found; going on keeps both changes out', async () => {
    const { env, space } = await withdrawals();
    await deleteRow(env, 'meta', `private:ignored-content/${space}`);
    await deleteRow(env, 'snapshots', space);
    const { vault, findings } = await unlockRefused(env, space);
    expect(findings).toEqual(
      expect.arrayContaining([
        { record: 'set-aside', change: 'removed', space, count: 1 },
        { record: 'snapshot', change: 'removed', space, count: 1 },
      ]),
    );
    const handle = await vault.openSpace(space, { despiteTampering: true });
    expect(names(handle.doc)).toEqual(new Set());
    expect(handle.ignoredEntries()).toHaveLength(2);
    await vault.lock();
    await opensCleanly(env, space);
  });

  test('put back to an older copy: found; going on keeps the later withdrawal', async () => {
    const { env, space, first } = await withdrawals();
    await putRow(env, 'meta', `private:ignored-content/${space}`, first);
    await deleteRow(env, 'snapshots', space);
    const { vault, findings } = await unlockRefused(env, space);
    expect(findings).toContainEqual({ record: 'set-aside', change: 'rolled-back', space, count: 1 });
    const handle = await vault.openSpace(space, { despiteTampering: true });
    expect(names(handle.doc)).toEqual(new Set());
    await vault.lock();
  });
});
