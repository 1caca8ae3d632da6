/**
 * A checkpoint's roster index (log/checkpoint-entry.ts, SECURITY.md "Checkpoints, compaction and
 * retention"): a newcomer shows the roster from an admin's checkpoint before the state arrives, on
 * real vaults (fake-indexeddb) and a real session; and it is shown only as a current admin's word,
 * bound to its checkpoint: each attack below leaves nothing shown and nothing stored.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { SpaceId } from '../../../shared/crypto';
import { encodeContentPayload } from '../../../shared/log/content-payload';
import {
  checkpointIndexPart,
  encodeIndexPayload,
  MAX_CHECKPOINT_INDEX_BYTES,
  signCheckpointPayload,
} from '../../../shared/log/checkpoint-entry';
import { SpaceData } from '../../../shared/model';
import { readRosterIndex, rosterIndexPieces } from '../../../shared/model/roster-index';
import { addDevice, removeDevice, type Role } from '../../../shared/space';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import type { SpaceHandle } from '../../../shared/vault';
import type { ReadIndexWriter } from '../../../shared/vault/read-index';
import { deflatedPayload, MiB, zeros } from '../log/bombs';
import { dumpDatabase } from '../vault/helpers';
import type { Rejection } from '../../../shared/sync/replication';
import { replicationCodec } from '../../../shared/sync/replication-messages';
import { makeDevice, malloryEditorOf, members, newSpace, open, pipe, until, type TestDevice } from './peers';

/** The model's own index writer, as the app's (renderer/vault/roster-index.ts) but over a fresh model. */
const writer: ReadIndexWriter = (doc) => rosterIndexPieces(new SpaceData(doc, 'reader', { migrate: false }));
const withIndex = { readIndex: writer };

function device(name: string) {
  return makeDevice(name, {}, undefined, withIndex);
}

/** An admin whose space holds Rosa Parks, compacted (its checkpoint carries the roster index), with an edit past it. */
async function compactedSpace() {
  const admin = await device('admin');
  const space = await newSpace(admin);
  const handle = await open(admin, space);
  const data = new SpaceData(handle.doc, admin.vault.device.id);
  data.members.create({ firstName: 'Rosa', lastName: 'Parks' });
  await handle.flush();
  await handle.compact();
  data.members.create({ firstName: 'Ella', lastName: 'Baker' }); // the tail
  await handle.flush();
  return { admin, space, handle };
}

/** A device added with `role` that holds the access log and none of the content. */
async function newcomer(admin: TestDevice, space: SpaceId, name = 'newcomer', role: Role = 'editor') {
  const d = await device(name);
  const handle = await open(admin, space);
  await handle.changeAccess((access, me) => addDevice(access, me, d.card, role));
  await handle.flush();
  await giveAccessLog(admin, space, d);
  return { device: d, handle: await open(d, space) };
}

/** `to` gets the access log as `admin` holds it now (a bundle of the access log only). */
async function giveAccessLog(admin: TestDevice, space: SpaceId, to: TestDevice) {
  const handle = await open(admin, space);
  const theirs = { access: [], content: handle.heads().content };
  await importBundle(to.vault, await exportBundle(admin.vault, handle, { to: to.card, theirs }));
}

function firstNames(pieces: readonly Uint8Array[]): string[] {
  return readRosterIndex(pieces)
    .members.map((m) => m.firstName)
    .sort();
}

test('over a session, the newcomer shows the admin’s roster index before the checkpoint’s state is applied', async () => {
  const { admin, space } = await compactedSpace();
  const b = await newcomer(admin, space);
  const seen: ({ names: string[]; membersInDocument: number } | 'taken')[] = [];
  b.handle.onCheckpointPreview((pieces) =>
    seen.push(pieces ? { names: firstNames(pieces), membersInDocument: members(b.handle).size } : 'taken'),
  );
  pipe(admin, b.device);
  await until(() => members(b.handle).size === 2);
  // Shown once, before anything of the state was in the document: the index of the checkpoint, not the tail.
  expect(seen).toEqual([{ names: ['Rosa'], membersInDocument: 0 }, 'taken']);
  // Dropped once the checkpoint is taken: the document holds it now.
  expect(b.handle.checkpointPreview()).toBeUndefined();
});

