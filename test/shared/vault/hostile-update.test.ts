/**
 * A member may seal any bytes as its Yjs update. One that parses but makes Yjs throw while applying
 * it (found by the fuzzer: a delete-set range of length 0) was stored first, then threw: the receive
 * failed with a plain Error and every later unlock stopped at the stored entry.
 */
import * as Y from 'yjs';
import { createEntry, entryHash, ZERO_HASH } from '../../../shared/log/entry';
import { encodeContentPayload } from '../../../shared/log/content-payload';
import { deviceIdOf, initCrypto } from '../../../shared/crypto';
import { unlockVault } from '../../../shared/vault';
import { BoundStore } from '../../../shared/store/bound-store';
import { SNAPSHOTS } from '../../../shared/store/records';
import { fast, halfApplying } from './helpers';
import { until } from '../sync/helpers';
import { docJson, makeDevice, newSpace, open, setField, spaceOfEditors } from '../sync/peers';

beforeAll(() => initCrypto());

/** Yjs reads this update (no structs; one delete range of length 0), then throws "Unexpected case" applying it. */
const POISON = Uint8Array.from([0, 1, 123, 1, 0, 0]);

test('an update Yjs throws on is left out: the receive succeeds, later entries apply, the space reopens', async () => {
  const { space, devices, handles } = await spaceOfEditors(['admin', 'editor'] as const);
  const [admin, editor] = devices;
  const [ha, he] = handles;
  setField(ha, 'rosa', 'firstName', 'Rosa');
  await ha.flush();
  const hostile = editor.vault.deviceIdentity();
  const { epoch, key } = he.access.writingKey(hostile);
  const head = ha.heads().content.find((h) => h.author === deviceIdOf(hostile.signPublic));
  const poisoned = createEntry(hostile, {
    log: 'content',
    space,
    seq: (head?.seq ?? 0) + 1,
    prev: head?.hash ?? ZERO_HASH,
    epoch: { number: epoch, key },
    payload: encodeContentPayload({ at: 1, update: POISON }),
  });
  expect(() => Y.applyUpdate(new Y.Doc(), POISON)).toThrow('Unexpected case');

  await expect(ha.receiveEntries([poisoned.bytes])).resolves.toMatchObject({ rejected: [] });
  // The editor's next, honest entry still applies after it.
  const update = new Y.Doc();
  update.getMap('members').set('ella', 'Ella');
  const honest = createEntry(hostile, {
    log: 'content',
    space,
    seq: poisoned.header.seq + 1,
    prev: entryHash(poisoned),
    epoch: { number: epoch, key },
    payload: encodeContentPayload({ at: 2, update: Y.encodeStateAsUpdate(update) }),
  });
  await expect(ha.receiveEntries([honest.bytes])).resolves.toMatchObject({ accepted: 1, rejected: [] });
  await ha.flush();
  const shown = docJson(ha.doc);
  expect(shown).toContain('Rosa');
  expect(shown).toContain('Ella');

  await admin.vault.lock();
  const again = await unlockVault(admin.env, 'passphrase of admin', fast);
  expect(docJson((await again.openSpace(space)).doc)).toBe(shown);
  await again.lock();
});

test("the same as the space's first content entry, where nothing was applied before it", async () => {
  const admin = await makeDevice('lone');
  const space = await newSpace(admin);
  const h = await open(admin, space);
  const me = admin.vault.deviceIdentity();
  const { epoch, key } = h.access.writingKey(me);
  const entry = createEntry(me, {
    log: 'content',
    space,
    seq: 1,
    prev: ZERO_HASH,
    epoch: { number: epoch, key },
    payload: encodeContentPayload({ at: 1, update: POISON }),
  });
  await expect(h.receiveEntries([entry.bytes])).resolves.toMatchObject({ rejected: [] });
});

test('an update that claims millions of structs in a few bytes is refused before Yjs allocates for them', async () => {
  const { space, devices, handles } = await spaceOfEditors(['admin', 'editor'] as const);
  const [, editor] = devices;
  const [ha, he] = handles;
  const hostile = editor.vault.deviceIdentity();
  const { epoch, key } = he.access.writingKey(hostile);
  // 16,148 clients, the first claiming 28 million structs (var-uints), then nothing: 6 bytes.
  const claim = Uint8Array.from(Buffer.from('947ec5c8ad0d', 'hex'));
  const entry = createEntry(hostile, {
    log: 'content',
    space,
    seq: 1,
    prev: ZERO_HASH,
    epoch: { number: epoch, key },
    payload: encodeContentPayload({ at: 1, update: claim }),
  });
  const before = ha.heads();
  await expect(ha.receiveEntries([entry.bytes])).resolves.toMatchObject({
    accepted: 0,
    rejected: [{ code: 'bad-entry' }],
  });
  expect(ha.heads()).toEqual(before);
});

