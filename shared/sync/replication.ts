/**
 * Log replication over an established sync session (ARCHITECTURE.md "From disk to a peer").
 *
 * Per shared space, each side announces the per-author heads of both logs;
 * each side then sends what the other lacks, access log first (content is
 * checked against it), each author's entries in chain order, in batches
 * bounded by count and bytes, at most `window` batches unacknowledged (the
 * receiver acknowledges after storing: its storage speed paces the sender).
 * The receiver verifies everything through the vault's receive path before
 * storing it.
 *
 * We keep, per space, our view of what the peer holds: its announced heads,
 * advanced by what we sent and what it sent us. New entries in the store
 * (a local commit, or entries from any peer) trigger a push of what that
 * view lacks: live mode, and relaying between peers that never met. A
 * resumed session starts from fresh heads, so nothing that arrived is sent
 * again.
 *
 * A content entry refused because it could not be checked or opened yet (its
 * key came with a later access entry: a rotation chaining a withdrawn key,
 * SECURITY.md "The access log against its own members") is asked for again
 * once our access log moves on: `again` replaces the sender's view of our
 * content heads. That costs the sender what a new session would.
 *
 * Nothing is sent about a space to a peer that our access view does not list
 * as a member (a pending invitee, a removed device).
 *
 * Each space is reached through the `Replica` interface (replica.ts): an open
 * space of the vault, or an in-memory one in unit tests.
 */
import type { DeviceId, SpaceId } from '../crypto';
import { isAppError, type ErrorCode } from '../errors';
import { peekEntryHeader, type LogKind } from '../log/entry';
import { checkpointContentHeads, checkpointIndexPart, peekCheckpointAuthor } from '../log/checkpoint-entry';
import type { ChainHead } from '../log/chain';
import type { ReceiveReport } from '../vault';
import type { Replica } from './replica';
import { SyncClosedError, type CloseReason } from './close';
import { replicationCodec, type HeadsMessage, type ReplicationMessage } from './replication-messages';
import { removalOf, removalWithPast } from './problems';
import { MAX_PAYLOAD_BYTES, type SessionInfo, type SyncSession } from './session';

export const DEFAULT_BATCH_ENTRIES = 1024;
export const DEFAULT_BATCH_BYTES = 2 * 1024 * 1024;
export const DEFAULT_WINDOW = 4;

/** Rejections only a forger or a broken peer causes: they end the session. (A 'not-allowed' entry may be an honest relay from a peer whose access view is behind: reported, not fatal.) */
const HOSTILE: ReadonlySet<ErrorCode> = new Set([
  'bad-signature',
  'bad-entry',
  'invalid-data',
  'unknown-space',
  'over-compressed',
]);
/** Fatal only on the peer's own entries: an honest peer may relay what another member signed. */
const HOSTILE_IF_OWN: ReadonlySet<ErrorCode> = new Set(['bad-signature', 'over-compressed']);

export interface Rejection {
  readonly space: SpaceId;
  /** The peer that sent the batch. */
  readonly from: DeviceId;
  readonly report: ReceiveReport;
  /** Who signed each rejected entry (same order as report.rejected), when its header could be read. */
  readonly authors: readonly (DeviceId | undefined)[];
}

export interface ReplicationOptions {
  /** One of our spaces, or undefined while this device does not hold it (an invite not yet confirmed). */
  openSpace(space: SpaceId): Promise<Replica | undefined>;
  readonly maxBatchEntries?: number;
  readonly maxBatchBytes?: number;
  /** Batches sent and not yet acknowledged. */
  readonly window?: number;
  /** Admin side of an invite: the invitee confirmed it wants to join. */
  onJoin?(space: SpaceId): void;
  /** Invitee side: the admin confirmed; join the space and return it (undefined: refuse). */
  onWelcome?(space: SpaceId, name: string): Promise<Replica | undefined>;
  /** Entries the peer sent that were not taken (rejected or forks). */
  onRejected?(rejection: Rejection): void;
  /** The peer announced what it holds of a space (the UI derives "entries expected" from it). */
  onPeerHeads?(space: SpaceId, heads: Pick<HeadsMessage, 'access' | 'content'>): void;
  /**
   * What the peer is known to hold of a space, per log and author: its heads when they arrive (or
   * its content heads in an `again`), then advanced by each batch of ours it acknowledged: what
   * the replica is told too (`Replica.peerHolds`, where the vault keeps it), for whoever watches.
   */
  onPeerHolds?(space: SpaceId, peer: DeviceId, holds: PeerHolds): void;
  /** A received message began or ended being checked and stored (`ReplicationStats.bytesStoring` moved). */
  onStoring?(): void;
}

