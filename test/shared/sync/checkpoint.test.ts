/**
 * Checkpoints over sync (ARCHITECTURE.md "Checkpoints and compaction", SECURITY.md "Checkpoints,
 * compaction and retention"), on real vaults (fake-indexeddb) and real sessions: a newcomer whose
 * admin compacted gets the signed checkpoint and the tail, and never the expired note; and each
 * attack on a newcomer with a checkpoint is refused with nothing stored or applied.
 */
import * as Y from 'yjs';
import type { SpaceId } from '../../../shared/crypto';
import { encodeContentPayload } from '../../../shared/log/content-payload';
import { MAX_CHECKPOINT_BYTES, signCheckpointPayload } from '../../../shared/log/checkpoint-entry';
import { SpaceData } from '../../../shared/model';
import { expireNotes } from '../../../shared/model/retention';
import { addDevice, removeDevice, type Role } from '../../../shared/space';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import type { SpaceHandle } from '../../../shared/vault';
import { deflatedPayload, MiB, zeros } from '../log/bombs';
import { scanAtRest } from '../vault/at-rest-scan';
import { dumpDatabase, fillableEnv, freshEnv } from '../vault/helpers';
import type { Rejection } from '../../../shared/sync/replication';
import { replicationCodec } from '../../../shared/sync/replication-messages';
import {
  addByBundle,
  makeDevice,
  members,
  newSpace,
  open,
  pipe,
  rawSessionTo,
  setField,
  until,
  type TestDevice,
} from './peers';

const SECRET = 'She is afraid her landlord will find out she organizes';

/** An admin whose space holds an expired note, compacted, with one edit after the compaction. */
async function compactedSpace() {
  const admin = await makeDevice('admin');
  const space = await newSpace(admin);
  const handle = await open(admin, space);
  const data = new SpaceData(handle.doc, admin.vault.device.id);
  data.notes.create({ kind: 'note', date: '2025-01-01', body: SECRET, sensitivity: 'restricted' });
  setField(handle, 'rosa', 'firstName', 'Rosa');
  await handle.flush();
  expect(expireNotes(data, '2026-12-05')).toBe(1);
  await handle.compact();
  setField(handle, 'rosa', 'lastName', 'Parks'); // the tail, past the checkpoint
  await handle.flush();
  return { admin, space, handle };
}

/** A device added to the space that holds its access log and none of its content (a bundle of the access log only). */
async function newcomer(admin: TestDevice, space: SpaceId, name = 'newcomer', role: Role = 'editor', env = freshEnv()) {
  const device = await makeDevice(name, {}, env);
  const handle = await open(admin, space);
  await handle.changeAccess((access, me) => addDevice(access, me, device.card, role));
  await handle.flush();
  const theirs = { access: [], content: handle.heads().content };
  await importBundle(device.vault, await exportBundle(admin.vault, handle, { to: device.card, theirs }));
  return { device, handle: await open(device, space) };
}

test('a newcomer gets the admin’s signed checkpoint and the tail; the expired note is on neither disk', async () => {
  const { admin, space, handle } = await compactedSpace();
  const b = await newcomer(admin, space);
  expect(members(b.handle).size).toBe(0);
  const { ab } = pipe(admin, b.device);
  await until(() => members(b.handle).get('rosa')?.get('lastName') === 'Parks');
  expect(b.handle.heads().content).toEqual(handle.heads().content);
  expect(await b.handle.compactedAt()).toBeDefined();
  expect(await scanAtRest(b.device.env, 'passphrase of newcomer', SECRET)).toEqual([]);
  expect(await scanAtRest(admin.env, 'passphrase of admin', SECRET)).toEqual([]);
  // The chain goes on from the checkpoint: the newcomer's edit reaches the admin.
  setField(b.handle, 'rosa', 'zip', '36104');
  await until(() => members(handle).get('rosa')?.get('zip') === '36104');
  // The newcomer can pass the admin's checkpoint on to the next one, once it knows of it.
  const c = await newcomer(admin, space, 'third');
  await until(() => b.handle.access.roleOf(c.device.vault.device.id) !== undefined);
  ab.close();
  pipe(b.device, c.device);
  await until(() => members(c.handle).get('rosa')?.get('zip') === '36104');
});

test('a newcomer invited by file after the compaction gets the checkpoint in the bundle, then the tail', async () => {
  const { admin, space, handle } = await compactedSpace();
  const b = await makeDevice('by-file');
  await addByBundle(admin, space, b, 'editor');
  const hb = await open(b, space);
  expect(members(hb).get('rosa')?.toJSON()).toEqual({ firstName: 'Rosa', lastName: 'Parks' });
  expect(hb.heads().content).toEqual(handle.heads().content);
  expect(await scanAtRest(b.env, 'passphrase of by-file', SECRET)).toEqual([]);
});