test('an update Yjs throws on halfway leaves nothing in the document; snapshots and reopening work', async () => {
  const { space, devices, handles } = await spaceOfEditors(['admin', 'editor'] as const);
  const [admin, editor] = devices;
  const [ha, he] = handles;
  setField(ha, 'rosa', 'firstName', 'Rosa');
  await ha.flush();
  const update = halfApplying();
  const probe = new Y.Doc();
  expect(() => Y.applyUpdate(probe, update)).toThrow();
  expect(probe.getMap('members').get('planted')).toBe('x'); // what Yjs leaves behind
  const hostile = editor.vault.deviceIdentity();
  const { epoch, key } = he.access.writingKey(hostile);
  const entry = createEntry(hostile, {
    log: 'content',
    space,
    seq: 1,
    prev: ZERO_HASH,
    epoch: { number: epoch, key },
    payload: encodeContentPayload({ at: 1, update }),
  });
  await expect(ha.receiveEntries([entry.bytes])).resolves.toMatchObject({ accepted: 1, rejected: [] });
  expect(ha.doc.getMap('members').get('planted')).toBeUndefined();
  expect(docJson(ha.doc)).toContain('Rosa');
  const told = { kind: 'entry', log: 'content', author: deviceIdOf(hostile.signPublic), seq: 1, code: 'bad-entry' };
  expect(admin.vault.problems).toContainEqual(expect.objectContaining(told));
  // Edits and snapshots go on.
  setField(ha, 'ella', 'firstName', 'Ella');
  await ha.snapshot();
  await ha.flush();
  const shown = docJson(ha.doc);
  expect(shown).toContain('Ella');

  await admin.vault.lock();
  const again = await unlockVault(admin.env, 'passphrase of admin', fast);
  const reopened = await again.openSpace(space);
  expect(docJson(reopened.doc)).toBe(shown);
  expect(reopened.doc.getMap('members').get('planted')).toBeUndefined();
  await again.lock();
});

test('at unlock, an entry past the snapshot whose update Yjs throws on halfway is left out whole', async () => {
  const { space, devices, handles } = await spaceOfEditors(['admin', 'editor'] as const);
  const [admin, editor] = devices;
  const [ha, he] = handles;
  setField(ha, 'rosa', 'firstName', 'Rosa');
  await ha.snapshot();
  await ha.flush();
  // A second session on the same store that dies (never locks) before it writes a snapshot: what it
  // received is past the snapshot at the next unlock. It dies right after storing the entries, before
  // the snapshot that follows its rebuild.
  const quiet = { ...fast, snapshots: { idleMs: 60 * 60 * 1000 } };
  const session = await unlockVault(admin.env, 'passphrase of admin', quiet);
  const hs = await session.openSpace(space);
  const commit = BoundStore.prototype.commit;
  let snapshotsLost = 0;
  jest.spyOn(BoundStore.prototype, 'commit').mockImplementation(function (this: BoundStore, change) {
    if ((change.entries ?? []).length > 0 || !change.put?.some((p) => p.ref.store === SNAPSHOTS))
      return commit.call(this, change);
    snapshotsLost++;
    return Promise.reject(new Error('the process died'));
  });
  const hostile = editor.vault.deviceIdentity();
  const { epoch, key } = he.access.writingKey(hostile);
  const seal = (seq: number, prev: typeof ZERO_HASH, update: Uint8Array) =>
    createEntry(hostile, {
      log: 'content',
      space,
      seq,
      prev,
      epoch: { number: epoch, key },
      payload: encodeContentPayload({ at: seq, update }),
    });
  const poisoned = seal(1, ZERO_HASH, halfApplying());
  const later = new Y.Doc();
  later.getMap('members').set('ella', 'Ella');
  const honest = seal(2, entryHash(poisoned), Y.encodeStateAsUpdate(later));
  await expect(hs.receiveEntries([poisoned.bytes, honest.bytes])).resolves.toMatchObject({
    accepted: 2,
    rejected: [],
  });
  await hs.flush();
  await until(() => snapshotsLost > 0);
  jest.restoreAllMocks();
  const shown = docJson(hs.doc);
  expect(shown).toContain('Rosa');
  expect(shown).toContain('Ella');
  expect(shown).not.toContain('planted');

  const crashed = await unlockVault(admin.env, 'passphrase of admin', quiet);
  const reopened = await crashed.openSpace(space);
  expect(docJson(reopened.doc)).toBe(shown); // the snapshot's state (Rosa) is there after the build without it
  expect(reopened.doc.getMap('members').get('planted')).toBeUndefined();
  const told = { kind: 'entry', log: 'content', author: deviceIdOf(hostile.signPublic), seq: 1, code: 'bad-entry' };
  expect(crashed.problems).toContainEqual(expect.objectContaining(told));
  expect(crashed.problems.filter((p) => p.kind === 'entry')).toHaveLength(1); // told once, not once per build
  await crashed.lock();
  await session.lock();
  await admin.vault.lock();
});
