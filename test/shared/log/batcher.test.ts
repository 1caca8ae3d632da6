import { randomBytes as noise } from 'node:crypto';
import * as Y from 'yjs';
import {
  generateDeviceIdentity,
  initCrypto,
  newSymmetricKey,
  type Hash,
  type SpaceId,
  randomId,
} from '../../../shared/crypto';
import { ChangeBatcher, mergeInGroups, type LocalAuthor } from '../../../shared/log/batcher';
import { decodeContentPayload, encodeContentPayload } from '../../../shared/log/content-payload';
import { decodeEntry, entryHash, MAX_ENTRY_BYTES, openContent, ZERO_HASH, type Entry } from '../../../shared/log/entry';
import type { AppError } from '../../../shared/errors';
import { nextTask } from '../../../shared/timers';

beforeAll(() => initCrypto());

const REMOTE = Symbol('remote');

function setup(delayMs = 60_000, maxBatchBytes?: number, onRefused?: (e: AppError) => void) {
  const identity = generateDeviceIdentity();
  const key = newSymmetricKey();
  const space = randomId() as SpaceId;
  const entries: Entry[] = [];
  let prev: Hash = ZERO_HASH;
  const author: LocalAuthor = {
    identity,
    space,
    position: () => ({ seq: entries.length + 1, prev, epoch: { number: 1, key } }),
    commit: async (entry) => {
      entries.push(entry);
      prev = entryHash(entry);
    },
  };
  const doc = new Y.Doc();
  const batcher = new ChangeBatcher(doc, author, {
    isRemote: (o) => o === REMOTE,
    delayMs,
    now: () => 1234,
    ...(maxBatchBytes === undefined ? {} : { maxBatchBytes }),
    onRefused,
  });
  const read = (e: Entry) => decodeContentPayload(openContent(decodeEntry(e.bytes), key));
  return { doc, batcher, entries, read };
}

test('many local transactions become one sealed, chained entry per flush', async () => {
  const { doc, batcher, entries, read } = setup();
  for (let i = 0; i < 250; i++) doc.getMap('members').set(`m${i}`, `Member ${i}`);
  expect(entries).toHaveLength(0); // debounced
  await batcher.flush();
  doc.getMap('members').set('late', 'x');
  await batcher.flush();
  expect(entries.map((e) => e.header.seq)).toEqual([1, 2]);
  expect(entries[1]!.header.prev).toEqual(entryHash(entries[0]!));
  const copy = new Y.Doc();
  for (const e of entries) Y.applyUpdate(copy, read(e).update);
  expect(copy.getMap('members').toJSON()).toEqual(doc.getMap('members').toJSON());
  expect(read(entries[0]!).at).toBe(1234);
});

test('updates applied with a remote origin are not re-sent', async () => {
  const { doc, batcher, entries } = setup();
  const other = new Y.Doc();
  other.getMap('members').set('a', 1);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), REMOTE);
  await batcher.flush();
  expect(entries).toHaveLength(0);
});

test('the quiet period triggers the flush by itself', async () => {
  const { doc, entries } = setup(5);
  doc.getMap('members').set('a', 1);
  await new Promise((r) => setTimeout(r, 50));
  expect(entries).toHaveLength(1);
});

test('merging in groups equals one merge', () => {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 350; i++) doc.getMap('m').set(String(i), i);
  const merged = new Y.Doc();
  Y.applyUpdate(merged, mergeInGroups(updates));
  expect(merged.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
});

test('content payloads round-trip, compressed or not', () => {
  const update = new TextEncoder().encode('x'.repeat(5000));
  const small = encodeContentPayload({ at: 7, update });
  expect(small.length).toBeLessThan(200);
  expect(decodeContentPayload(small)).toEqual({ at: 7, update });
  expect(decodeContentPayload(encodeContentPayload({ at: 7, update }, false)).update).toEqual(update);
  expect(() => decodeContentPayload(new Uint8Array([9, 0, 0]))).toThrow(/payload version/);
});

