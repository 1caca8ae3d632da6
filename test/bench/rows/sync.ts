/**
 * sync_2k_entries, sync_initial_10k, sync_initial_roster_10k: our replication (sealed sessions,
 * signed + encrypted entries verified, decrypted and stored on arrival)
 * against plain Yjs sync with y-protocols (sync step 1/2 + updates), both
 * over loopback TCP with the same length-prefixed framing, both sides
 * persisting to fake-indexeddb (vault store / y-indexeddb).
 *
 * - sync_2k_entries: two organizers who both hold the 10k chapter made 1,000
 *   edits each apart (member fields, assessments, new notes; one entry per
 *   edit, as the batcher makes them when edits are spread over a day); time
 *   from dialling until both hold everything. Baseline: the same Yjs
 *   updates on two plain docs, synced with y-protocols.
 * - sync_initial_10k: a new organizer (already in the access log) receives
 *   the whole space from one peer, as entries (an admin that never compacted). Baseline: y-protocols initial sync of the
 *   same document into an empty one.
 * - sync_initial_roster_10k: a 10,000-member space with checkpoints: the admin
 *   compacted (after the other organizer got everything, so its signed
 *   checkpoint covers the whole space), then a new organizer receives it from
 *   that admin, until its roster is usable (every member in the roster view's
 *   query, ../first-sync.ts), which the app shows from the checkpoint's roster
 *   index, sent first. Baseline: the floor, measured in the same process after
 *   each iteration: the bytes the newcomer received in the whole first sync,
 *   sent over loopback TCP, and XChaCha20-Poly1305 over as many bytes in as
 *   many pieces (the index part, the checkpoint, each entry).
 * - sync_initial_checkpoint_10k: that first sync until everything is stored
 *   (reported; baseline as sync_initial_10k's).
 * - sync_initial_roster_entries_10k: the first sync from an admin that never
 *   compacted (every entry, no index), until the roster is usable from the
 *   document; reported, no target (what a newcomer pays without a checkpoint).
 *   Baseline: its floor, as above.
 */
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { initCrypto, type DeviceId, type SpaceId } from '../../../shared/crypto';
import { addDevice } from '../../../shared/space';
import { SpaceData } from '../../../shared/model';
import { rosterIndexPieces } from '../../../shared/model/roster-index';
import { checkpointIndexPart } from '../../../shared/log/checkpoint-entry';
import type { ReadIndexWriter } from '../../../shared/vault/read-index';
import { generateChapter } from '../../../shared/sample/generate';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import { encodeFrame, FrameDecoder } from '../../../shared/sync/frames';
import { SyncPeer } from '../../../shared/sync/peer';
import { createVault, unlockVault, type SpaceHandle, type Vault } from '../../../shared/vault';
import { Database } from '../../../shared/store/database';
import type { IdbKey } from '../../../shared/store/indexeddb-types';
import { ALL_STORES } from '../../../shared/store/records';
import type { ChainHead } from '../../../shared/log/chain';
import { channelOfConnection } from '../../../electron/net/connection';
import { connectTcp, listenTcp } from '../../../electron/net/tcp';
import type { ByteConnection } from '../../../electron/net-bridge';
import { gc, iterations, median, row, settledHeap, type BenchRow } from '../types';
import { dropCopy, withCopy } from '../mirror';
import { chapterUpdate } from '../workload';
import { counted, prepareWireFloor, rosterRows, runWireFloor, whenRosterUsable, type WireFloor } from '../first-sync';

const EDITS_PER_SIDE = Number(process.env.SYNC_BENCH_EDITS ?? 1_000);
let dbCounter = 0;

/** A vault database of the benchmark, with its second copy (bench/mirror.ts). */
function env() {
  return withCopy({ indexedDB, IDBKeyRange, name: `sync-bench-${Date.now()}-${dbCounter++}` });
}

