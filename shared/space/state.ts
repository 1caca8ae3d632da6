/**
 * Folds the ordered access records into the state of a space: members, roles,
 * epoch keys and who may write with which epoch. Pure and deterministic: the
 * same ordered records, with the same verdicts of conflicts.ts, give the same
 * state on every peer.
 *
 * Rules (see README.md in this folder for the reasoning):
 * - the first record must be the space's `create`; every other record takes
 *   effect only if its author is an admin at its place in the order, except
 *   revocations that conflicts.ts found to count (judged on what their author
 *   had seen), and records it voided, which never take effect;
 * - a device may write content with epoch n up to a content seq bound: each
 *   span in which it is an editor or admin ("writer segment") ends at a remove
 *   or a demotion that names the last content seq the admin had accepted
 *   (`cutoff`); an entry is allowed if some segment is still open or ended at
 *   a cutoff >= its seq, and the device held a key of epoch n in that segment;
 * - a device holds a key if it was sealed to it while it was a member, or if
 *   the key is chained under a key it holds;
 * - a `create` or `add` whose card's box key is not signed by the card's own
 *   signing key has no effect (SECURITY.md "Device cards and invites").
 */
import type { DeviceId } from '../crypto';
import type { AccessNode } from './order';
import type { Resolution } from './conflicts';
import { isWriter, type KeyLink, type Role, type RotationRecord, type CardRecord } from './records';
import { cardRecordVerifies } from './keys';

export interface EpochKeyInfo {
  /** Id of the access entry that introduced the key. */
  readonly id: string;
  readonly epoch: number;
  /** Devices the key was sealed to, member or not (a leak check for needsRotation). */
  readonly sealedTo: Map<DeviceId, string>;
  /** Older keys sealed under this one. */
  readonly chain: readonly KeyLink[];
}

export interface MemberState {
  readonly card: CardRecord;
  role: Role;
}

/**
 * A writer segment. Keys a device holds only ever grow, so the epochs of a
 * segment are those of the first `held` keys the device received (all of
 * them while the segment is open): no copy of an epoch set per segment.
 */
interface Segment {
  held: number | null;
  cutoff: number | null;
}

export class AccessState {
  readonly members = new Map<DeviceId, MemberState>();
  /** Valid epoch keys in order: the only keys anyone writes with, grants or chains as current. */
  readonly keys = new Map<string, EpochKeyInfo>();
  /**
   * Withdrawn keys in order: keys of rotations that introduced no key here (void, counting only for
   * their target, or not fitting), which an honest device may have written with before it learned
   * so. Read only: never written with, never current (SECURITY.md "The access log against its
   * own members").
   */
  readonly withdrawn = new Map<string, EpochKeyInfo>();
  /** Keys each device legitimately holds (ids). */
  readonly held = new Map<DeviceId, Set<string>>();
  /** Add-record grants, by recipient: what to open with the recipient's own identity. */
  readonly grants = new Map<DeviceId, KeyLink[]>();
  /** Ids of records that took effect. */
  readonly effective = new Set<string>();
  /**
   * Why each admin is one: the record that made it admin, then the record that
   * made that record's author admin, and so on up to the `create`.
   */
  readonly lineage = new Map<DeviceId, readonly string[]>();
  private readonly segments = new Map<DeviceId, Segment[]>();
  /** Per device: for each epoch, how many keys it held before its first key of that epoch. */
  private readonly firstOfEpoch = new Map<DeviceId, Map<number, number>>();

  /**
   * `keys: false` follows members and roles only (which key ids exist, not who
   * holds what): cheap enough to run over the past of every revocation.
   */
  constructor(private readonly options: { readonly keys: boolean } = { keys: true }) {}

  private highestEpoch = 0;

  maxEpoch(): number {
    return this.highestEpoch;
  }

  /** Keys no other key chains: a rotation should chain all of them. */
  frontier(): EpochKeyInfo[] {
    const chained = this.chainedByValidKeys();
    return [...this.keys.values()].filter((k) => !chained.has(k.id));
  }

