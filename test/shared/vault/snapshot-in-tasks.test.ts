/**
 * A snapshot is encoded a piece per task (shared/vault/snapshot-pieces.ts encodePiecesInTasks), so
 * the window keeps painting while a large space writes it. The document may change between two
 * pieces' tasks (an organizer's edit); the snapshot must still hold exactly the state its heads
 * name: an edit either waits for the rest of the encoding (`finish`: lock, compaction, an explicit
 * snapshot) or ends it (`give-up`: the idle snapshot, one carried by a commit), never lands half in
 * it. The edits below split, overwrite, delete whole members (garbage-collected, their structs
 * merged) and add new ones, in pieces not yet written. Node runs the yield as the test injects it:
 * no timers, no times.
 */
import * as Y from 'yjs';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { checkpointRef, snapshotRef } from '../../../shared/store/binding';
import type { IdbEnvironment } from '../../../shared/store/indexeddb-types';
import { readCheckpointRecord, readSnapshotRecord } from '../../../shared/store/records';
import { createVault, unlockVault, type VaultOptions } from '../../../shared/vault';
import { openCheckpoint } from '../../../shared/vault/checkpoint';
import { openSnapshot } from '../../../shared/vault/snapshot';
import { encodePieces, encodePiecesInTasks } from '../../../shared/vault/snapshot-pieces';
import { fast, freshEnv, getRow, membersJson, storedKeys, writeMembers } from './helpers';

beforeAll(() => initCrypto());

const PASS = 'pass';
const LATER = ['notes'];

/** 2,000 members (12,000 structs: several pieces) and a note as text, the notes written after. */
function fill(doc: Y.Doc): void {
  writeMembers(doc, 2000, 'Old');
  doc.getMap('notes').set('n1', new Y.Text('Met at the tenants meeting, wants to help with the phone bank'));
}

/** Edits that touch structs all over the document: a split, overwrites, deletions of whole members, new members. */
function editEverywhere(doc: Y.Doc): void {
  doc.transact(() => {
    (doc.getMap('notes').get('n1') as Y.Text).insert(7, 'again ');
    (doc.getMap('members').get('Old-10') as Y.Map<unknown>).set('email', 'changed@example.org');
    (doc.getMap('members').get('Old-1990') as Y.Map<unknown>).set('zip', '99999');
    for (let i = 1000; i < 2000; i += 7) doc.getMap('members').delete(`Old-${i}`);
  });
  writeMembers(doc, 3, 'Mid');
}

/** The document as JSON, its state vector and its delete set (what a copy from the snapshot must match). */
function stateOf(doc: Y.Doc) {
  const whole = new Y.Doc();
  Y.applyUpdateV2(whole, Y.encodeStateAsUpdateV2(doc));
  return { json: whole.toJSON(), vector: Y.encodeStateVector(whole), update: Y.encodeStateAsUpdateV2(whole) };
}

function fromPieces(pieces: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const piece of pieces) Y.applyUpdateV2(doc, piece);
  return doc;
}

/** A yield that counts, and runs `at[n]` at its n-th call (1-based) from when it was armed. */
function scriptedYield() {
  let calls = 0;
  let script: Map<number, () => void> = new Map();
  return {
    yieldTask: () => {
      calls++;
      script.get(calls)?.();
      return Promise.resolve();
    },
    arm(at: Record<number, () => void>) {
      calls = 0;
      script = new Map(Object.entries(at).map(([n, f]) => [Number(n), f]));
    },
    get calls() {
      return calls;
    },
  };
}

describe('encodePiecesInTasks', () => {
  test('gives the event loop back between every two pieces, and writes what encodePieces writes', async () => {
    const doc = new Y.Doc();
    fill(doc);
    const whole = encodePieces(doc, { later: LATER });
    expect(whole.length).toBeGreaterThan(3);
    const y = scriptedYield();
    const pieces = await encodePiecesInTasks(doc, { later: LATER, yieldTask: y.yieldTask, whenChanged: 'give-up' });
    expect(pieces).toEqual(whole);
    expect(y.calls).toBeGreaterThanOrEqual(whole.length - 1);
  });

  test("'finish': an edit between two pieces waits for the rest, which hold the document as it was", async () => {
    const doc = new Y.Doc();
    fill(doc);
    const before = stateOf(doc);
    const expected = encodePieces(doc, { later: LATER });
    const y = scriptedYield();
    y.arm({ 2: () => editEverywhere(doc) });
    const pieces = await encodePiecesInTasks(doc, { later: LATER, yieldTask: y.yieldTask, whenChanged: 'finish' });
    expect(y.calls).toBe(2); // the edit came in the middle, and the encoding did not resume after it
    expect(pieces).toEqual(expected);
    expect(stateOf(fromPieces(pieces))).toEqual(before);
    expect((doc.getMap('notes').get('n1') as Y.Text).toString()).toContain('Met at again the'); // the edit went ahead
  });

  test("'give-up': an edit between two pieces ends the encoding with no pieces, and goes ahead", async () => {
    const doc = new Y.Doc();
    fill(doc);
    const y = scriptedYield();
    y.arm({ 2: () => editEverywhere(doc) });
    const pieces = await encodePiecesInTasks(doc, { later: LATER, yieldTask: y.yieldTask, whenChanged: 'give-up' });
    expect(pieces).toBeUndefined();
    expect(y.calls).toBe(2);
    expect(doc.getMap('members').has('Mid-0')).toBe(true);
    // The document is left as it was found: another encoding, unhindered, gives its whole state.
    const again = await encodePiecesInTasks(doc, { later: LATER, whenChanged: 'give-up' });
    expect(stateOf(fromPieces(again!))).toEqual(stateOf(doc));
  });
});