interface Organizer {
  /** Its IndexedDB database. */
  name: string;
  vault: Vault;
  peer: SyncPeer;
  /** Locks the vault and deletes its database (fake-indexeddb keeps it in this heap otherwise). */
  dispose(): Promise<void>;
}

const PASSPHRASE = 'bench passphrase';
// Both laptops run in this one process here: one peer's idle snapshot (3 s after its last entry, seconds of
// CPU for the 41 MB state) would stall the other peer, which on two real machines it never does. A longer
// idle delay keeps that artefact out of the timed window; snapshots still happen on lock (dispose).
// The model's read index writer, as the app gives its vault (renderer/vault/roster-index.ts, over the live model
// there): an admin's compaction signs it into its checkpoint.
const rosterIndex: ReadIndexWriter = (doc) => rosterIndexPieces(new SpaceData(doc, 'reader', { migrate: false }));
const VAULT_OPTIONS = { batchDelayMs: 5, snapshots: { idleMs: 60_000 }, readIndex: rosterIndex } as const;

async function organizer(): Promise<Organizer> {
  const where = env();
  const { vault } = await createVault(where, PASSPHRASE, { kdfCost: 'test', ...VAULT_OPTIONS });
  return organizerOf(vault, where.name);
}

function organizerOf(vault: Vault, name: string): Organizer {
  const peer = new SyncPeer({ vault, rotation: false });
  return {
    name,
    vault,
    peer,
    dispose: async () => {
      peer.close();
      await vault.lock();
      await deleteDatabase(name);
      await dropCopy(name);
    },
  };
}

/**
 * The organizer's laptop the next morning: the vault locked, and its stored
 * records opened again from a database that has not seen the day's work as
 * thousands of separate transactions. This is for fake-indexeddb, which
 * scans every transaction a database has ever had whenever a new one starts
 * (a browser's IndexedDB does not): without it, the vault side would pay
 * for its day of one-write-per-edit history during the exchange while the
 * y-indexeddb side, built in one go, would not.
 */
async function nextMorning(org: Organizer, space: SpaceId): Promise<Organizer & { handle: SpaceHandle }> {
  org.peer.close();
  await org.vault.lock();
  const where = env();
  const source = await Database.open({ indexedDB, IDBKeyRange, name: org.name });
  const target = await Database.open(where); // its copy takes the records as the journal's first transactions
  for (const store of ALL_STORES) {
    const rows = await source.rows(store);
    await target.transact([store], 'readwrite', (s) => rows.forEach((r) => s(store).put(r.value, r.key as IdbKey)));
  }
  source.close();
  target.close();
  await deleteDatabase(org.name);
  await dropCopy(org.name);
  const vault = await unlockVault(where, PASSPHRASE, VAULT_OPTIONS);
  const next = organizerOf(vault, where.name);
  return { ...next, handle: await vault.openSpace(space) };
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/** One loopback TCP connection: [dialler's end, listener's end]. */
async function loopback(): Promise<[ByteConnection, ByteConnection]> {
  let accept!: (c: ByteConnection) => void;
  const inbound = new Promise<ByteConnection>((r) => (accept = r));
  const listener = await listenTcp({ host: '127.0.0.1', port: 0 }, (c) => accept(c));
  const outbound = await connectTcp('127.0.0.1', listener.port);
  const other = await inbound;
  await listener.close();
  return [outbound, other];
}

/** Resolves once `handle` stores entries covering every head in `target`. */
function whenCovers(handle: SpaceHandle, target: readonly ChainHead[]): Promise<void> {
  const covered = () => {
    const mine = new Map(handle.heads().content.map((h) => [h.author, h.seq]));
    return target.every((h) => (mine.get(h.author) ?? 0) >= h.seq);
  };
  return new Promise((resolve) => {
    if (covered()) return resolve();
    const stop = handle.onChange(() => {
      if (covered()) {
        stop();
        resolve();
      }
    });
  });
}

/** Resolves once `handle` knows that `peer` holds every head in `target`. */
function whenHeld(handle: SpaceHandle, peer: DeviceId, target: readonly ChainHead[]): Promise<void> {
  const held = () => {
    const theirs = handle.heldBy(peer);
    return target.every((h) => (theirs.get(h.author) ?? 0) >= h.seq);
  };
  return new Promise((resolve) => {
    if (held()) return resolve();
    const stop = handle.onHeld(() => {
      if (held()) {
        stop();
        resolve();
      }
    });
  });
}

/** `count` realistic edits on `doc`, one transaction each, yielding each edit's Yjs updates as it is made. */
function* editDay(doc: Y.Doc, author: string, seed: number, count: number): Generator<Uint8Array[]> {
  const data = new SpaceData(doc, author, { migrate: false });
  const ids = data.members.ids();
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < count; i++) {
    const updates: Uint8Array[] = [];
    const record = (u: Uint8Array) => updates.push(u);
    doc.on('update', record);
    const id = ids[next() % ids.length]!;
    const pick = next() % 10;
    if (pick < 4) data.members.update(id, { assessment: (next() % 5) + 1 });
    else if (pick < 7) data.members.update(id, { zip: String(90000 + (next() % 999)).padStart(5, '0') });
    else
      data.notes.create({
        kind: 'one_on_one',
        memberId: id,
        date: '2025-06-01',
        body: `Talked about the childcare co-op and rides to the general meeting (${i}).`,
        author,
        sensitivity: 'standard',
      } as never);
    doc.off('update', record);
    yield updates;
  }
}