describe('attacks on a newcomer with a checkpoint’s roster index', () => {
  /** A checkpoint signed by `signer` over the admin's heads, whose index lists `names`. */
  function signed(
    signer: TestDevice,
    signerHandle: SpaceHandle,
    admin: SpaceHandle,
    names: string[],
    indexPayload?: Uint8Array,
  ) {
    const identity = signer.vault.deviceIdentity();
    const number = signerHandle.access.writingKey(identity).epoch;
    const key = signerHandle.access.epochKeys(number, identity)[0]!;
    const doc = new Y.Doc();
    const data = new SpaceData(doc, 'forger');
    for (const firstName of names) data.members.create({ firstName, lastName: 'Planted' });
    const heads = admin.heads();
    return signCheckpointPayload(
      identity,
      { space: admin.id, epoch: { number, key }, at: 0, access: heads.access, content: heads.content },
      encodeContentPayload({ at: 0, update: Y.encodeStateAsUpdate(doc) }),
      indexPayload ??
        encodeIndexPayload(
          0,
          rosterIndexPieces(new SpaceData(doc, 'forger', { migrate: false })).map((piece) => piece()),
        ),
    ).bytes;
  }

  function partOf(checkpoint: Uint8Array): Uint8Array {
    return checkpointIndexPart(checkpoint)!;
  }

  /** Refused with `code`: nothing shown, nothing stored, no head moved. */
  async function refused(b: { device: TestDevice; handle: SpaceHandle }, part: Uint8Array, code: string) {
    const before = await dumpDatabase(b.device.env);
    const heads = b.handle.heads();
    let shown = false;
    const stop = b.handle.onCheckpointPreview(() => (shown = true));
    await expect(b.handle.receiveCheckpointIndex(part)).rejects.toMatchObject({ code });
    stop();
    expect(shown).toBe(false);
    expect(b.handle.checkpointPreview()).toBeUndefined();
    expect(await dumpDatabase(b.device.env)).toEqual(before);
    expect(b.handle.heads()).toEqual(heads);
  }

  test('from an editor, a viewer, or an admin removed since: never shown, though each signs with keys it holds', async () => {
    const { admin, space, handle } = await compactedSpace();
    const editor = await newcomer(admin, space, 'editor', 'editor');
    const viewer = await newcomer(admin, space, 'viewer', 'viewer');
    const former = await newcomer(admin, space, 'former', 'admin');
    const fromEditor = signed(editor.device, editor.handle, handle, ['Mallory']);
    const fromViewer = signed(viewer.device, viewer.handle, handle, ['Mallory']);
    const fromFormer = signed(former.device, former.handle, handle, ['Mallory']);
    await handle.changeAccess((access, me) => removeDevice(access, me, former.device.vault.device.id, 0));
    await handle.flush();
    const b = await newcomer(admin, space);
    await refused(b, partOf(fromEditor), 'not-allowed');
    await refused(b, partOf(fromViewer), 'not-allowed');
    await refused(b, partOf(fromFormer), 'not-allowed');
    // The admin's own, for contrast, is shown.
    await expect(b.handle.receiveCheckpointIndex(partOf(signed(admin, handle, handle, ['Rosa'])))).resolves.toBe(
      'shown',
    );
    expect(firstNames(b.handle.checkpointPreview()!)).toEqual(['Rosa']);
  });

  test('an index from another checkpoint swapped in, under this one’s signed header, is refused (part and whole)', async () => {
    const { admin, space, handle } = await compactedSpace();
    const b = await newcomer(admin, space);
    const one = signed(admin, handle, handle, ['Rosa']);
    const other = signed(admin, handle, handle, ['Mallory']);
    const read = (bytes: Uint8Array) => {
      const d = decoding.createDecoder(bytes);
      return {
        header: decoding.readVarUint8Array(d),
        index: decoding.readVarUint8Array(d),
        rest: bytes.subarray(d.pos),
      };
    };
    const write = (...parts: (Uint8Array | { var: Uint8Array })[]) => {
      const e = encoding.createEncoder();
      for (const p of parts) {
        if (p instanceof Uint8Array) encoding.writeUint8Array(e, p);
        else encoding.writeVarUint8Array(e, p.var);
      }
      return encoding.toUint8Array(e);
    };
    const a = read(partOf(one));
    const swapped = write({ var: a.header }, { var: read(partOf(other)).index }, a.rest);
    await refused(b, swapped, 'bad-signature');
    // The same inside the whole checkpoint: its state does not go in under another's index either.
    const whole = read(one);
    const swappedWhole = write({ var: whole.header }, { var: read(other).index }, whole.rest);
    const before = await dumpDatabase(b.device.env);
    await expect(b.handle.receiveCheckpoint(swappedWhole)).rejects.toMatchObject({ code: 'bad-signature' });
    expect(await dumpDatabase(b.device.env)).toEqual(before);
    expect(members(b.handle).size).toBe(0);
  });

  test('tampered, truncated, oversized, over-compressed, or not pieces: refused with a clear code', async () => {
    const { admin, space, handle } = await compactedSpace();
    const b = await newcomer(admin, space);
    const good = partOf(signed(admin, handle, handle, ['Rosa']));
    const flipped = good.slice();
    flipped[good.length - 100]! ^= 1; // in the sealed index, which the signed header names by its hash
    await refused(b, flipped, 'bad-signature');
    await refused(b, good.subarray(0, good.length - 10), 'bad-entry');
    await refused(b, new Uint8Array(MAX_CHECKPOINT_INDEX_BYTES + 64 * 1024 + 1), 'bad-entry');
    const bomb = partOf(signed(admin, handle, handle, [], deflatedPayload(zeros(), 64 * MiB)));
    await refused(b, bomb, 'over-compressed');
    const notPieces = partOf(
      signed(admin, handle, handle, [], encodeContentPayload({ at: 0, update: new Uint8Array([0]) })),
    );
    await refused(b, notPieces, 'bad-entry');
    // None of it kept the good one from being shown after.
    await expect(b.handle.receiveCheckpointIndex(good)).resolves.toBe('shown');
  });

  test('before the access entries that make its author an admin: not shown; once they arrive, shown', async () => {
    const { admin, space } = await compactedSpace();
    const b = await newcomer(admin, space);
    // A second admin, added after the newcomer got its access log, compacts: its index rests on its own addition.
    const second = await device('second');
    const ha = await open(admin, space);
    await ha.changeAccess((access, me) => addDevice(access, me, second.card, 'admin'));
    await ha.flush();
    await importBundle(second.vault, await exportBundle(admin.vault, ha, { to: second.card }));
    const hs = await open(second, space);
    await hs.compact();
    const part = partOf((await hs.signedCheckpoint())!);
    await refused(b, part, 'not-allowed');
    await giveAccessLog(admin, space, b.device);
    await expect(b.handle.receiveCheckpointIndex(part)).resolves.toBe('shown');
    expect(firstNames(b.handle.checkpointPreview()!)).toEqual(['Ella', 'Rosa']);
  });

  test('a device that holds what the checkpoint covers shows nothing from it', async () => {
    const { admin, space, handle } = await compactedSpace();
    const b = await newcomer(admin, space);
    pipe(admin, b.device);
    await until(() => members(b.handle).size === 2);
    await expect(b.handle.receiveCheckpointIndex(partOf(signed(admin, handle, handle, ['Mallory'])))).resolves.toBe(
      'ignored',
    );
    expect(b.handle.checkpointPreview()).toBeUndefined();
  });
});