  /** Withdrawn keys that no valid key chains: the next rotation (or add) passes on those its admin holds. */
  withdrawnFrontier(): EpochKeyInfo[] {
    const chained = this.chainedByValidKeys();
    return [...this.withdrawn.values()].filter((k) => !chained.has(k.id));
  }

  private chainedByValidKeys(): Set<string> {
    const chained = new Set<string>();
    for (const k of this.keys.values()) for (const l of k.chain) chained.add(l.key);
    return chained;
  }

  /** A valid or a withdrawn key. */
  private keyInfo(id: string): EpochKeyInfo | undefined {
    return this.keys.get(id) ?? this.withdrawn.get(id);
  }

  mayWrite(author: DeviceId, seq: number, epoch: number): boolean {
    const at = this.firstOfEpoch.get(author)?.get(epoch);
    if (at === undefined) return false;
    return (this.segments.get(author) ?? []).some(
      (s) => (s.held === null || at < s.held) && (s.cutoff === null || seq <= s.cutoff),
    );
  }

  /**
   * Applies one record at its place. `verdict` (conflicts.ts): 'revocation' for
   * a revocation found to count, applied whatever its author's role here is;
   * 'target-only' for one that counts only for its target (its author is
   * revoked too): no key, nothing else; 'void' for one conflicts.ts voided.
   * A rotation that introduces no key here is kept as a withdrawn key.
   */
  apply(node: AccessNode, verdict: 'normal' | 'revocation' | 'target-only' | 'void' = 'normal'): void {
    if (verdict !== 'void') this.applyRecord(node, verdict);
    const r = node.record;
    if (r.type !== 'create' && 'rotation' in r && !this.keys.has(node.entry.id))
      this.withdraw(node.entry.id, r.rotation);
  }

  private applyRecord(node: AccessNode, verdict: 'normal' | 'revocation' | 'target-only'): void {
    const r = node.record;
    const id = node.entry.id;
    const author = node.entry.header.author;
    if (r.type === 'create') {
      if (this.effective.size > 0 || r.creator.id !== author || !cardRecordVerifies(r.creator)) return;
      this.setMember(r.creator, 'admin', 0);
      this.lineage.set(author, [id]);
    } else {
      if (verdict === 'normal' && this.members.get(author)?.role !== 'admin') return;
      if (r.type === 'add') {
        if (this.members.has(r.device.id as DeviceId) || r.grants.some((g) => !this.keyInfo(g.key))) return;
        if (!cardRecordVerifies(r.device)) return;
        const device = r.device.id as DeviceId;
        this.grants.set(device, [...(this.grants.get(device) ?? []), ...r.grants]);
        for (const g of r.grants) this.keyInfo(g.key)!.sealedTo.set(device, g.sealed);
        this.setMember(r.device, 'viewer', 0);
        for (const g of r.grants) this.giveKey(device, g.key);
        this.setRole(device, r.role, 0, node);
      } else if (r.type === 'remove') {
        const device = r.device as DeviceId;
        const member = this.members.has(device);
        if (verdict === 'target-only' ? !member : !this.rotationFits(r.rotation)) return;
        // Removed concurrently by another admin: still a new epoch (writers who saw this one first used its key).
        if (member) {
          this.setRole(device, 'viewer', r.cutoff, node);
          this.members.delete(device);
          this.lineage.delete(device);
        }
      } else if (r.type === 'set-role') {
        const device = r.device as DeviceId;
        if (!this.members.has(device)) return;
        this.setRole(device, r.role, r.cutoff, node);
      } else if (!this.rotationFits(r.rotation)) {
        return;
      }
    }
    if ('rotation' in r && verdict !== 'target-only') this.addKey(id, r.rotation);
    this.effective.add(id);
  }

  /**
   * Epochs count up: a rotation names at most one more than the highest known (concurrent ones may share it).
   * It chains keys introduced before it, valid or withdrawn (a link gives the older key only to holders of the newer).
   */
  private rotationFits(rotation: RotationRecord): boolean {
    return (
      rotation.epoch >= 2 &&
      rotation.epoch <= this.maxEpoch() + 1 &&
      rotation.chain.every((l) => this.keyInfo(l.key) !== undefined)
    );
  }

