/**
 * The access state of one space, built from its access log entries in any
 * order (rules in ./README.md; SECURITY.md "The access log against its own members").
 *
 * Flow for an arriving access entry: decodeEntry (signature) →
 * applyAccessEntry: structural checks, then the per-author chain (duplicates,
 * buffering, forks), then the causal gate (all parents present). The state is
 * recomputed from the whole set when asked, so it never depends on arrival order.
 */
import { AppError } from '../errors';
import { deviceIdOf, fromBase64Url, signingKeyOf, toBase64Url, wipe, type DeviceCard, type DeviceId } from '../crypto';
import type { DeviceIdentity, SpaceId, SymmetricKey } from '../crypto';
import { detachedEntry, openContent as openEntryContent, type Entry } from '../log/entry';
import { ChainAcceptor, type ChainHead, type ForkReport, type OfferResult } from '../log/chain';
import { decodeAccessRecord, isWriter, type Role } from './records';
import { dagHeads, totalOrder, type AccessNode } from './order';
import { foldAccess, type AccessState } from './state';
import { voidedByRevocation } from './conflicts';
import { cardOf, openChainedKey, openKeySealedToMe, spaceIdFor } from './keys';

/** Entries waiting for causal parents are bounded for the same reason as the chain buffer. */
export const MAX_WAITING_ACCESS_ENTRIES = 1024;

export interface SpaceMember {
  readonly card: DeviceCard;
  readonly role: Role;
}

export type ContentCheck = { readonly ok: true } | { readonly ok: false; readonly error: AppError };

export class SpaceAccess {
  private readonly chain: ChainAcceptor;
  /** Every chain-accepted entry by author and seq (what sync sends from). */
  private readonly byAuthor = new Map<DeviceId, Map<number, Entry>>();
  private readonly nodes = new Map<string, AccessNode>();
  private readonly waiting = new Map<string, AccessNode>();
  private readonly forkList: ForkReport[] = [];
  private computed: { order: AccessNode[]; state: AccessState } | undefined;
  private readonly keyrings = new Map<DeviceId, Map<string, SymmetricKey>>();
  /** epochKeys by device and epoch: asked once per arriving content entry. */
  private readonly epochKeyLists = new Map<string, SymmetricKey[]>();

  constructor(readonly space: SpaceId) {
    this.chain = new ChainAcceptor({ space, log: 'access', maxBuffered: MAX_WAITING_ACCESS_ENTRIES });
  }

  /** Rebuilds from stored access entries (any order). Forks met on the way are in `forks()`. */
  static restore(space: SpaceId, entries: Iterable<Entry>): SpaceAccess {
    const access = new SpaceAccess(space);
    for (const e of entries) access.applyAccessEntry(e);
    return access;
  }

  /**
   * Takes one verified access entry. Throws AppError('bad-entry') for another
   * space or log, AppError('invalid-data') for a malformed record,
   * AppError('not-allowed') for a `create` that is not this space's. Store the
   * entries in `accepted`; they may take effect only later (missing parents).
   */
  applyAccessEntry(entry: Entry): OfferResult {
    const { space, log, author, seq } = entry.header;
    if (space !== this.space || log !== 'access') throw new AppError('bad-entry', 'not an access entry of this space');
    const record = decodeAccessRecord(entry.ciphertext);
    if (record.type === 'create') {
      const own = spaceIdFor(signingKeyOf(author), fromBase64Url(record.salt)) === this.space;
      if (!own || seq !== 1 || record.rotation.epoch !== 1) throw new AppError('not-allowed', 'not the space creation');
    }
    if (this.waiting.size >= MAX_WAITING_ACCESS_ENTRIES) return { status: 'dropped', accepted: [], forks: [] };
    const card = record.type === 'create' ? record.creator : record.type === 'add' ? record.device : undefined;
    if (card && fromBase64Url(card.box).length !== 32) throw new AppError('invalid-data', 'bad device box key');
    const result = this.chain.offer(entry);
    this.forkList.push(...result.forks);
    for (const accepted of result.accepted) {
      const a = accepted.header;
      const acceptedRecord = accepted === entry ? record : decodeAccessRecord(accepted.ciphertext);
      const parents = [...acceptedRecord.parents];
      if (a.seq > 1) parents.push(toBase64Url(a.prev));
      const kept = detachedEntry(accepted); // held for the life of the space
      let mine = this.byAuthor.get(a.author);
      if (!mine) this.byAuthor.set(a.author, (mine = new Map()));
      mine.set(a.seq, kept);
      this.waiting.set(kept.id, { entry: kept, record: acceptedRecord, parents });
    }
    if (result.accepted.length > 0) this.integrateWaiting();
    return result;
  }