describe('a roster index over a live session from a member speaking raw protocol', () => {
  /** Mallory (an editor) sends `a` an index part of a checkpoint it signed over a's chain. */
  async function session() {
    const rejections: Rejection[] = [];
    const a = await makeDevice('a', { onRejected: (r) => rejections.push(r) }, undefined, withIndex);
    const s = await malloryEditorOf(a);
    const hm = await open(s.m, s.space);
    const identity = s.m.vault.deviceIdentity();
    const { epoch, key } = hm.access.writingKey(identity);
    const planted = new Y.Doc();
    new SpaceData(planted, 'mallory').members.create({ firstName: 'Planted', lastName: 'Planted' });
    const heads = s.ha.heads();
    const bytes = signCheckpointPayload(
      identity,
      { space: s.space, epoch: { number: epoch, key }, at: 0, access: heads.access, content: heads.content },
      encodeContentPayload({ at: 0, update: Y.encodeStateAsUpdate(planted) }),
      encodeIndexPayload(
        0,
        rosterIndexPieces(new SpaceData(planted, 'mallory', { migrate: false })).map((piece) => piece()),
      ),
    ).bytes;
    // Mallory announces its heads, and `a` replicates the space with it from its answer on.
    let linked = false;
    s.raw.onMessage((payload) => {
      if (replicationCodec.decode(payload).type === 'heads') linked = true;
    });
    const plain = (hs: typeof heads.access) => hs.map((h) => ({ author: h.author, seq: h.seq }));
    const mine = hm.heads();
    s.say({ type: 'heads', v: 1, space: s.space, access: plain(mine.access), content: plain(mine.content) });
    await until(() => linked);
    let shown = false;
    s.ha.onCheckpointPreview(() => (shown = true));
    return { ...s, rejections, part: checkpointIndexPart(bytes)!, shown: () => shown };
  }

  test('an editor’s own index is refused and reported, never shown; the session goes on', async () => {
    const s = await session();
    s.say({ type: 'checkpoint-index', v: 1, space: s.space, bytes: s.part });
    await until(() => s.rejections.length > 0);
    expect(s.rejections.map((r) => [r.report.rejected[0]?.code, r.authors[0]])).toEqual([['not-allowed', s.m.card.id]]);
    expect(s.shown()).toBe(false);
    let ended = false;
    void s.conn.ended.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(ended).toBe(false);
  });

  test('an index the member signed that does not verify ends the session', async () => {
    const s = await session();
    const bytes = s.part.slice();
    bytes[bytes.length - 1]! ^= 1;
    s.say({ type: 'checkpoint-index', v: 1, space: s.space, bytes });
    await expect(s.conn.ended).resolves.toMatchObject({ reason: 'bad-entry' });
    expect(s.shown()).toBe(false);
  });
});
