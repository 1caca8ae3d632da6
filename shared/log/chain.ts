/**
 * Per-author hash-chain acceptance for one log of one space (ARCHITECTURE.md "From an edit to disk").
 *
 * Entries arrive verified (decodeEntry) but in any order, possibly twice, possibly
 * forked. The acceptor decides, per author, which entries extend the chain:
 *  - seq 1 must name ZERO_HASH as prev; seq n+1 must name entryHash(entry n);
 *  - an exact duplicate is ignored;
 *  - an entry ahead of the chain is buffered until its predecessors arrive, then
 *    released in order;
 *  - two different entries for the same author and seq (or an entry whose prev
 *    names something other than the accepted predecessor) are a fork: reported,
 *    and the entry held first is kept (never silently replaced).
 *
 * The buffer is bounded (count and bytes) because a peer can send entries that
 * never connect (a gap it will never fill, or a seq far ahead): without a bound
 * it could make us hold arbitrary memory. The byte budget counts what the caller
 * holds beside each entry too (its unpacked update: a small entry can unpack
 * to megabytes). Sync sends entries in order, so a small
 * buffer suffices; what is dropped is asked for again later from the heads.
 *
 * Restoring at unlock: construct from the stored heads (no entry is re-verified).
 * The acceptor then does not know which entry it accepted at an older seq; an
 * entry at or below a head is reported `behind-head` unless `acceptedIdAt` can
 * tell (the store compares it with what it holds: same id = duplicate, else fork).
 */
import { AppError } from '../errors';
import {
  bytesEqual,
  fromBase64Url,
  signingKeyOf,
  toBase64Url,
  type DeviceId,
  type Hash,
  type SpaceId,
} from '../crypto';
import { detachedEntry, entryHash, ZERO_HASH, type Entry, type LogKind } from './entry';

/** The newest accepted entry of one author in one log: what sync peers exchange. */
export interface ChainHead {
  readonly author: DeviceId;
  readonly seq: number;
  /** entryHash of that entry; its base64url is the entry id. */
  readonly hash: Hash;
}

/** Heads as they were at a point (ChainAcceptor.mark), by author. */
export type ChainMark = ReadonlyMap<DeviceId, ChainHead>;

export interface ForkReport {
  readonly space: SpaceId;
  readonly log: LogKind;
  readonly author: DeviceId;
  /** The seq at which the author signed two different things. */
  readonly seq: number;
  /**
   * same-seq: two entries with this seq; keptId is the one we hold.
   * prev-mismatch: `other` (at seq + 1) names a predecessor other than keptId (at seq).
   */
  readonly reason: 'same-seq' | 'prev-mismatch';
  readonly keptId: string;
  readonly otherId: string;
  /** The contradicting entry: signed by the author, so it is evidence. */
  readonly other: Entry;
}

export type OfferStatus =
  /** This entry extended the chain. */
  | 'accepted'
  /** Already held (accepted or buffered): nothing to do. */
  | 'duplicate'
  /** Ahead of the chain: held until its predecessors arrive. */
  | 'buffered'
  /** Ahead of the chain but the buffer is full or the gap is wider than it: ask again later. */
  | 'dropped'
  /** Contradicts what we hold: see `forks`. */
  | 'fork'
  /** At or below the restored head and not remembered: the caller compares with its store. */
  | 'behind-head';

export interface OfferResult {
  readonly status: OfferStatus;
  /** Entries newly accepted, in chain order (this one, then released buffered ones): store and apply these. */
  readonly accepted: readonly Entry[];
  /** Forks found while handling this entry (it, or buffered successors it released). */
  readonly forks: readonly ForkReport[];
}

export interface ChainAcceptorOptions {
  readonly space: SpaceId;
  readonly log: LogKind;
  /** Heads already accepted and stored (restoring at unlock). */
  readonly heads?: readonly ChainHead[];
  /** Optional synchronous lookup of the id of the stored entry at (author, seq), for fork checks below a head. */
  readonly acceptedIdAt?: (author: DeviceId, seq: number) => string | undefined;
  readonly maxBuffered?: number;
  readonly maxBufferedBytes?: number;
}

export const DEFAULT_MAX_BUFFERED = 4096;
export const DEFAULT_MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

interface Held {
  readonly entry: Entry;
  /** Bytes counted against the budget: the entry's and what the caller holds for it. */
  readonly weight: number;
}

interface AuthorChain {
  head: ChainHead;
  /** Ids of accepted entries known to this instance, by seq (sparse after a restore). */
  ids: Map<number, string>;
}