interface Day {
  a: Organizer & { handle: SpaceHandle };
  b: Organizer & { handle: SpaceHandle };
  space: SpaceId;
  updatesA: Uint8Array[];
  updatesB: Uint8Array[];
}

export async function prepareDay(base: Uint8Array, seed: number, editsPerSide = EDITS_PER_SIDE): Promise<Day> {
  const a = await organizer();
  const b = await organizer();
  const space = await a.vault.createSpace('Chapter');
  const ha = await a.vault.openSpace(space);
  Y.applyUpdate(ha.doc, base);
  await ha.flush();
  await ha.changeAccess((access, me) => addDevice(access, me, b.vault.device, 'editor'));
  await importBundle(b.vault, await exportBundle(a.vault, ha, { to: b.vault.device }));
  const hb = await b.vault.openSpace(space);
  const edits = async (h: SpaceHandle, author: string, s: number) => {
    const updates: Uint8Array[] = [];
    for (const edit of editDay(h.doc, author, s, editsPerSide)) {
      updates.push(...edit);
      await h.flush(); // one entry per edit
    }
    return updates;
  };
  const updatesA = await edits(ha, a.vault.device.id, seed);
  const updatesB = await edits(hb, b.vault.device.id, seed + 7919);
  // Both laptops at rest before they meet: the snapshot of the day's work is written (y-indexeddb's side
  // compacted likewise when its docs were built), so no deferred snapshot lands inside the timed window;
  // then they are opened again the next morning, as y-indexeddb's are built fresh.
  await ha.snapshot();
  await hb.snapshot();
  return { a: await nextMorning(a, space), b: await nextMorning(b, space), space, updatesA, updatesB };
}

export async function oursExchange(day: Day): Promise<number> {
  const targetA = day.a.handle.heads().content;
  const targetB = day.b.handle.heads().content;
  await settledHeap();
  const start = performance.now();
  const [out, inn] = await loopback();
  const ab = day.a.peer.connect(channelOfConnection(out), 'initiator');
  const ba = day.b.peer.connect(channelOfConnection(inn), 'responder');
  await Promise.all([whenCovers(day.b.handle, targetA), whenCovers(day.a.handle, targetB)]);
  const ms = performance.now() - start;
  ab.close();
  await ba.ended;
  return ms;
}

