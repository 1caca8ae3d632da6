/**
 * The access state of one space, built from its access log entries in any
 * order (rules in ./README.md; SECURITY.md "The access log against its own members").
 *
 * Flow for an arriving access entry: decodeEntry (signature) →
 * applyAccessEntry: structural checks, then the per-author chain (duplicates,
 * forks), then the gate. An entry is *taken* (and only then stored and relayed)
 * when its author's previous entry and all its parents are taken and its author
 * is entitled: the creator, or a device some taken record made an admin (a
 * grant, whether or not it later counts: that verdict may change as entries
 * arrive, the gate must not). Other entries wait in per-author quotas; what
 * does not fit is dropped, and is asked for again later from the heads.
 * The state is recomputed from the taken entries when asked, so it never
 * depends on arrival order.
 */
import { AppError } from '../errors';
import { deviceIdOf, fromBase64Url, signingKeyOf, toBase64Url, wipe, type DeviceCard, type DeviceId } from '../crypto';
import type { DeviceIdentity, Hash, SpaceId, SymmetricKey } from '../crypto';
import { detachedEntry, openContent as openEntryContent, type Entry } from '../log/entry';
import { forkReport, type ChainHead, type ForkReport, type OfferResult } from '../log/chain';
import { decodeAccessRecord, isWriter, type Role } from './records';
import { dagHeads, totalOrder, type AccessNode } from './order';
import { foldAccess, type AccessState, type EpochKeyInfo } from './state';
import { resolveConflicts, type PastCache } from './conflicts';
import { cardOf, openChainedKey, openKeySealedToMe, spaceIdFor } from './keys';

/** Entries one author may have waiting (missing parents or predecessors, or not yet entitled). */
export const MAX_WAITING_PER_AUTHOR = 64;
/** Bytes one author may have waiting. */
export const MAX_WAITING_BYTES_PER_AUTHOR = 1024 * 1024;
/** Authors not known to be entitled that may have entries waiting (a device id costs nothing to make). */
export const MAX_WAITING_STRANGERS = 16;

export interface SpaceMember {
  readonly card: DeviceCard;
  readonly role: Role;
}

export type ContentCheck = { readonly ok: true } | { readonly ok: false; readonly error: AppError };

interface Chain {
  head: ChainHead;
  headId: string;
  /** Taken entries by seq. */
  readonly entries: Map<number, Entry>;
}

interface Waiting {
  readonly entries: Map<number, AccessNode>;
  bytes: number;
}

/** How many entries were taken at a point (SpaceAccess.mark). */
export interface AccessMark {
  readonly taken: number;
}

export class SpaceAccess {
  /** Taken entries per author, in chain order. */
  private readonly chains = new Map<DeviceId, Chain>();
  private readonly nodes = new Map<string, AccessNode>();
  private readonly waiting = new Map<DeviceId, Waiting>();
  /** Waiting entry ids by a parent they miss. */
  private readonly waitingOn = new Map<string, Set<string>>();
  private readonly waitingById = new Map<string, AccessNode>();
  private creator: DeviceId | undefined;
  /** Devices some taken record made an admin. */
  private readonly entitled = new Set<DeviceId>();
  /** While true (a restore, or one received batch), quotas are checked only at `endBatch`. */
  private batch = false;
  private readonly forkList: ForkReport[] = [];
  private computed: { order: AccessNode[]; state: AccessState } | undefined;
  private readonly pastVerdicts: PastCache = new Map();
  private readonly keyrings = new Map<DeviceId, Map<string, SymmetricKey>>();
  /** epochKeys by device and epoch: asked once per arriving content entry. */
  private readonly epochKeyLists = new Map<string, SymmetricKey[]>();
  /**
   * Sealed boxes already opened (or found not ours), by device and sealed bytes: the
   * result depends on nothing else, and opening is the slow part of a keyring.
   */
  private readonly sealedOpens = new Map<DeviceId, Map<string, SymmetricKey | null>>();

  constructor(readonly space: SpaceId) {}