test('remote transactions are not encoded for the batcher; a local change made while one is applied still is', async () => {
  const { doc, batcher, entries, read } = setup();
  const other = new Y.Doc();
  other.getMap('members').set('rosa', 'Rosa');
  const remote = Y.encodeStateAsUpdate(other);
  // Yjs encodes an 'update' for a transaction only while someone listens to 'update'.
  const listening: boolean[] = [];
  doc.on('afterTransaction', () => listening.push(doc._observers.has('update')));
  Y.applyUpdate(doc, remote, REMOTE);
  expect(listening).toEqual([false]);
  await batcher.flush();
  expect(entries).toHaveLength(0);

  // An observer answering a remote change with a local one (as the UI may): that change is kept.
  doc.getMap('members').observe((event) => {
    if (event.transaction.origin === REMOTE) doc.getMap('members').set('seen', 'yes');
  });
  other.getMap('members').set('ella', 'Ella');
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), REMOTE);
  await batcher.flush();
  expect(entries).toHaveLength(1);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, read(entries[0]!).update);
  expect(copy.getMap('members').get('seen')).toBe('yes');
  expect(copy.getMap('members').has('ella')).toBe(false); // the remote change is not re-sent as ours

  doc.getMap('members').set('local', 'x');
  expect(doc._observers.has('update')).toBe(false); // detached again after the round
  await batcher.flush();
  expect(entries).toHaveLength(2);
});

/** A transaction of about `bytes` bytes of member text. */
const bulk = (doc: Y.Doc, name: string, bytes: number) =>
  doc.transact(() => {
    for (let i = 0; i < bytes / 100; i++) doc.getMap('members').set(`${name}-${i}`, `${name} ${i} `.padEnd(90, 'x'));
  });

test('a full batch is sealed in a task of its own, right after the transaction that filled it', async () => {
  const { doc, entries, read } = setup(60_000, 10_000);
  bulk(doc, 'a', 12_000);
  // Not inside the transaction's task: a slice of an import or a step of the sample stays short.
  expect(entries).toHaveLength(0);
  await nextTask();
  await nextTask();
  expect(entries).toHaveLength(1);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, read(entries[0]!).update);
  expect(copy.getMap('members').size).toBe(120);
});

test('transactions that never give the event loop back are sealed at once past twice the batch size: entries stay bounded', async () => {
  const { doc, batcher, entries, read } = setup(60_000, 10_000);
  for (let i = 0; i < 10; i++) bulk(doc, `run${i}`, 6_000);
  // Sealed during the run itself, in entries of at most about twice the batch size.
  expect(entries.length).toBeGreaterThanOrEqual(2);
  await batcher.flush();
  for (const e of entries) expect(read(e).update.length).toBeLessThan(2 * 10_000 + 6_000 * 1.5);
  const copy = new Y.Doc();
  for (const e of entries) Y.applyUpdate(copy, read(e).update);
  expect(copy.getMap('members').size).toBe(600);
});

describe('a transaction too large for any reader', () => {
  test('is never sealed into an entry: it is told, and the edits before it are stored apart and readable', async () => {
    const refused: AppError[] = [];
    const { doc, batcher, entries, read } = setup(60_000, undefined, (e) => refused.push(e));
    doc.getMap('members').set('before', 'Rosa');
    // Random bytes do not deflate: this change seals to an entry past MAX_ENTRY_BYTES. (Node's generator:
    // libsodium.js asks the platform for 4 bytes per call, about a minute for 16 MiB.)
    doc.getMap('attachments').set('big', new Uint8Array(noise(MAX_ENTRY_BYTES + 1024)));
    await batcher.flush();
    expect(refused.map((e) => e.code)).toEqual(['change-too-large']);
    expect(entries).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, read(entries[0]!).update); // what a reader opens: the edit before, not the refused one
    expect(copy.getMap('members').toJSON()).toEqual({ before: 'Rosa' });
    expect(copy.getMap('attachments').size).toBe(0);
    expect(batcher.pending).toBe(0);

    doc.getMap('members').set('after', 'Ella'); // the chain goes on after the refusal
    await batcher.flush();
    expect(entries.map((e) => e.header.seq)).toEqual([1, 2]);
    expect(entries[1]!.header.prev).toEqual(entryHash(entries[0]!));
  });

  test('a large change that deflates below the limit is stored as usual', async () => {
    const refused: AppError[] = [];
    const { doc, batcher, entries, read } = setup(60_000, undefined, (e) => refused.push(e));
    // Random letters of four kinds deflate about 4-fold: within what readers unpack, below the entry limit.
    const letters = Array.from(noise(MAX_ENTRY_BYTES + 1024), (b) => 'acgt'[b & 3]).join('');
    doc.getText('note').insert(0, letters);
    await batcher.flush();
    expect(refused).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(read(entries[0]!).update.length).toBeGreaterThan(MAX_ENTRY_BYTES);
  });
});