/** Plain Yjs over a socket, y-websocket style: step 1 both ways, step 2 answers, updates after. */
function yjsEndpoint(connection: ByteConnection, doc: Y.Doc): void {
  const send = (encoder: encoding.Encoder) => connection.write(encodeFrame(encoding.toUint8Array(encoder)));
  const decoder = new FrameDecoder(1 << 30); // y-protocols sends the whole state in one message
  // Under the same flow control as our side: no stranger limits once "authenticated", reads as far as consumed.
  connection.authenticated();
  connection.onData((chunk) => {
    for (const frame of decoder.push(chunk)) {
      const reply = encoding.createEncoder();
      syncProtocol.readSyncMessage(decoding.createDecoder(frame), reply, doc, connection);
      if (encoding.length(reply) > 0) send(reply);
    }
    connection.consumed(chunk.length);
  });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === connection) return;
    const e = encoding.createEncoder();
    syncProtocol.writeUpdate(e, update);
    send(e);
  });
  const step1 = encoding.createEncoder();
  syncProtocol.writeSyncStep1(step1, doc);
  send(step1);
}

interface PlainDoc {
  readonly doc: Y.Doc;
  /** Resolves once every update y-indexeddb was handed so far is written (it writes without telling). */
  written(): Promise<void>;
  dispose(): Promise<void>;
}

export async function persistedDoc(updates: readonly Uint8Array[]): Promise<PlainDoc> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(env().name, doc);
  await persistence.whenSynced;
  Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
  return {
    doc,
    // A read of its store waits for the writes queued before it (IndexedDB orders overlapping transactions).
    written: () =>
      new Promise((resolve, reject) => {
        const request = persistence.db!.transaction('updates', 'readonly').objectStore('updates').count();
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
    dispose: async () => {
      await persistence.destroy(); // deletes its database too
      doc.destroy();
    },
  };
}

/** The state vector holding every client's highest clock in any of `docs`. */
function unionVector(...docs: Y.Doc[]): Map<number, number> {
  const union = new Map<number, number>();
  for (const doc of docs) {
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
      union.set(client, Math.max(clock, union.get(client) ?? 0));
    }
  }
  return union;
}

function covers(doc: Y.Doc, target: Map<number, number>): boolean {
  const mine = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of target) if ((mine.get(client) ?? 0) < clock) return false;
  return true;
}

/**
 * y-protocols between two docs until both hold `target` (the union of their
 * states before) and have written it: the vault side's window also ends
 * only once what arrived is stored.
 */
export async function baselineExchange(a: PlainDoc, b: PlainDoc): Promise<number> {
  const [docA, docB] = [a.doc, b.doc];
  const target = unionVector(docA, docB);
  await settledHeap();
  const start = performance.now();
  const [out, inn] = await loopback();
  yjsEndpoint(out, docA);
  yjsEndpoint(inn, docB);
  await new Promise<void>((resolve) => {
    const check = () => {
      if (covers(docA, target) && covers(docB, target)) {
        docA.off('afterTransaction', check);
        docB.off('afterTransaction', check);
        resolve();
      }
    };
    docA.on('afterTransaction', check);
    docB.on('afterTransaction', check);
  });
  await Promise.all([a.written(), b.written()]);
  const ms = performance.now() - start;
  out.destroy();
  inn.destroy();
  return ms;
}

/** The newcomer's first sync: until everything arrived, and until its roster was usable (ms from dialling). */
interface Initial {
  readonly ms: number;
  readonly rosterMs: number;
  /** What the floor needs to send the same bytes in as many pieces (first-sync.ts). */
  readonly floor: WireFloor;
}

/**
 * `timed`, when given, is called with 'start' and 'end' around the timed window (the profiler's hooks).
 * `compacted`: the admin compacts first (after the other organizer got everything, so its checkpoint
 * covers the whole space), and the newcomer gets its signed checkpoint, roster index first; else it
 * gets every entry.
 */