  /**
   * Rebuilds from stored access entries, in any order: they are taken in
   * causal order, whatever order storage returns them in. Forks met on the
   * way are in `forks()`.
   */
  static restore(space: SpaceId, entries: Iterable<Entry>): SpaceAccess {
    const access = new SpaceAccess(space);
    access.beginBatch();
    for (const e of entries) access.applyAccessEntry(e);
    access.endBatch();
    return access;
  }

  /**
   * Lifts the waiting quotas until `endBatch`: entries of one batch (a sync
   * batch, a bundle) may arrive in any order among themselves; what still
   * waits at the end is cut back to the quotas.
   */
  beginBatch(): void {
    this.batch = true;
  }

  /** Returns how many waiting entries were dropped to fit the quotas. */
  endBatch(): number {
    this.batch = false;
    let dropped = 0;
    let strangers = 0;
    // Authors in the order they started waiting (a Map keeps insertion order), never by device id:
    // ids cost nothing to mint, so an order by id would let a stranger push out honest newcomers.
    for (const [author, w] of [...this.waiting]) {
      const known = this.isEntitled(author);
      if (!known) strangers++;
      const over = () =>
        w.entries.size > MAX_WAITING_PER_AUTHOR ||
        w.bytes > MAX_WAITING_BYTES_PER_AUTHOR ||
        (!known && strangers > MAX_WAITING_STRANGERS);
      // The furthest ahead go first: they are the last to be taken.
      for (const seq of [...w.entries.keys()].sort((a, b) => b - a)) {
        if (!over()) break;
        this.unwait(author, seq);
        dropped++;
      }
    }
    return dropped;
  }

  /** How far the log is taken now, to go back to with `rewind` if what is taken next cannot be stored. */
  mark(): AccessMark {
    return { taken: this.nodes.size };
  }

  /**
   * Forgets the entries taken since `mark` (their store failed: the heads must not name them, and
   * no right or key of theirs may count) by taking the earlier ones again, from a clean state.
   * Waiting entries are let go too: the sender is not told they were taken, so they come again.
   * Forks seen stay reported: they are signed evidence whatever was stored.
   */
  rewind(mark: AccessMark): void {
    if (this.nodes.size === mark.taken) return;
    const kept = [...this.nodes.values()].slice(0, mark.taken).map((n) => n.entry); // in the order taken
    for (const map of [this.chains, this.nodes, this.waiting, this.waitingOn, this.waitingById, this.keyrings]) {
      map.clear();
    }
    this.entitled.clear();
    this.epochKeyLists.clear();
    this.creator = undefined;
    this.computed = undefined;
    this.beginBatch();
    for (const entry of kept) this.applyAccessEntry(entry);
    this.endBatch();
  }

  /** Entries waiting (for parents, predecessors, or their author's promotion). */
  waitingEntries(): number {
    return this.waitingById.size;
  }

  /**
   * Takes one verified access entry. Throws AppError('bad-entry') for another
   * space or log, or a first entry with a non-zero prev; AppError('invalid-data')
   * for a malformed record; AppError('not-allowed') for a `create` that is not
   * this space's. Store the entries in `accepted` (this one and the waiting
   * ones it released, in causal order); nothing else of it is stored.
   */
  applyAccessEntry(entry: Entry): OfferResult {
    const { space, log, author, seq, prev } = entry.header;
    if (space !== this.space || log !== 'access') throw new AppError('bad-entry', 'not an access entry of this space');
    if (seq === 1 && prev.some((b) => b !== 0)) throw new AppError('bad-entry', 'first entry must have zero prev');
    const record = decodeAccessRecord(entry.ciphertext);
    if (record.type === 'create') {
      const own = spaceIdFor(signingKeyOf(author), fromBase64Url(record.salt)) === this.space;
      if (!own || seq !== 1 || record.rotation.epoch !== 1) throw new AppError('not-allowed', 'not the space creation');
    }
    const card = record.type === 'create' ? record.creator : record.type === 'add' ? record.device : undefined;
    if (card && fromBase64Url(card.box).length !== 32) throw new AppError('invalid-data', 'bad device box key');

    const chain = this.chains.get(author);
    const held = chain?.entries.get(seq) ?? this.waiting.get(author)?.entries.get(seq)?.entry;
    if (held) {
      if (held.id === entry.id) return outcome('duplicate');
      return this.forked(forkReport(this.space, 'access', seq, 'same-seq', held.id, entry));
    }
    const headSeq = chain?.head.seq ?? 0;
    if (seq <= headSeq) return outcome('duplicate'); // below what we took: cannot be anything new
    if (seq === headSeq + 1 && chain && chain.headId !== toBase64Url(prev)) {
      return this.forked(forkReport(this.space, 'access', seq - 1, 'prev-mismatch', chain.headId, entry));
    }
    const parents = [...record.parents];
    if (seq > 1) parents.push(toBase64Url(prev));
    const node: AccessNode = { entry, record, parents };
    if (!this.ready(node)) {
      if (!this.wait(node)) return outcome('dropped');
      return outcome('buffered');
    }
    const accepted = this.take(node);
    return { status: 'accepted', accepted, forks: [] };
  }