export class ChainAcceptor {
  readonly space: SpaceId;
  readonly log: LogKind;
  private readonly chains = new Map<DeviceId, AuthorChain>();
  private readonly buffer = new Map<DeviceId, Map<number, Held>>();
  private bufferedCount = 0;
  private bufferedBytes = 0;
  private readonly maxBuffered: number;
  private readonly maxBufferedBytes: number;
  private readonly acceptedIdAt: ChainAcceptorOptions['acceptedIdAt'];

  constructor(options: ChainAcceptorOptions) {
    this.space = options.space;
    this.log = options.log;
    this.maxBuffered = options.maxBuffered ?? DEFAULT_MAX_BUFFERED;
    this.maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.acceptedIdAt = options.acceptedIdAt;
    for (const head of options.heads ?? []) {
      if (head.seq < 1 || head.hash.length !== 32) throw new AppError('invalid-data', 'bad stored head');
      this.chains.set(head.author, { head, ids: new Map([[head.seq, toBase64Url(head.hash)]]) });
    }
  }

  /** Accepted heads, one per author, sorted by author (a stable order for sync messages). */
  heads(): ChainHead[] {
    return [...this.chains.values()].map((c) => c.head).sort((a, b) => (a.author < b.author ? -1 : 1));
  }

  head(author: DeviceId): ChainHead | undefined {
    return this.chains.get(author)?.head;
  }

  /** Accepted seq of an author (0 when none): "what do I have after seq N" starts here. */
  seqOf(author: DeviceId): number {
    return this.chains.get(author)?.head.seq ?? 0;
  }

  bufferedEntries(): number {
    return this.bufferedCount;
  }

  /** The accepted heads now, to go back to with `rewind` if what is accepted next cannot be stored. */
  mark(): ChainMark {
    return new Map([...this.chains].map(([author, chain]) => [author, chain.head]));
  }

  /**
   * Forgets what was accepted since `mark`: its store failed, so the heads must not name it (they
   * are what this device claims to hold). The forgotten entries are not buffered again: the sender
   * is not told they were taken, so they come again.
   */
  rewind(mark: ChainMark): void {
    for (const [author, chain] of [...this.chains]) {
      const head = mark.get(author);
      if (!head) {
        this.chains.delete(author);
        continue;
      }
      if (head.seq === chain.head.seq) continue;
      chain.head = head;
      for (const seq of chain.ids.keys()) if (seq > head.seq) chain.ids.delete(seq);
    }
  }

  /**
   * Moves an author's head forward to `head`, whose entries this device will never see: a
   * checkpoint covers them (shared/vault/checkpoint-receive.ts). Entries held for that author
   * are dropped (the sender sends the tail again after the checkpoint). Never moves a head back.
   */
  jumpTo(head: ChainHead): void {
    if (head.seq <= this.seqOf(head.author)) return;
    this.chains.set(head.author, { head, ids: new Map([[head.seq, toBase64Url(head.hash)]]) });
    for (const held of this.buffer.get(head.author)?.values() ?? []) {
      this.bufferedCount--;
      this.bufferedBytes -= held.weight;
    }
    this.buffer.delete(head.author);
  }

  /**
   * Offers one verified entry. `heldBytes`: what the caller keeps in memory
   * for it while it is buffered (its decrypted, unpacked update), counted
   * in the byte budget with the entry. Throws AppError('bad-entry') when it
   * belongs to another space or log, or claims seq 1 with a non-zero prev
   * (it can never fit).
   */
  offer(entry: Entry, heldBytes = 0): OfferResult {
    const { space, log, author, seq, prev } = entry.header;
    if (space !== this.space || log !== this.log) throw new AppError('bad-entry', 'entry is for another log');
    if (seq === 1 && !bytesEqual(prev, ZERO_HASH)) throw new AppError('bad-entry', 'first entry must have zero prev');
    const chain = this.chains.get(author);
    const headSeq = chain?.head.seq ?? 0;

    if (seq <= headSeq) return this.offerOld(entry, chain);
    if (seq === headSeq + 1) {
      const expected = chain ? chain.head.hash : ZERO_HASH;
      if (!bytesEqual(prev, expected)) {
        return result('fork', [], [this.fork(entry, seq - 1, 'prev-mismatch', chain!)]);
      }
      const accepted = [this.accept(entry)];
      const forks: ForkReport[] = [];
      this.release(author, accepted, forks);
      return result('accepted', accepted, forks);
    }
    return this.hold(entry, headSeq, entry.bytes.length + heldBytes);
  }

