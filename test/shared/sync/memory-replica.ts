/**
 * A space held in memory, for replication's unit tests: no vault, no IndexedDB, no Y.Doc. Real
 * entries (signed, sealed), the real access state (shared/space) and the real chain rules
 * (shared/log): only the storage and the document are left out. Content is checked against the
 * access rules and opened with the epoch key, as the vault's receive path does, so a refusal here
 * has the code the vault would give. It is also an `AdministeredSpace`, for the access
 * administration's tests.
 */
import * as c from '../../../shared/crypto';
import { AppError, isAppError, type ErrorCode } from '../../../shared/errors';
import { ChainAcceptor, type ForkReport } from '../../../shared/log/chain';
import { createEntry, ZERO_HASH, type Entry, type LogKind } from '../../../shared/log/entry';
import { decodeEntries } from '../../../shared/log/verify-batch';
import { createSpace, SpaceAccess, type Role } from '../../../shared/space';
import type { Replica } from '../../../shared/sync/replica';
import { AccessAdmin, type ReceiveReport, type SpaceHeads } from '../../../shared/vault';

export interface Member {
  readonly identity: c.DeviceIdentity;
  readonly id: c.DeviceId;
  readonly card: c.DeviceCard;
}

export function memberOf(identity: c.DeviceIdentity): Member {
  return { identity, id: c.deviceIdOf(identity.signPublic), card: c.deviceCardOf(identity) };
}

export class MemoryReplica implements Replica {
  readonly access: SpaceAccess;
  private readonly content: ChainAcceptor;
  /** Stored bytes by log, author and seq. */
  private readonly stored: Record<LogKind, Map<c.DeviceId, Map<number, Uint8Array>>> = {
    access: new Map(),
    content: new Map(),
  };
  /** Opened content, by entry id: what the document would show. */
  readonly texts = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  /** Every batch passed to receiveEntries, with its report. */
  readonly received: { batch: readonly Uint8Array[]; report: ReceiveReport }[] = [];
  closed = false;

  private constructor(
    readonly id: c.SpaceId,
    readonly me: Member,
    accessEntries: readonly Entry[],
  ) {
    this.access = SpaceAccess.restore(id, accessEntries);
    for (const e of this.access.entries()) this.keep(e);
    this.content = new ChainAcceptor({ space: id, log: 'content' });
  }

  /** A new space made by `creator`. */
  static create(creator: Member): MemoryReplica {
    const { access } = createSpace(creator.identity);
    return new MemoryReplica(access.space, creator, access.entries());
  }

  /** `member`'s copy of the space as `from` holds its access log now (as a bundle would bring it); no content. */
  static joining(from: MemoryReplica, member: Member): MemoryReplica {
    return new MemoryReplica(from.id, member, from.access.entries());
  }

  heads(): SpaceHeads {
    return { access: this.access.heads(), content: this.content.heads() };
  }

  async entriesInRange(log: LogKind, author: c.DeviceId, afterSeq: number, upToSeq: number): Promise<Uint8Array[]> {
    this.live();
    const chain = this.stored[log].get(author);
    const out: Uint8Array[] = [];
    for (let s = afterSeq + 1; s <= upToSeq && chain?.has(s); s++) out.push(chain.get(s)!);
    return out;
  }

  async receiveEntries(batch: readonly Uint8Array[]): Promise<ReceiveReport> {
    this.live();
    const rejected: { index: number; code: ErrorCode }[] = [];
    const forks: ForkReport[] = [];
    let accepted = 0;
    let duplicates = 0;
    let buffered = 0;
    let dropped = 0;
    this.access.beginBatch();
    try {
      for (const decoded of decodeEntries(batch)) {
        const { index, entry } = decoded;
        if (!entry) {
          rejected.push({ index, code: codeOf(decoded.error) });
          continue;
        }
        try {
          const result = entry.header.log === 'access' ? this.access.applyAccessEntry(entry) : this.offerContent(entry);
          for (const e of result.accepted) this.keep(e);
          accepted += result.accepted.length;
          forks.push(...result.forks);
          if (result.status === 'duplicate') duplicates++;
          if (result.status === 'buffered') buffered++;
          if (result.status === 'dropped') dropped++;
        } catch (e) {
          rejected.push({ index, code: codeOf(e) });
        }
      }
    } finally {
      dropped += this.access.endBatch();
    }
    const report = { accepted, duplicates, buffered, dropped, rejected, forks };
    this.received.push({ batch, report });
    if (accepted > 0) this.changed();
    return report;
  }

  /** As the vault does: the author's right, then the epoch key, before the chain takes it. */
  private offerContent(entry: Entry) {
    const check = this.access.checkContentEntry(entry);
    if (!check.ok) throw check.error;
    this.access.openContent(entry, this.me.identity); // throws 'decrypt-failed' before anything is kept
    const result = this.content.offer(entry);
    for (const e of result.accepted) this.texts.set(e.id, c.utf8Decode(this.access.openContent(e, this.me.identity)));
    return result;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A local edit: one content entry under the newest key this device holds. */
  write(text: string): Entry {
    const head = this.content.head(this.me.id);
    const { epoch, key } = this.access.writingKey(this.me.identity);
    const entry = createEntry(this.me.identity, {
      log: 'content',
      space: this.id,
      seq: (head?.seq ?? 0) + 1,
      prev: head?.hash ?? ZERO_HASH,
      epoch: { number: epoch, key },
      payload: c.utf8Encode(text),
    });
    const result = this.content.offer(entry);
    if (result.status !== 'accepted') throw new Error(`own entry not taken: ${result.status}`);
    this.keep(entry);
    this.texts.set(entry.id, text);
    this.changed();
    return entry;
  }

  /** An admin action as this device, taken like an arriving entry (as SpaceHandle.changeAccess does). */
  async changeAccess(build: (access: SpaceAccess, me: c.DeviceIdentity) => Entry): Promise<ReceiveReport> {
    const report = await this.receiveEntries([build(this.access, this.me.identity).bytes]);
    const failure = report.rejected[0];
    if (failure) throw new AppError(failure.code, 'the access change was not accepted');
    return report;
  }

  async add(member: Member, role: Role): Promise<void> {
    await this.admin().add(member.card, role);
  }

  async remove(device: c.DeviceId): Promise<void> {
    await this.admin().remove(device);
  }

  /** This device's administration of the space, as the app makes it (shared/vault/access-admin.ts). */
  admin(): AccessAdmin {
    return new AccessAdmin(this, this.me.identity);
  }

  /** Stores bytes as if a past version had taken them, unchecked: what a buggy or hostile peer may hold and send. */
  plant(entry: Entry): void {
    const { log, author, seq } = entry.header;
    this.storedOf(log, author).set(seq, entry.bytes);
    if (log === 'content') this.content.offer(entry);
  }

  /** What the document would hold: every opened text, sorted. */
  documentTexts(): string[] {
    return [...this.texts.values()].sort();
  }

  close(): void {
    this.closed = true;
  }

  private keep(entry: Entry): void {
    this.storedOf(entry.header.log, entry.header.author).set(entry.header.seq, entry.bytes);
  }

  private storedOf(log: LogKind, author: c.DeviceId): Map<number, Uint8Array> {
    let chain = this.stored[log].get(author);
    if (!chain) this.stored[log].set(author, (chain = new Map()));
    return chain;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private live(): void {
    if (this.closed) throw new AppError('vault-locked', 'this space is closed');
  }
}

function codeOf(e: unknown): ErrorCode {
  return isAppError(e) ? e.code : 'bad-entry';
}