  private forked(report: ForkReport): OfferResult {
    this.forkList.push(report);
    return { status: 'fork', accepted: [], forks: [report] };
  }

  private isEntitled(author: DeviceId): boolean {
    return author === this.creator || this.entitled.has(author);
  }

  /** Its author's previous entry and its parents are taken, and its author may write access records. */
  private ready(node: AccessNode): boolean {
    const { author, seq } = node.entry.header;
    const chain = this.chains.get(author);
    if ((chain?.head.seq ?? 0) !== seq - 1) return false;
    if (chain && chain.headId !== node.parents.at(-1)) return false; // prev names another entry: never fits
    if (node.record.type !== 'create' && !this.isEntitled(author)) return false;
    return node.parents.every((p) => this.nodes.has(p));
  }

  /** Holds a node that is not ready; false when the quotas are full. */
  private wait(node: AccessNode): boolean {
    const { author, seq } = node.entry.header;
    let w = this.waiting.get(author);
    if (!this.batch) {
      const count = w?.entries.size ?? 0;
      const bytes = (w?.bytes ?? 0) + node.entry.bytes.length;
      if (count >= MAX_WAITING_PER_AUTHOR || bytes > MAX_WAITING_BYTES_PER_AUTHOR) return false;
      if (!w && !this.isEntitled(author)) {
        const strangers = [...this.waiting.keys()].filter((a) => !this.isEntitled(a)).length;
        if (strangers >= MAX_WAITING_STRANGERS) return false;
      }
    }
    if (!w) this.waiting.set(author, (w = { entries: new Map(), bytes: 0 }));
    const kept = { ...node, entry: detachedEntry(node.entry) }; // a view into a batch would pin it
    w.entries.set(seq, kept);
    w.bytes += kept.entry.bytes.length;
    this.waitingById.set(kept.entry.id, kept);
    for (const p of node.parents) {
      if (this.nodes.has(p)) continue;
      let set = this.waitingOn.get(p);
      if (!set) this.waitingOn.set(p, (set = new Set()));
      set.add(kept.entry.id);
    }
    return true;
  }

  private unwait(author: DeviceId, seq: number): AccessNode | undefined {
    const w = this.waiting.get(author);
    const node = w?.entries.get(seq);
    if (!w || !node) return undefined;
    w.entries.delete(seq);
    w.bytes -= node.entry.bytes.length;
    if (w.entries.size === 0) this.waiting.delete(author);
    this.waitingById.delete(node.entry.id);
    return node; // stale waitingOn references are skipped when they fire
  }