  private addKey(id: string, rotation: RotationRecord): void {
    this.keys.set(id, keyInfoOf(id, rotation));
    this.highestEpoch = Math.max(this.highestEpoch, rotation.epoch);
    this.giveToMembers(this.keys.get(id)!);
  }

  /**
   * A withdrawn key counts as held by the members it was sealed to, as a valid one would: an honest
   * writer may have used it before it learned of the withdrawal. It adds no epoch to the space, and
   * writers' cutoffs still bound what anyone wrote.
   */
  private withdraw(id: string, rotation: RotationRecord): void {
    this.withdrawn.set(id, keyInfoOf(id, rotation));
    this.giveToMembers(this.withdrawn.get(id)!);
  }

  private giveToMembers(key: EpochKeyInfo): void {
    for (const to of key.sealedTo.keys()) if (this.members.has(to)) this.giveKey(to, key.id);
  }

  /**
   * The device holds this key and every key chained under it (walked until keys it already holds).
   * A withdrawn key's own chain is not walked: its links were never checked, and name anything.
   */
  private giveKey(device: DeviceId, keyId: string): void {
    if (!this.options.keys) return;
    let held = this.held.get(device);
    if (!held) this.held.set(device, (held = new Set()));
    let first = this.firstOfEpoch.get(device);
    if (!first) this.firstOfEpoch.set(device, (first = new Map()));
    const stack = [keyId];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (held.has(k)) continue;
      const key = this.keyInfo(k);
      if (!key) continue;
      if (!first.has(key.epoch)) first.set(key.epoch, held.size);
      held.add(k);
      if (this.keys.has(k)) for (const l of key.chain) stack.push(l.key);
    }
  }

  private setMember(card: CardRecord, role: Role, cutoff: number): void {
    this.members.set(card.id as DeviceId, { card, role: 'viewer' });
    this.setRole(card.id as DeviceId, role, cutoff);
  }

  /** `by`: the record that changes the role (it becomes the device's lineage when it makes an admin). */
  private setRole(device: DeviceId, role: Role, cutoff: number, by?: AccessNode): void {
    const member = this.members.get(device)!;
    const wasWriter = isWriter(member.role);
    if (role === 'admin' && member.role !== 'admin' && by) {
      this.lineage.set(device, [by.entry.id, ...(this.lineage.get(by.entry.header.author) ?? [])]);
    } else if (role !== 'admin') {
      this.lineage.delete(device);
    }
    member.role = role;
    if (!this.options.keys) return;
    if (wasWriter && !isWriter(role)) {
      const open = this.openSegment(device)!;
      open.held = this.held.get(device)?.size ?? 0;
      open.cutoff = cutoff;
    } else if (!wasWriter && isWriter(role)) {
      const list = this.segments.get(device);
      if (list) list.push({ held: null, cutoff: null });
      else this.segments.set(device, [{ held: null, cutoff: null }]);
    }
  }

  private openSegment(device: DeviceId): Segment | undefined {
    const last = this.segments.get(device)?.at(-1);
    return last && last.held === null ? last : undefined;
  }
}

function keyInfoOf(id: string, rotation: RotationRecord): EpochKeyInfo {
  const sealedTo = new Map(rotation.seals.map((s) => [s.to as DeviceId, s.sealed]));
  return { id, epoch: rotation.epoch, sealedTo, chain: rotation.chain };
}

/** Folds the order with the verdicts of conflicts.ts: voided records take no effect, counting revocations apply as judged. */
export function foldAccess(order: readonly AccessNode[], resolution?: Resolution): AccessState {
  const state = new AccessState();
  for (const node of order) {
    const id = node.entry.id;
    state.apply(node, resolution?.voided.has(id) ? 'void' : (resolution?.verdicts.get(id) ?? 'normal'));
  }
  return state;
}
