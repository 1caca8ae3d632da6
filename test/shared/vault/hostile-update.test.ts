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
import { fast, halfApplying } from './helpers';
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