  /** Takes a ready node, then every waiting node it makes ready; returns them in the order taken. */
  private take(first: AccessNode): Entry[] {
    const taken: Entry[] = [];
    const work = [first];
    while (work.length > 0) {
      const node = work.pop()!;
      const { author, seq } = node.entry.header;
      this.unwait(author, seq);
      const kept = detachedEntry(node.entry); // held for the life of the space
      const n: AccessNode = { ...node, entry: kept };
      this.nodes.set(kept.id, n);
      const hash = fromBase64Url(kept.id) as Hash;
      const chain = this.chains.get(author);
      if (chain) {
        chain.head = { author, seq, hash };
        chain.headId = kept.id;
        chain.entries.set(seq, kept);
      } else {
        this.chains.set(author, { head: { author, seq, hash }, headId: kept.id, entries: new Map([[seq, kept]]) });
      }
      if (n.record.type === 'create') this.creator = author;
      taken.push(kept);
      // What this may have made ready: the author's next entry, entries naming it, a new admin's entries.
      const next: (AccessNode | undefined)[] = [this.waiting.get(author)?.entries.get(seq + 1)];
      for (const id of this.waitingOn.get(kept.id) ?? []) next.push(this.waitingById.get(id));
      this.waitingOn.delete(kept.id);
      const r = n.record;
      const promoted =
        r.type === 'add' ? r.role === 'admin' && r.device.id : r.type === 'set-role' && r.role === 'admin' && r.device;
      if (promoted && !this.isEntitled(promoted as DeviceId)) {
        this.entitled.add(promoted as DeviceId);
        const w = this.waiting.get(promoted as DeviceId);
        const head = this.chains.get(promoted as DeviceId)?.head.seq ?? 0;
        next.push(w?.entries.get(head + 1));
      }
      for (const candidate of next) {
        if (candidate && this.waitingById.has(candidate.entry.id) && this.ready(candidate)) {
          this.unwait(candidate.entry.header.author, candidate.entry.header.seq);
          work.push(candidate);
        }
      }
    }
    this.computed = undefined;
    this.keyrings.clear();
    this.epochKeyLists.clear();
    return taken;
  }

  /**
   * Wipes every epoch key this object opened and forgets them (SECURITY.md "Key hygiene and the
   * seized laptop"): the vault calls it when the space closes at lock. They are opened again on use.
   */
  forgetSecrets(): void {
    for (const ring of this.keyrings.values()) for (const key of ring.values()) wipe(key);
    this.keyrings.clear();
    this.epochKeyLists.clear();
  }

  /** The order and the folded state (recomputed after new entries). */
  view(): { order: readonly AccessNode[]; state: AccessState } {
    if (!this.computed) {
      const order = totalOrder(this.nodes);
      this.computed = { order, state: foldAccess(order, resolveConflicts(order, this.pastVerdicts)) };
    }
    return this.computed;
  }

  /** Access-log heads per author (taken entries only: what is stored and what sync offers). */
  heads(): ChainHead[] {
    return [...this.chains.values()].map((c) => c.head).sort((a, b) => (a.author < b.author ? -1 : 1));
  }

  /** The author's taken access entries after `seq`, in chain order. */
  entriesAfter(author: DeviceId, seq: number): Entry[] {
    const mine = this.chains.get(author)?.entries;
    const out: Entry[] = [];
    for (let s = seq + 1; mine?.has(s); s++) out.push(mine.get(s)!);
    return out;
  }

  /** Taken entries, in the deterministic causal order. */
  entries(): Entry[] {
    return this.view().order.map((n) => n.entry);
  }