  private offerOld(entry: Entry, chain: AuthorChain | undefined): OfferResult {
    const { author, seq } = entry.header;
    const known = chain?.ids.get(seq) ?? this.acceptedIdAt?.(author, seq);
    if (known === undefined) return result('behind-head', [], []);
    if (known === entry.id) return result('duplicate', [], []);
    return result('fork', [], [forkReport(this.space, this.log, seq, 'same-seq', known, entry)]);
  }

  private hold(entry: Entry, headSeq: number, weight: number): OfferResult {
    const { author, seq } = entry.header;
    let pending = this.buffer.get(author);
    const same = pending?.get(seq)?.entry;
    if (same) {
      if (same.id === entry.id) return result('duplicate', [], []);
      return result('fork', [], [forkReport(this.space, this.log, seq, 'same-seq', same.id, entry)]);
    }
    const full = this.bufferedCount >= this.maxBuffered || this.bufferedBytes + weight > this.maxBufferedBytes;
    if (full || seq - headSeq - 1 > this.maxBuffered) return result('dropped', [], []);
    if (!pending) this.buffer.set(author, (pending = new Map()));
    pending.set(seq, { entry: detachedEntry(entry), weight }); // the byte budget above must be what is held
    this.bufferedCount++;
    this.bufferedBytes += weight;
    return result('buffered', [], []);
  }

  private accept(entry: Entry): Entry {
    const { author, seq } = entry.header;
    const head: ChainHead = { author, seq, hash: entryHash(entry) };
    const chain = this.chains.get(author);
    if (chain) {
      chain.head = head;
      chain.ids.set(seq, entry.id);
    } else {
      this.chains.set(author, { head, ids: new Map([[seq, entry.id]]) });
    }
    return entry;
  }

  /** Moves buffered successors of the new head into the chain while they link. */
  private release(author: DeviceId, accepted: Entry[], forks: ForkReport[]): void {
    const pending = this.buffer.get(author);
    while (pending && pending.size > 0) {
      const chain = this.chains.get(author)!;
      const held = pending.get(chain.head.seq + 1);
      if (!held) break;
      const next = held.entry;
      pending.delete(next.header.seq);
      this.bufferedCount--;
      this.bufferedBytes -= held.weight;
      if (!bytesEqual(next.header.prev, chain.head.hash)) {
        forks.push(this.fork(next, chain.head.seq, 'prev-mismatch', chain));
        break;
      }
      accepted.push(this.accept(next));
    }
    if (pending && pending.size === 0) this.buffer.delete(author);
  }

  private fork(other: Entry, seq: number, reason: ForkReport['reason'], chain: AuthorChain): ForkReport {
    return forkReport(this.space, this.log, seq, reason, chain.ids.get(seq) ?? toBase64Url(chain.head.hash), other);
  }
}

function result(status: OfferStatus, accepted: readonly Entry[], forks: readonly ForkReport[]): OfferResult {
  return { status, accepted, forks };
}

/** Builds a fork report; also for the store, when it finds a `behind-head` entry that differs from its own. */
export function forkReport(
  space: SpaceId,
  log: LogKind,
  seq: number,
  reason: ForkReport['reason'],
  keptId: string,
  other: Entry,
): ForkReport {
  return { space, log, author: other.header.author, seq, reason, keptId, otherId: other.id, other };
}

/** What a peer has that we lack, per author: send entries with seq in (afterSeq, upToSeq]. */
export interface ChainGap {
  readonly author: DeviceId;
  readonly afterSeq: number;
  readonly upToSeq: number;
}

/** The gaps between our heads and a peer's heads (entries we should ask for). */
export function missingFrom(mine: readonly ChainHead[], theirs: readonly ChainHead[]): ChainGap[] {
  const have = new Map(mine.map((h) => [h.author, h.seq]));
  const gaps: ChainGap[] = [];
  for (const h of theirs) {
    const afterSeq = have.get(h.author) ?? 0;
    if (h.seq > afterSeq) gaps.push({ author: h.author, afterSeq, upToSeq: h.seq });
  }
  return gaps;
}

/** Head as sent over the wire (base64url hash). */
export interface ChainHeadJson {
  readonly author: string;
  readonly seq: number;
  readonly hash: string;
}

export function headToJson(h: ChainHead): ChainHeadJson {
  return { author: h.author, seq: h.seq, hash: toBase64Url(h.hash) };
}

export function headFromJson(h: ChainHeadJson): ChainHead {
  const hash = fromBase64Url(h.hash);
  if (hash.length !== 32 || !Number.isSafeInteger(h.seq) || h.seq < 1) {
    throw new AppError('invalid-data', 'bad chain head');
  }
  signingKeyOf(h.author as DeviceId); // throws on a malformed device id
  return { author: h.author as DeviceId, seq: h.seq, hash: hash as Hash };
}