/** Per log, each author's highest seq the peer holds, as far as it told us (heads, acknowledgements). */
export type PeerHolds = Readonly<Record<LogKind, ReadonlyMap<DeviceId, number>>>;

export interface ReplicationStats {
  entriesSent: number;
  entriesReceived: number;
  batchesSent: number;
  /**
   * Bytes of received messages (a batch of entries, a checkpoint) still being checked and stored: a
   * sign of life while a large one is, which no count of stored entries shows (renderer/sync/sessions.ts).
   */
  bytesStoring: number;
}

export interface Replication {
  readonly stats: Readonly<ReplicationStats>;
  /** Starts replicating a space that became ours during the session (an accepted invite). */
  addSpace(replica: Replica): void;
  /** Sends a join or welcome message (invite flow). */
  send(message: ReplicationMessage): void;
  /** Why it ended: the session's end, or the reason we closed it for. */
  readonly ended: Promise<CloseReason>;
}

type Seqs = Map<DeviceId, number>;

interface Link {
  readonly replica: Replica;
  /** What the peer holds, as far as we know: its heads, plus what either side sent since. */
  readonly theirs: { access: Seqs; content: Seqs };
  /** What the peer confirmed holding: its heads, plus the batches of ours it acknowledged (`onPeerHolds`). */
  readonly holds: { access: Seqs; content: Seqs };
  /** Each unacknowledged batch's highest seq per log and author. */
  readonly batches: Map<number, { access: Seqs; content: Seqs }>;
  /** Nothing is sent before the peer's heads arrived. */
  headsKnown: boolean;
  inFlight: number;
  nextBatch: number;
  pumping: boolean;
  again: boolean;
  wasMember: boolean;
  /** Our access heads when we last refused content entries of the peer as not (yet) allowed or readable. */
  refusedAt: string | undefined;
  /** Our signed checkpoint went (or there was none to send): compacted authors the peer lacks are skipped after. */
  checkpointSent: boolean;
  /** The peer was removed before it announced its heads: tell it once they arrive, then end. */
  tellOnHeads: boolean;
  receiving: Promise<void>;
  unsubscribe: () => void;
}

const LOGS: readonly LogKind[] = ['access', 'content'];