export async function oursInitial(
  day: Day,
  timed?: (at: 'start' | 'end') => Promise<void>,
  compacted = true,
): Promise<Initial> {
  const ha = day.a.handle;
  if (compacted) await ha.compact();
  const c = await organizer();
  await ha.changeAccess((access, me) => addDevice(access, me, c.vault.device, 'editor'));
  await ha.snapshot(); // at rest again before the newcomer arrives (as in oursExchange)
  // The newcomer holds the access log only (as after an invite); the content comes over the wire.
  await importBundle(
    c.vault,
    await exportBundle(day.a.vault, ha, { to: c.vault.device, theirs: { access: [], content: ha.heads().content } }),
  );
  const hc = await c.vault.openSpace(day.space);
  const target = ha.heads().content;
  const members = rosterRows(ha.doc, day.a.vault.device.id);
  const entryLengths = (await ha.entriesAfter(hc.heads())).map((e) => e.length);
  const checkpoint = compacted ? await ha.signedCheckpoint() : undefined;
  if (compacted && !checkpoint?.length) throw new Error('the admin’s compaction made no signed checkpoint');
  // What the newcomer decrypts of a checkpoint: its index part, then the whole (the state).
  if (checkpoint) entryLengths.unshift(checkpointIndexPart(checkpoint)?.length ?? 0, checkpoint.length);
  await settledHeap();
  await timed?.('start');
  const start = performance.now();
  const [out, inn] = await loopback();
  const wire = counted(out);
  const rosterAt = whenRosterUsable(hc, members, c.vault.device.id);
  const ac = day.a.peer.connect(channelOfConnection(inn), 'responder');
  const ca = c.peer.connect(channelOfConnection(wire.connection), 'initiator');
  await whenCovers(hc, target);
  const ms = performance.now() - start;
  const roster = await rosterAt;
  const rosterMs = roster.at - start;
  await timed?.('end');
  if (compacted && roster.shown !== 'index') throw new Error('the roster was not shown from the checkpoint’s index');
  if (hc.doc.getMap('members').size < ha.doc.getMap('members').size)
    throw new Error('newcomer did not get the chapter');
  // The admin learns that the newcomer holds everything (its last acknowledgement) before the session
  // ends, as a session that lingers does: a later compaction then covers all of it.
  await whenHeld(ha, c.vault.device.id, target);
  ca.close();
  await ac.ended;
  await c.dispose();
  return { ms, rosterMs, floor: prepareWireFloor(entryLengths, wire.received()) };
}

/** The floor of the newcomer's first sync (first-sync.ts), timed from dialling as oursInitial is. */
async function wireFloorWindow(floor: WireFloor): Promise<number> {
  await settledHeap();
  const start = performance.now();
  const [out, inn] = await loopback();
  await runWireFloor(floor, inn, out);
  const ms = performance.now() - start;
  out.destroy();
  inn.destroy();
  return ms;
}

/** Our side of one iteration; its vaults and documents are unreachable once it returns. */
async function oursIteration(base: Uint8Array, seed: number, editsPerSide = EDITS_PER_SIDE) {
  const day = await prepareDay(base, seed, editsPerSide);
  const exchange = await oursExchange(day);
  await day.b.dispose(); // the newcomer meets a alone, like the baseline's empty doc meets plainA alone
  const entriesOnly = await oursInitial(day, undefined, false);
  gc();
  const initial = await oursInitial(day, undefined, true);
  await day.a.dispose();
  gc();
  const floorMs = await wireFloorWindow(initial.floor);
  const entriesFloorMs = await wireFloorWindow(entriesOnly.floor);
  return { exchange, entriesOnly, entriesFloorMs, initial, floorMs, updatesA: day.updatesA, updatesB: day.updatesB };
}