/** The snapshot the store holds: its heads, and the document its pieces give. */
async function storedSnapshot(env: IdbEnvironment, space: SpaceId) {
  const { keys, generation } = await storedKeys(env, PASS);
  const ref = snapshotRef(space);
  const opened = openSnapshot(
    keys,
    space,
    readSnapshotRecord(await getRow(env, ref.store, ref.key)),
    generation(ref.name),
  );
  const pieces = Array.from({ length: opened.count }, (_, i) => opened.piece(i));
  return { heads: opened.heads, doc: fromPieces(pieces), count: opened.count };
}

async function chapter(options: VaultOptions) {
  const env = freshEnv();
  const { vault } = await createVault(env, PASS, options);
  const space = await vault.createSpace('Chapter');
  const handle = await vault.openSpace(space);
  fill(handle.doc);
  await handle.flush();
  return { env, vault, space, handle };
}

describe('a space writing its snapshot while it is edited', () => {
  test('an edit made while the snapshot is encoded: the snapshot holds what its heads name; after a crash the space is what was saved', async () => {
    const y = scriptedYield();
    // The edit stays unsaved until the test says (a long batch delay): a crash may come first.
    const options = { ...fast, batchDelayMs: 60 * 60 * 1000, snapshotLater: LATER, yieldTask: y.yieldTask };
    const { env, vault, space } = await chapter({ ...options, batchDelayMs: 5 });
    await vault.lock();
    const live = await unlockVault(env, PASS, options);
    const opened = await live.openSpace(space);
    writeMembers(opened.doc, 1, 'Saved');
    await opened.flush();
    const saved = stateOf(opened.doc);
    const heads = opened.heads().content;

    y.arm({ 2: () => editEverywhere(opened.doc) });
    await opened.snapshot();
    const snapshot = await storedSnapshot(env, space);
    // The edit came at the second yield of the snapshot's writing: between two of its pieces.
    expect(y.calls).toBeGreaterThanOrEqual(2);
    expect(snapshot.count).toBeGreaterThan(3);
    expect(snapshot.heads).toEqual(heads);
    expect(stateOf(snapshot.doc)).toEqual(saved);

    // The app dies before the edit is saved: the next unlock shows what was saved, not half the edit.
    const crashed = await unlockVault(env, PASS, options);
    expect(stateOf((await crashed.openSpace(space)).doc).json).toEqual(saved.json);
    await crashed.lock();

    // Or it lives on: the edit is saved past the snapshot, and the next unlock has it all.
    await opened.flush();
    const edited = stateOf(opened.doc);
    expect(membersJson(opened.doc)).toHaveProperty('Mid-0');
    const after = await unlockVault(env, PASS, options);
    expect(stateOf((await after.openSpace(space)).doc).json).toEqual(edited.json);
    await after.lock();
    await live.lock();
  });

  test('a snapshot due with a commit gives way to an edit made while it is encoded; the edit’s commit carries it', async () => {
    const y = scriptedYield();
    // Edits wait to be sealed until the test flushes them (a long batch delay).
    const options = { ...fast, batchDelayMs: 60 * 60 * 1000, snapshotLater: LATER, yieldTask: y.yieldTask };
    const { env, vault, space, handle } = await chapter(options);
    await handle.snapshot();
    const first = await storedSnapshot(env, space);

    writeMembers(handle.doc, 1, 'Next');
    y.arm({ 2: () => editEverywhere(handle.doc) });
    // Next is pending: it is sealed now, its entry stored with a snapshot, which gives way to the edit.
    await handle.snapshot();
    expect(y.calls).toBe(2); // the encoding went no further
    const stored = await storedSnapshot(env, space);
    expect(stored.heads).toEqual(first.heads);
    expect(membersJson(stored.doc)).not.toHaveProperty('Next-0');

    await handle.flush(); // the edit's commit, with the snapshot
    const last = await storedSnapshot(env, space);
    expect(last.heads).toEqual(handle.heads().content);
    expect(stateOf(last.doc)).toEqual(stateOf(handle.doc));
    expect(membersJson(last.doc)).toHaveProperty('Next-0');
    expect(membersJson(last.doc)).toHaveProperty('Mid-0');
    await vault.lock();
  });

  test('compaction: an edit made while the checkpoint is encoded waits; the checkpoint holds what its heads name', async () => {
    const y = scriptedYield();
    const options = { ...fast, batchDelayMs: 60 * 60 * 1000, snapshotLater: LATER, yieldTask: y.yieldTask };
    const { env, vault, space } = await chapter({ ...options, batchDelayMs: 5 });
    await vault.lock();
    const live = await unlockVault(env, PASS, options);
    const handle = await live.openSpace(space);
    const saved = stateOf(handle.doc);
    const heads = handle.heads().content;

    y.arm({ 2: () => editEverywhere(handle.doc) });
    await handle.compact();
    const { keys, generation } = await storedKeys(env, PASS);
    const ref = checkpointRef(space);
    const record = readCheckpointRecord(await getRow(env, ref.store, ref.key));
    const checkpoint = openCheckpoint(keys, space, record, generation(ref.name));
    expect(checkpoint.heads).toEqual(heads);
    expect(stateOf(fromPieces(checkpoint.pieces))).toEqual(saved);
    const snapshot = await storedSnapshot(env, space);
    expect(stateOf(snapshot.doc)).toEqual(saved);

    // The app dies before the edit is saved: the compacted space opens as it was saved.
    const crashed = await unlockVault(env, PASS, options);
    expect(stateOf((await crashed.openSpace(space)).doc).json).toEqual(saved.json);
    await crashed.lock();
    await live.lock();
  });
});