export function startReplication(session: SyncSession, info: SessionInfo, options: ReplicationOptions): Replication {
  const maxEntries = options.maxBatchEntries ?? DEFAULT_BATCH_ENTRIES;
  const maxBytes = Math.min(options.maxBatchBytes ?? DEFAULT_BATCH_BYTES, MAX_PAYLOAD_BYTES - 64 * 1024);
  const window = Math.max(1, options.window ?? DEFAULT_WINDOW);
  const peer = info.peer;
  const sessionSpaces = new Set<string>(info.spaces);
  const links = new Map<SpaceId, Link>();
  const earlyHeads = new Map<SpaceId, HeadsMessage>();
  const stats: ReplicationStats = { entriesSent: 0, entriesReceived: 0, batchesSent: 0, bytesStoring: 0 };
  let stopped = false;

  const ended = session.ended.then((end) => {
    stopped = true;
    for (const link of links.values()) link.unsubscribe();
    return end.reason;
  });

  function send(message: ReplicationMessage): void {
    if (!stopped) session.send(replicationCodec.encode(message));
  }

  function fail(reason: CloseReason): void {
    stopped = true;
    session.close(reason);
  }

  const isMember = (link: Link): boolean => link.replica.access.roleOf(peer) !== undefined;

  function headsMessage(replica: Replica): HeadsMessage {
    const heads = replica.heads();
    const plain = (hs: readonly ChainHead[]) => hs.map((h) => ({ author: h.author, seq: h.seq }));
    return { type: 'heads', v: 1, space: replica.id, access: plain(heads.access), content: plain(heads.content) };
  }

  function addSpace(replica: Replica): void {
    if (stopped || links.has(replica.id) || !sessionSpaces.has(replica.id)) return;
    const link: Link = {
      replica,
      theirs: { access: new Map(), content: new Map() },
      holds: { access: new Map(), content: new Map() },
      batches: new Map(),
      headsKnown: false,
      inFlight: 0,
      nextBatch: 0,
      pumping: false,
      again: false,
      refusedAt: undefined,
      checkpointSent: false,
      // Set now, not at the first fill: a removal before the peer's heads arrive must still end the session.
      wasMember: replica.access.roleOf(peer) !== undefined || removalOf(replica.access, peer) !== undefined,
      tellOnHeads: false,
      receiving: Promise.resolve(),
      unsubscribe: () => undefined,
    };
    links.set(replica.id, link);
    link.unsubscribe = replica.onChange(() => onStoreChanged(link));
    send(headsMessage(replica));
    const early = earlyHeads.get(replica.id);
    if (early) {
      earlyHeads.delete(replica.id);
      onHeads(link, early);
    }
    if (link.wasMember && !isMember(link)) onStoreChanged(link); // removed between the handshake and now
  }

  /** Our store changed: push to the peer, or stop if the peer lost its place in every space. */
  function onStoreChanged(link: Link): void {
    if (stopped) return;
    if (isMember(link)) link.wasMember = true;
    const removedEverywhere =
      [...links.values()].some((l) => l.wasMember) && [...links.values()].every((l) => !isMember(l));
    if (removedEverywhere) {
      // Entries go only where the peer announced heads (it holds the space there); the others wait for theirs.
      for (const l of links.values()) l.tellOnHeads = !l.headsKnown && removalOf(l.replica.access, peer) !== undefined;
      for (const l of links.values()) if (l.headsKnown) tellRemoval(l);
      if ([...links.values()].every((l) => !l.tellOnHeads)) return fail('unknown-device');
      return;
    }
    askAgain(link);
    void pump(link);
  }

  /** Content refused for want of a key or a right may be readable now that our access log moved on. */
  function askAgain(link: Link): void {
    if (link.refusedAt === undefined || link.refusedAt === accessHeadsOf(link.replica)) return;
    link.refusedAt = undefined;
    const content = link.replica.heads().content.map((h) => ({ author: h.author, seq: h.seq }));
    send({ type: 'again', v: 1, space: link.replica.id, content });
  }

  function onAgain(link: Link, message: Extract<ReplicationMessage, { type: 'again' }>): void {
    link.theirs.content.clear();
    link.checkpointSent = false; // a checkpoint refused for want of its access log is sent again too
    for (const h of message.content) link.theirs.content.set(h.author as DeviceId, h.seq);
    // Its content heads as they are: what it refused after acknowledging is no longer counted as held.
    link.holds.content.clear();
    for (const h of message.content) advance(link.holds.content, h.author as DeviceId, h.seq);
    tellHolds(link);
    void pump(link);
  }

  function onHeads(link: Link, message: HeadsMessage): void {
    // Merged with what we already know they hold (sent or received in this session).
    for (const log of LOGS) {
      for (const h of message[log]) advance(link.theirs[log], h.author as DeviceId, h.seq);
    }
    link.headsKnown = true;
    if (link.tellOnHeads) {
      link.tellOnHeads = false;
      tellRemoval(link);
      if ([...links.values()].every((l) => !l.tellOnHeads)) fail('unknown-device');
      return;
    }
    options.onPeerHeads?.(link.replica.id, message);
    for (const log of LOGS) for (const h of message[log]) advance(link.holds[log], h.author as DeviceId, h.seq);
    tellHolds(link);
    void pump(link);
  }

  function tellHolds(link: Link): void {
    if (!isMember(link)) return;
    link.replica.peerHolds?.(peer, link.holds.content, link.holds.access);
    options.onPeerHolds?.(link.replica.id, peer, link.holds);
  }

  /** The peer acknowledged a batch: it stored (or refused) it, and holds what it stored. */
  function onAck(link: Link, batch: number): void {
    link.inFlight--;
    const seqs = link.batches.get(batch);
    link.batches.delete(batch);
    if (seqs) {
      for (const log of LOGS) for (const [author, seq] of seqs[log]) advance(link.holds[log], author, seq);
      tellHolds(link);
    }
    void pump(link);
  }

  async function pump(link: Link): Promise<void> {
    if (link.pumping) {
      link.again = true;
      return;
    }
    link.pumping = true;
    try {
      do {
        link.again = false;
        await fill(link);
      } while (link.again && !stopped);
    } catch (e) {
      // Storage failed under us (vault locked or closed): end this session; the next one resumes.
      if (!stopped) fail(isAppError(e, 'vault-locked') ? 'done' : 'bad-frame');
    } finally {
      link.pumping = false;
    }
  }

  /** Sends batches until the peer lacks nothing we hold or the window is full. */
  async function fill(link: Link): Promise<void> {
    if (!link.headsKnown || !isMember(link)) return;
    link.wasMember = true;
    fillAccess(link);
    const mine = link.replica.heads();
    const theirs = link.theirs.content;
    const bases = link.replica.compactedBases?.() ?? new Map<DeviceId, number>();
    if (!link.checkpointSent && [...bases].some(([author, base]) => (theirs.get(author) ?? 0) < base)) {
      // Entries compacted away here: the signed checkpoint in their place, then the tail (ARCHITECTURE.md "Checkpoints and compaction").
      link.checkpointSent = true;
      const signed = await link.replica.signedCheckpoint?.();
      if (stopped) return;
      if (signed) sendCheckpoint(link, signed);
    }
    for (const head of mine.content) {
      // Compacted here and no checkpoint of ours covers it: its tail would not chain there; a peer that holds it sends it.
      if ((theirs.get(head.author) ?? 0) < (bases.get(head.author) ?? 0)) continue;
      while ((theirs.get(head.author) ?? 0) < head.seq) {
        if (stopped || link.inFlight >= window) return;
        const after = theirs.get(head.author) ?? 0;
        const upTo = Math.min(head.seq, after + maxEntries);
        const read = await link.replica.entriesInRange('content', head.author, after, upTo);
        if (stopped || (theirs.get(head.author) ?? 0) !== after) break; // the peer sent them meanwhile: recompute
        const batch = takeWithin(read, maxBytes);
        if (batch.length === 0) break; // not readable here: nothing we can send for this author
        const last = peekEntryHeader(batch[batch.length - 1]!).seq;
        theirs.set(head.author, last);
        sendBatch(link, batch, { access: new Map(), content: new Map([[head.author, last]]) });
      }
    }
  }

  /**
   * The access log goes in causal order, across authors (from the access
   * state in memory: it holds every taken entry), so the peer can take each
   * entry as it arrives instead of holding it for parents that come later.
   */
  function fillAccess(link: Link): void {
    const theirs = link.theirs.access;
    while (!stopped && link.inFlight < window) {
      const batch = takeWithin(
        link.replica.access.entriesMissingFrom(theirs, maxEntries).map((e) => e.bytes),
        maxBytes,
      );
      if (batch.length === 0) return;
      const seqs: Link['holds'] = { access: new Map(), content: new Map() };
      for (const bytes of batch) {
        const h = peekEntryHeader(bytes);
        advance(theirs, h.author, h.seq);
        advance(seqs.access, h.author, h.seq);
      }
      sendBatch(link, batch, seqs);
    }
  }

  /**
   * The peer was just removed: before the session ends it gets the record
   * that removed it (and what that record rests on), so its app can say so
   * and stop offering edits that cannot sync (ARCHITECTURE.md "Problems are seen").
   */
  function tellRemoval(link: Link): void {
    const removal = removalOf(link.replica.access, peer);
    if (!removal) return;
    const theirs = link.theirs.access;
    let missing = removalWithPast(link.replica.access, removal)
      .filter((e) => e.header.seq > (theirs.get(e.header.author) ?? 0))
      .map((e) => e.bytes);
    // Past the window on purpose: these are the last frames of the session.
    while (missing.length > 0) {
      const batch = takeWithin(missing.slice(0, maxEntries), maxBytes);
      if (batch.length === 0) return;
      sendBatch(link, batch); // the peer is no longer a member: what it holds is not counted
      missing = missing.slice(batch.length);
    }
  }

  /** Counted as a batch: the peer holds the chains it covers once it acknowledges it. */
  function sendCheckpoint(link: Link, bytes: Uint8Array): void {
    const seqs: Link['holds'] = { access: new Map(), content: new Map() };
    for (const h of checkpointContentHeads(bytes)) {
      advance(link.theirs.content, h.author, h.seq);
      advance(seqs.content, h.author, h.seq);
    }
    // Its roster index first, on its own: the newcomer shows the roster while the state is on its way.
    const index = checkpointIndexPart(bytes);
    if (index) send({ type: 'checkpoint-index', v: 1, space: link.replica.id, bytes: index });
    link.inFlight++;
    stats.batchesSent++;
    link.batches.set(link.nextBatch, seqs);
    send({ type: 'checkpoint', v: 2, space: link.replica.id, batch: link.nextBatch++, bytes });
  }

  /**
   * A peer's checkpoint: checked and taken by the space (shared/vault/checkpoint-receive.ts). A
   * refusal is reported like a refused entry and ends the session on the same codes: a forgery or
   * a bomb the peer signed itself; an honest peer may relay another admin's.
   */
  function onCheckpoint(link: Link, message: Extract<ReplicationMessage, { type: 'checkpoint' }>): void {
    link.receiving = link.receiving.then(async () => {
      if (stopped) return;
      if (!(await checkpointTaken(link, message.bytes, (b) => link.replica.receiveCheckpoint?.(b)))) return;
      send({ type: 'ack', v: 1, space: link.replica.id, batch: message.batch });
    });
    link.receiving.catch(() => {
      if (!stopped) fail('done'); // the vault was locked or closed mid-receive
    });
  }

  /**
   * A checkpoint's roster index, shown by the space until the checkpoint is taken. After what came
   * before it (the access log that makes its author an admin here), as the checkpoint is; refused
   * like the checkpoint it belongs to. Not acknowledged: the checkpoint that follows is.
   */
  function onCheckpointIndex(link: Link, message: Extract<ReplicationMessage, { type: 'checkpoint-index' }>): void {
    link.receiving = link.receiving.then(async () => {
      if (stopped) return;
      await checkpointTaken(link, message.bytes, (b) => link.replica.receiveCheckpointIndex?.(b));
    });
    link.receiving.catch(() => {
      if (!stopped) fail('done');
    });
  }

  /**
   * `receive` on a checkpoint (or its index part); a refusal is reported like a refused entry and
   * ends the session on the same codes (a forgery or a bomb the peer signed itself: an honest peer
   * may relay another admin's). False when the session ended.
   */
  async function checkpointTaken(
    link: Link,
    bytes: Uint8Array,
    receive: (bytes: Uint8Array) => Promise<unknown> | undefined,
  ): Promise<boolean> {
    let code: ErrorCode | undefined;
    try {
      await receive(bytes);
    } catch (e) {
      if (!isAppError(e)) throw e;
      code = e.code;
    }
    if (code === undefined) return true;
    const author = peekCheckpointAuthor(bytes);
    const report = { accepted: 0, duplicates: 0, buffered: 0, dropped: 0, rejected: [{ index: 0, code }], forks: [] };
    options.onRejected?.({ space: link.replica.id, from: peer, report, authors: [author] });
    if (HOSTILE.has(code) && (!HOSTILE_IF_OWN.has(code) || author === peer)) {
      fail('bad-entry');
      return false;
    }
    if (code === 'not-allowed' || code === 'decrypt-failed') link.refusedAt ??= accessHeadsOf(link.replica);
    return true;
  }

  /** `seqs`: the batch's highest seq per log and author, held by the peer once it acknowledges the batch. */
  function sendBatch(link: Link, entries: Uint8Array[], seqs?: Link['holds']): void {
    link.inFlight++;
    stats.batchesSent++;
    stats.entriesSent += entries.length;
    if (seqs) link.batches.set(link.nextBatch, seqs);
    send({ type: 'entries', v: 1, space: link.replica.id, batch: link.nextBatch++, entries });
  }

  /**
   * A bad signature ends the session only on the peer's own entries. On a
   * relayed one it may be honest: an author's entry can be taken on the
   * strength of its signed successor (log/verify-batch.ts), and then relayed
   * at the end of a batch, without that successor, where it must stand on
   * its own signature. It is refused and reported; the next session sends
   * it again with its successor. A decompression bomb (SECURITY.md "At
   * rest") is fatal only when the peer signed it: the app's own encoder
   * never makes one, and the relaying peer did not write it.
   */
  function hostile(code: ErrorCode, bytes: Uint8Array): boolean {
    if (!HOSTILE.has(code)) return false;
    if (!HOSTILE_IF_OWN.has(code)) return true;
    return peekEntryHeader(bytes).author === peer;
  }

  function authorOf(bytes: Uint8Array): DeviceId | undefined {
    try {
      return peekEntryHeader(bytes).author;
    } catch {
      return undefined; // not even a header: the notice names the peer that sent it
    }
  }

  function onEntries(link: Link, message: Extract<ReplicationMessage, { type: 'entries' }>): void {
    // The peer holds these whatever we make of them: never echo them back.
    for (const bytes of message.entries) {
      try {
        const h = peekEntryHeader(bytes);
        advance(link.theirs[h.log], h.author, h.seq);
      } catch {
        // Malformed: the receive path rejects it below.
      }
    }
    link.receiving = link.receiving.then(async () => {
      if (stopped) return;
      const report = await link.replica.receiveEntries(message.entries);
      stats.entriesReceived += message.entries.length;
      if (report.rejected.length > 0 || report.forks.length > 0)
        options.onRejected?.({
          space: link.replica.id,
          from: peer,
          report,
          authors: report.rejected.map((r) => authorOf(message.entries[r.index]!)),
        });
      if (report.rejected.some((r) => hostile(r.code, message.entries[r.index]!))) return fail('bad-entry');
      if (report.rejected.some((r) => r.code === 'not-allowed' || r.code === 'decrypt-failed')) {
        link.refusedAt ??= accessHeadsOf(link.replica);
      }
      send({ type: 'ack', v: 1, space: link.replica.id, batch: message.batch });
    });
    link.receiving.catch(() => {
      if (!stopped) fail('done'); // the vault was locked or closed mid-receive
    });
  }

  async function onWelcome(space: SpaceId, name: string): Promise<void> {
    if (!options.onWelcome || links.has(space)) return;
    const replica = await options.onWelcome(space, name);
    if (replica) addSpace(replica);
  }

  function dispatch(message: ReplicationMessage): void {
    const space = message.space as SpaceId;
    if (!sessionSpaces.has(space)) return fail('bad-frame');
    const link = links.get(space);
    switch (message.type) {
      case 'heads':
        if (link) onHeads(link, message);
        else earlyHeads.set(space, message);
        return;
      case 'entries':
        if (!link) return fail('bad-frame'); // we never announced heads for it
        return onEntries(link, message);
      case 'checkpoint':
        if (!link) return fail('bad-frame');
        return onCheckpoint(link, message);
      case 'checkpoint-index':
        if (!link) return fail('bad-frame');
        return onCheckpointIndex(link, message);
      case 'ack':
        if (!link || link.inFlight === 0) return fail('bad-frame');
        return onAck(link, message.batch);
      case 'again':
        if (!link || !link.headsKnown) return fail('bad-frame');
        return onAgain(link, message);
      case 'join':
        options.onJoin?.(space);
        return;
      case 'welcome':
        void onWelcome(space, message.name).catch(() => fail('done'));
        return;
    }
  }

  session.onMessage((payload) => {
    if (stopped) return;
    let message: ReplicationMessage;
    try {
      message = replicationCodec.decode(payload);
    } catch (e) {
      return fail(e instanceof SyncClosedError ? e.reason : 'bad-frame');
    }
    const queued = links.get(message.space as SpaceId)?.receiving;
    dispatch(message);
    countStoring(message.space as SpaceId, queued, payload.length);
  });

  /** A message that queued work on its space's receive chain counts as being stored until that work ends. */
  function countStoring(space: SpaceId, before: Promise<void> | undefined, bytes: number): void {
    const work = links.get(space)?.receiving;
    if (!work || work === before) return;
    stats.bytesStoring += bytes;
    options.onStoring?.();
    const done = () => {
      stats.bytesStoring -= bytes;
      options.onStoring?.();
    };
    void work.then(done, done);
  }

  void (async () => {
    for (const space of info.spaces) {
      // A space that cannot open is told by the vault; this session syncs the others.
      const replica = await options.openSpace(space).catch(() => undefined);
      if (replica) addSpace(replica);
    }
  })();

  return { stats, addSpace, send, ended };
}

function accessHeadsOf(replica: Replica): string {
  return replica
    .heads()
    .access.map((h) => `${h.author}:${h.seq}`)
    .join();
}

function advance(seqs: Seqs, author: DeviceId, seq: number): void {
  if ((seqs.get(author) ?? 0) < seq) seqs.set(author, seq);
}

/** The longest prefix within `maxBytes` (at least one entry: a single large entry still fits a frame). */
function takeWithin(entries: readonly Uint8Array[], maxBytes: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let total = 0;
  for (const e of entries) {
    if (out.length > 0 && total + e.length > maxBytes) break;
    out.push(e);
    total += e.length;
  }
  return out;
}