test('a checkpoint that cannot be stored moves no head and shows nothing; sent again once the disk takes writes, it is taken', async () => {
  const { admin, space, handle } = await compactedSpace();
  const { env, disk } = fillableEnv();
  const b = await newcomer(admin, space, 'newcomer', 'editor', env);
  const signed = (await handle.signedCheckpoint())!;
  const before = b.handle.heads();
  disk.full = true;
  await expect(b.handle.receiveCheckpoint(signed)).rejects.toMatchObject({ code: 'storage-failed' });
  disk.full = false;
  expect(b.handle.heads()).toEqual(before); // not claimed: the admin is not told it arrived, and sends it again
  expect(members(b.handle).size).toBe(0);
  expect(b.handle.compactedBases().size).toBe(0);

  await expect(b.handle.receiveCheckpoint(signed)).resolves.toBe('taken');
  expect(members(b.handle).get('rosa')?.get('firstName')).toBe('Rosa');
  expect(b.handle.compactedBases().size).toBe(1);
});

describe('attacks on a newcomer with a checkpoint', () => {
  /** A checkpoint by `signer` over the admin's content heads (what a forger would claim), with `payload`. */
  function forged(signer: TestDevice, signerHandle: SpaceHandle, admin: SpaceHandle, payload?: Uint8Array) {
    const identity = signer.vault.deviceIdentity();
    const number = admin.access.writingKey(admin === signerHandle ? identity : adminIdentity!).epoch;
    const key = signerHandle.access.epochKeys(number, identity)[0]!;
    const hostile = new Y.Doc();
    hostile.getMap('members').set('planted', new Y.Map());
    const state = Y.encodeStateAsUpdate(hostile);
    return signCheckpointPayload(
      identity,
      { space: admin.id, epoch: { number, key }, at: 0, access: admin.heads().access, content: admin.heads().content },
      payload ?? encodeContentPayload({ at: 0, update: state }),
    ).bytes;
  }
  let adminIdentity: ReturnType<TestDevice['vault']['deviceIdentity']> | undefined;

  async function refused(b: { device: TestDevice; handle: SpaceHandle }, bytes: Uint8Array, code: string) {
    const before = await dumpDatabase(b.device.env);
    const heads = b.handle.heads();
    await expect(b.handle.receiveCheckpoint(bytes)).rejects.toMatchObject({ code });
    expect(await dumpDatabase(b.device.env)).toEqual(before);
    expect(b.handle.heads()).toEqual(heads);
    expect(members(b.handle).has('planted')).toBe(false);
  }

  test('from an editor, a viewer, or an admin removed since: refused, though each signs with keys it holds', async () => {
    const { admin, space, handle } = await compactedSpace();
    adminIdentity = admin.vault.deviceIdentity();
    const editor = await newcomer(admin, space, 'editor', 'editor');
    const viewer = await newcomer(admin, space, 'viewer', 'viewer');
    const former = await newcomer(admin, space, 'former', 'admin');
    // Each signed with a key its author holds, before the former admin's removal (which rotates the key).
    const fromEditor = forged(editor.device, editor.handle, handle);
    const fromViewer = forged(viewer.device, viewer.handle, handle);
    const fromFormer = forged(former.device, former.handle, handle);
    await handle.changeAccess((access, me) => removeDevice(access, me, former.device.vault.device.id, 0));
    await handle.flush();
    const b = await newcomer(admin, space);
    await refused(b, fromEditor, 'not-allowed');
    await refused(b, fromViewer, 'not-allowed');
    await refused(b, fromFormer, 'not-allowed');
    // The admin's own, for contrast, is taken.
    await expect(b.handle.receiveCheckpoint(forged(admin, handle, handle))).resolves.toBe('taken');
  });

  test('tampered, truncated, oversized, over-compressed, or naming an access head that is not the space’s: refused', async () => {
    const { admin, space, handle } = await compactedSpace();
    adminIdentity = admin.vault.deviceIdentity();
    const b = await newcomer(admin, space);
    const good = forged(admin, handle, handle);
    const flipped = good.slice();
    flipped[flipped.length >> 1]! ^= 1;
    await refused(b, flipped, 'bad-signature');
    await refused(b, good.subarray(0, good.length - 10), 'bad-entry');
    await refused(b, new Uint8Array(MAX_CHECKPOINT_BYTES + 1), 'bad-entry');
    await refused(b, forged(admin, handle, handle, deflatedPayload(zeros(), 64 * MiB)), 'over-compressed');
    const identity = admin.vault.deviceIdentity();
    const { epoch, key } = handle.access.writingKey(identity);
    const access = handle.heads().access.map((h) => ({ ...h, hash: new Uint8Array(32).fill(7) as typeof h.hash }));
    const wrongAccess = signCheckpointPayload(
      identity,
      { space, epoch: { number: epoch, key }, at: 0, access, content: handle.heads().content },
      encodeContentPayload({ at: 0, update: new Uint8Array([0, 0]) }),
    ).bytes;
    await refused(b, wrongAccess, 'bad-entry');
  });

  test('forged heads: a device that holds the entries takes nothing from a checkpoint, even an admin’s', async () => {
    const { admin, space, handle } = await compactedSpace();
    adminIdentity = admin.vault.deviceIdentity();
    const b = await newcomer(admin, space);
    pipe(admin, b.device);
    await until(() => members(b.handle).get('rosa')?.get('lastName') === 'Parks');
    const before = await dumpDatabase(b.device.env);
    await expect(b.handle.receiveCheckpoint(forged(admin, handle, handle))).resolves.toBe('ignored');
    expect(members(b.handle).has('planted')).toBe(false);
    expect(await dumpDatabase(b.device.env)).toEqual(before);
  });
});