  /**
   * Taken entries that a peer holding `theirs` (seq per author) lacks, in causal
   * order (so the peer can take each as it arrives), at most `limit`.
   */
  entriesMissingFrom(theirs: ReadonlyMap<DeviceId, number>, limit: number): Entry[] {
    if (this.heads().every((h) => (theirs.get(h.author) ?? 0) >= h.seq)) return [];
    const out: Entry[] = [];
    for (const node of this.view().order) {
      const { author, seq } = node.entry.header;
      if (seq > (theirs.get(author) ?? 0)) out.push(node.entry);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Entry ids a new record names as parents. */
  parentsForNewRecord(): string[] {
    return dagHeads(this.nodes);
  }

  forks(): readonly ForkReport[] {
    return this.forkList;
  }

  roleOf(device: DeviceId): Role | undefined {
    return this.view().state.members.get(device)?.role;
  }

  members(): SpaceMember[] {
    return [...this.view().state.members.values()]
      .map((m) => ({ card: cardOf(m.card), role: m.role }))
      .sort((a, b) => (a.card.id < b.card.id ? -1 : 1));
  }

  /** The highest epoch number in the space (0 before its creation arrived). */
  currentEpoch(): number {
    return this.view().state.maxEpoch();
  }

  /**
   * True when the newest keys were sealed to a set other than the current
   * members (concurrent adds/removes/rotations merged), or when concurrent
   * rotations left several unchained keys: the next admin online should rotate.
   * Given `me`, also when `me` can open a withdrawn key that no valid key chains
   * and that some member was not given: its rotation chains it, so content an
   * honest writer sealed with it reaches every member. (Keys `me` cannot open
   * do not count: it could not chain them, and would rotate forever.)
   */
  needsRotation(me?: DeviceIdentity): boolean {
    const state = this.view().state;
    const frontier = state.frontier();
    if (frontier.length !== 1) return frontier.length > 1;
    const members = [...state.members.keys()];
    const sealedTo = [...frontier[0]!.sealedTo.keys()].sort();
    if (sealedTo.join() !== [...members].sort().join()) return true;
    if (!me) return false;
    return state
      .withdrawnFrontier()
      .some((k) => members.some((m) => !k.sealedTo.has(m)) && this.keyById(k.id, me) !== undefined);
  }

  /** Whether a content entry's author may have written it (role, removal cutoff, epoch held). */
  checkContentEntry(entry: Entry): ContentCheck {
    const { space, log, author, seq, epoch } = entry.header;
    if (space !== this.space || log !== 'content') {
      return { ok: false, error: new AppError('bad-entry', 'not a content entry of this space') };
    }
    if (this.view().state.mayWrite(author, seq, epoch)) return { ok: true };
    return { ok: false, error: new AppError('not-allowed', 'author may not write this entry') };
  }

  /**
   * Every key this identity can open, by key id (sealed to it, granted, or chained): valid keys first,
   * then withdrawn ones (read only). A withdrawn key's links give only withdrawn keys, and only those
   * not reached another way: a removed admin's records cannot swap a key this device writes with.
   */
  private keyring(me: DeviceIdentity): Map<string, SymmetricKey> {
    const id = deviceIdOf(me.signPublic);
    const cached = this.keyrings.get(id);
    if (cached) return cached;
    const { state } = this.view();
    const ring = new Map<string, SymmetricKey>();
    let opens = this.sealedOpens.get(id);
    if (!opens) this.sealedOpens.set(id, (opens = new Map()));
    const tryOpen = (keyId: string, sealed: string) => {
      let key = opens.get(sealed);
      if (key === undefined) {
        try {
          key = openKeySealedToMe(me, sealed);
        } catch {
          key = null; // sealed to someone else's key under our id: like a key we were never given
        }
        opens.set(sealed, key);
      }
      if (key) ring.set(keyId, key);
    };
    const openSealed = (keys: ReadonlyMap<string, EpochKeyInfo>) => {
      for (const key of keys.values()) {
        const sealed = key.sealedTo.get(id);
        if (sealed && !ring.has(key.id)) tryOpen(key.id, sealed);
      }
      for (const grant of state.grants.get(id) ?? []) {
        if (keys.has(grant.key) && !ring.has(grant.key)) tryOpen(grant.key, grant.sealed);
      }
    };
    // Chains point to older keys, so one pass from newest to oldest reaches them all.
    const openChained = (
      newerKeys: ReadonlyMap<string, EpochKeyInfo>,
      olderKeys: ReadonlyMap<string, EpochKeyInfo>,
    ) => {
      for (const key of [...newerKeys.values()].reverse()) {
        const newer = ring.get(key.id);
        if (!newer) continue;
        for (const link of key.chain) {
          if (ring.has(link.key) || !olderKeys.has(link.key)) continue;
          try {
            ring.set(link.key, openChainedKey(this.space, newer, link.key, link.sealed));
          } catch {
            // A bad link by a (misbehaving) admin: the key may still come another way.
          }
        }
      }
    };
    openSealed(state.keys);
    openChained(state.keys, state.keys);
    openSealed(state.withdrawn);
    openChained(state.keys, state.withdrawn);
    openChained(state.withdrawn, state.withdrawn);
    this.keyrings.set(id, ring);
    return ring;
  }

  /** One key by the id of the access entry that introduced it, if `me` can open it. */
  keyById(keyId: string, me: DeviceIdentity): SymmetricKey | undefined {
    return this.keyring(me).get(keyId);
  }

  /** Keys of this epoch that `me` can open, newest (in the order) first. */
  epochKeys(epoch: number, me: DeviceIdentity): readonly SymmetricKey[] {
    const cacheKey = `${deviceIdOf(me.signPublic)}/${epoch}`;
    const cached = this.epochKeyLists.get(cacheKey);
    if (cached) return cached;
    const ring = this.keyring(me);
    const keys = [...this.view().state.keys.values()]
      .filter((k) => k.epoch === epoch && ring.has(k.id))
      .reverse()
      .map((k) => ring.get(k.id)!);
    this.epochKeyLists.set(cacheKey, keys);
    return keys;
  }

  /** Throws AppError('not-allowed') when `me` holds no key of this epoch. */
  epochKey(epoch: number, me: DeviceIdentity): SymmetricKey {
    const key = this.epochKeys(epoch, me)[0];
    if (!key) throw new AppError('not-allowed', 'this device holds no key for that epoch');
    return key;
  }

  /** The epoch and key to seal new content with: the newest key this device holds. */
  writingKey(me: DeviceIdentity): { readonly epoch: number; readonly key: SymmetricKey } {
    const ring = this.keyring(me);
    const keys = [...this.view().state.keys.values()].filter((k) => ring.has(k.id));
    const newest = keys.reduce<(typeof keys)[number] | undefined>(
      (a, k) => (!a || k.epoch >= a.epoch ? k : a),
      undefined,
    );
    if (!newest) throw new AppError('not-allowed', 'this device holds no key of this space');
    return { epoch: newest.epoch, key: ring.get(newest.id)! };
  }

  /**
   * Withdrawn keys of this epoch that `me` can open, newest first: read only, for content an honest
   * writer sealed with one before it learned the key was withdrawn (state.ts `withdrawn`).
   */
  withdrawnKeys(epoch: number, me: DeviceIdentity): readonly SymmetricKey[] {
    const cacheKey = `${deviceIdOf(me.signPublic)}/${epoch}/withdrawn`;
    const cached = this.epochKeyLists.get(cacheKey);
    if (cached) return cached;
    const ring = this.keyring(me);
    const keys = [...this.view().state.withdrawn.values()]
      .filter((k) => k.epoch === epoch && ring.has(k.id))
      .reverse()
      .map((k) => ring.get(k.id)!);
    this.epochKeyLists.set(cacheKey, keys);
    return keys;
  }

  /**
   * Decrypts a content entry with whichever key of its epoch fits: the valid ones, then the withdrawn
   * ones. Throws 'not-allowed' | 'decrypt-failed'.
   */
  openContent(entry: Entry, me: DeviceIdentity): Uint8Array {
    const keys = [...this.epochKeys(entry.header.epoch, me), ...this.withdrawnKeys(entry.header.epoch, me)];
    if (keys.length === 0) throw new AppError('not-allowed', 'this device holds no key for that epoch');
    for (const key of keys.slice(0, -1)) {
      try {
        return openEntryContent(entry, key);
      } catch {
        // Concurrent rotations may share an epoch number: try the next key.
      }
    }
    return openEntryContent(entry, keys[keys.length - 1]!);
  }

  /** May this device change access / write content, according to the current state? */
  canAdminister(device: DeviceId): boolean {
    return this.roleOf(device) === 'admin';
  }

  canWrite(device: DeviceId): boolean {
    return isWriter(this.roleOf(device));
  }
}

function outcome(status: OfferResult['status']): OfferResult {
  return { status, accepted: [], forks: [] };
}