/** The y-protocols side of one iteration, with the same edits. */
async function baselineIteration(base: Uint8Array, updatesA: Uint8Array[], updatesB: Uint8Array[]) {
  const plainA = await persistedDoc([base, ...updatesA]);
  const plainB = await persistedDoc([base, ...updatesB]);
  const exchange = await baselineExchange(plainA, plainB);
  await plainB.dispose();
  const empty = await persistedDoc([]);
  const initial = await baselineExchange(plainA, empty);
  await plainA.dispose();
  await empty.dispose();
  return { exchange, initial };
}

/**
 * One small exchange of each design before any timing, so that no timed
 * window pays one-time costs: JIT compilation, and the first parse of each
 * message schema (the first `hello` took 130 ms in a process holding the
 * 10k-member documents, then 0.1 ms).
 */
export async function warmUp(): Promise<void> {
  const doc = new Y.Doc();
  generateChapter({ members: 100, memberSkills: 20, notes: 200 }, doc);
  const small = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const ours = await oursIteration(small, 1, 20);
  await baselineIteration(small, ours.updatesA, ours.updatesB);
}

/**
 * Each side runs alone, with only its own documents alive (two 10k-member docs at a time), and frees them
 * before the other runs: heap pressure from the other design's docs would otherwise tax whichever runs second.
 */
export async function syncRows(): Promise<BenchRow[]> {
  await initCrypto();
  await warmUp();
  const base = chapterUpdate();
  const ours2k: number[] = [];
  const base2k: number[] = [];
  const ours10k: number[] = [];
  const base10k: number[] = [];
  const oursRoster: number[] = [];
  const floorRoster: number[] = [];
  const oursEntriesRoster: number[] = [];
  const floorEntriesRoster: number[] = [];
  const oursCheckpoint10k: number[] = [];
  for (let i = 0; i < iterations(); i++) {
    const ours = await oursIteration(base, 1000 + i);
    gc();
    const plain = await baselineIteration(base, ours.updatesA, ours.updatesB);
    gc();
    ours2k.push(ours.exchange);
    ours10k.push(ours.entriesOnly.ms);
    oursCheckpoint10k.push(ours.initial.ms);
    oursEntriesRoster.push(ours.entriesOnly.rosterMs);
    floorEntriesRoster.push(ours.entriesFloorMs);
    base2k.push(plain.exchange);
    base10k.push(plain.initial);
    oursRoster.push(ours.initial.rosterMs);
    floorRoster.push(ours.floorMs);
    const { floor } = ours.initial;
    const ratio = (a: number, b: number) => `${a.toFixed(0)} ms / ${b.toFixed(0)} ms = ${(a / b).toFixed(2)}`;
    process.stderr.write(
      `sync bench ${i + 1}: 2k ours / y-protocols ${ratio(ours.exchange, plain.exchange)}; ` +
        `initial ours / y-protocols ${ratio(ours.entriesOnly.ms, plain.initial)}; ` +
        `initial from a checkpoint ours / y-protocols ${ratio(ours.initial.ms, plain.initial)}; ` +
        `initial roster from a checkpoint ours / floor ${ratio(ours.initial.rosterMs, ours.floorMs)} ` +
        `(${(floor.bytes / 1e6).toFixed(2)} MB in ${floor.pieces} pieces); ` +
        `initial roster from entries ours / floor ${ratio(ours.entriesOnly.rosterMs, ours.entriesFloorMs)} ` +
        `(${(ours.entriesOnly.floor.bytes / 1e6).toFixed(2)} MB in ${ours.entriesOnly.floor.pieces} entries)\n`,
    );
  }
  return [
    row('sync_2k_entries', median(ours2k), median(base2k), 'ms'),
    row('sync_initial_10k', median(ours10k), median(base10k), 'ms'),
    row('sync_initial_roster_10k', median(oursRoster), median(floorRoster), 'ms'),
    row('sync_initial_checkpoint_10k', median(oursCheckpoint10k), median(base10k), 'ms'),
    row('sync_initial_roster_entries_10k', median(oursEntriesRoster), median(floorEntriesRoster), 'ms'),
  ];
}