describe('a checkpoint over a live session from a member speaking raw protocol', () => {
  async function session() {
    const rejections: Rejection[] = [];
    const a = await makeDevice('a', { onRejected: (r) => rejections.push(r) });
    const m = await makeDevice('mallory');
    const space = await newSpace(a);
    await addByBundle(a, space, m, 'editor');
    const ha = await open(a, space);
    setField(ha, 'rosa', 'firstName', 'Rosa');
    await ha.flush();
    const hm = await open(m, space);
    const { raw, conn, say } = await rawSessionTo(a, m, space);
    const acks: number[] = [];
    let linked = false;
    raw.onMessage((payload) => {
      const message = replicationCodec.decode(payload);
      if (message.type === 'ack') acks.push(message.batch);
      if (message.type === 'heads') linked = true; // a replicates the space with us from now on
    });
    const heads = hm.heads();
    const plain = (hs: typeof heads.access) => hs.map((h) => ({ author: h.author, seq: h.seq }));
    say({ type: 'heads', v: 1, space, access: plain(heads.access), content: plain(heads.content) });
    await until(() => linked);
    /** Mallory's own checkpoint over a's chain, signed with the key it holds. */
    const own = () => {
      const identity = m.vault.deviceIdentity();
      const { epoch, key } = hm.access.writingKey(identity);
      const planted = new Y.Doc();
      planted.getMap('members').set('planted', new Y.Map());
      return signCheckpointPayload(
        identity,
        { space, epoch: { number: epoch, key }, at: 0, access: heads.access, content: ha.heads().content },
        encodeContentPayload({ at: 0, update: Y.encodeStateAsUpdate(planted) }),
      ).bytes;
    };
    return { a, m, space, ha, conn, say, acks, rejections, own };
  }

  test('an editor’s own checkpoint is refused and reported; the session goes on', async () => {
    const s = await session();
    s.say({ type: 'checkpoint', v: 2, space: s.space, batch: 7, bytes: s.own() });
    await until(() => s.acks.includes(7));
    expect(s.rejections.map((r) => [r.report.rejected[0]?.code, r.authors[0]])).toEqual([['not-allowed', s.m.card.id]]);
    expect(members(s.ha).has('planted')).toBe(false);
    let ended = false;
    void s.conn.ended.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(ended).toBe(false);
  });

  test('a checkpoint the member signed that does not verify ends the session', async () => {
    const s = await session();
    const bytes = s.own();
    bytes[bytes.length - 1]! ^= 1;
    s.say({ type: 'checkpoint', v: 2, space: s.space, batch: 0, bytes });
    await expect(s.conn.ended).resolves.toMatchObject({ reason: 'bad-entry' });
    expect(members(s.ha).has('planted')).toBe(false);
  });
});

test('a bundle whose checkpoint does not verify is refused whole, and nothing is stored', async () => {
  const { admin, handle } = await compactedSpace();
  const b = await makeDevice('by-file');
  await handle.changeAccess((access, me) => addDevice(access, me, b.card, 'editor'));
  await handle.flush();
  const signed = (await handle.signedCheckpoint())!.slice();
  signed[signed.length - 1]! ^= 1;
  const source = {
    id: handle.id,
    name: handle.name,
    entriesAfter: (theirs: Parameters<SpaceHandle['entriesAfter']>[0]) => handle.entriesAfter(theirs),
    compactedBases: () => handle.compactedBases(),
    signedCheckpoint: async () => signed,
  };
  const file = await exportBundle(admin.vault, source, { to: b.card });
  const before = await dumpDatabase(b.env);
  await expect(importBundle(b.vault, file)).rejects.toMatchObject({ code: 'bad-bundle' });
  expect(await dumpDatabase(b.env)).toEqual(before);
  expect(await b.vault.listSpaces()).toEqual([]);
});