  private integrateWaiting(): void {
    let progress = true;
    while (progress) {
      progress = false;
      for (const [id, node] of this.waiting) {
        if (node.parents.every((p) => this.nodes.has(p))) {
          this.waiting.delete(id);
          this.nodes.set(id, node);
          progress = true;
        }
      }
    }
    this.computed = undefined;
    this.keyrings.clear();
    this.epochKeyLists.clear();
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
      const voided = voidedByRevocation(order, this.nodes, foldAccess(order));
      this.computed = { order, state: foldAccess(order, voided) };
    }
    return this.computed;
  }

  /** Access-log heads per author, for sync. */
  heads(): ChainHead[] {
    return this.chain.heads();
  }

  /** The author's accepted access entries after `seq`, in chain order. */
  entriesAfter(author: DeviceId, seq: number): Entry[] {
    const mine = this.byAuthor.get(author);
    const out: Entry[] = [];
    for (let s = seq + 1; mine?.has(s); s++) out.push(mine.get(s)!);
    return out;
  }

  /** Entries whose causal parents are all present, in the deterministic order. */
  entries(): Entry[] {
    return this.view().order.map((n) => n.entry);
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
   */
  needsRotation(): boolean {
    const state = this.view().state;
    const frontier = state.frontier();
    if (frontier.length !== 1) return frontier.length > 1;
    const sealedTo = [...frontier[0]!.sealedTo.keys()].sort();
    const members = [...state.members.keys()].sort();
    return sealedTo.join() !== members.join();
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

  /** Every key this identity can open, by key id (sealed to it, granted, or chained). */
  private keyring(me: DeviceIdentity): Map<string, SymmetricKey> {
    const id = deviceIdOf(me.signPublic);
    const cached = this.keyrings.get(id);
    if (cached) return cached;
    const { state } = this.view();
    const ring = new Map<string, SymmetricKey>();
    const tryOpen = (keyId: string, sealed: string) => {
      if (ring.has(keyId) || !state.keys.has(keyId)) return;
      try {
        ring.set(keyId, openKeySealedToMe(me, sealed));
      } catch {
        // Sealed to someone else's key under our id: ignore, like a key we were never given.
      }
    };
    for (const key of state.keys.values()) {
      const sealed = key.sealedTo.get(id);
      if (sealed) tryOpen(key.id, sealed);
    }
    for (const grant of state.grants.get(id) ?? []) tryOpen(grant.key, grant.sealed);
    // Chains point to older keys, so one pass from newest to oldest reaches them all.
    for (const key of [...state.keys.values()].reverse()) {
      const newer = ring.get(key.id);
      if (!newer) continue;
      for (const link of key.chain) {
        if (ring.has(link.key)) continue;
        try {
          ring.set(link.key, openChainedKey(this.space, newer, link.key, link.sealed));
        } catch {
          // A bad link by a (misbehaving) admin: the key may still come another way.
        }
      }
    }
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

  /** Decrypts a content entry with whichever key of its epoch fits. Throws 'not-allowed' | 'decrypt-failed'. */
  openContent(entry: Entry, me: DeviceIdentity): Uint8Array {
    const keys = this.epochKeys(entry.header.epoch, me);
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
