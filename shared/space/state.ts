/**
 * Folds the ordered access records into the state of a space: members, roles,
 * epoch keys and who may write with which epoch. Pure and deterministic: the
 * same ordered records give the same state on every peer.
 *
 * Rules (see README.md in this folder for the reasoning):
 * - the first record must be the space's `create`; every other record takes
 *   effect only if its author is an admin at its place in the order;
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
  /** This key and every key reachable through chains. */
  readonly closure: ReadonlySet<string>;
}

export interface MemberState {
  readonly card: CardRecord;
  role: Role;
}

interface Segment {
  readonly epochs: Set<number>;
  cutoff: number | null;
}

export class AccessState {
  readonly members = new Map<DeviceId, MemberState>();
  /** Valid epoch keys in order. */
  readonly keys = new Map<string, EpochKeyInfo>();
  /** Keys each device legitimately holds (ids). */
  readonly held = new Map<DeviceId, Set<string>>();
  /** Add-record grants, by recipient: what to open with the recipient's own identity. */
  readonly grants = new Map<DeviceId, KeyLink[]>();
  /** Ids of records that took effect. */
  readonly effective = new Set<string>();
  /** Position in the order at which each device first became an admin. */
  readonly adminRank = new Map<DeviceId, number>();
  private readonly segments = new Map<DeviceId, Segment[]>();

  maxEpoch(): number {
    let max = 0;
    for (const k of this.keys.values()) max = Math.max(max, k.epoch);
    return max;
  }

  /** Keys no other key chains: a rotation should chain all of them. */
  frontier(): EpochKeyInfo[] {
    const chained = new Set<string>();
    for (const k of this.keys.values()) for (const l of k.chain) chained.add(l.key);
    return [...this.keys.values()].filter((k) => !chained.has(k.id));
  }

  mayWrite(author: DeviceId, seq: number, epoch: number): boolean {
    return (this.segments.get(author) ?? []).some((s) => s.epochs.has(epoch) && (s.cutoff === null || seq <= s.cutoff));
  }

  apply(node: AccessNode, position: number): void {
    const r = node.record;
    const author = node.entry.header.author;
    if (r.type === 'create') {
      if (position !== 0 || r.creator.id !== author || !cardRecordVerifies(r.creator)) return;
      this.setMember(r.creator, 'admin', position, 0);
    } else {
      if (this.members.get(author)?.role !== 'admin') return;
      if (r.type === 'add') {
        if (this.members.has(r.device.id as DeviceId) || r.grants.some((g) => !this.keys.has(g.key))) return;
        if (!cardRecordVerifies(r.device)) return;
        const id = r.device.id as DeviceId;
        this.grants.set(id, [...(this.grants.get(id) ?? []), ...r.grants]);
        for (const g of r.grants) this.keys.get(g.key)!.sealedTo.set(id, g.sealed);
        this.setMember(r.device, 'viewer', position, 0);
        for (const g of r.grants) this.giveKey(id, g.key);
        this.setRole(id, r.role, position, 0);
      } else if (r.type === 'remove') {
        const id = r.device as DeviceId;
        if (!this.members.has(id) || !this.rotationFits(r.rotation)) return;
        this.setRole(id, 'viewer', position, r.cutoff);
        this.members.delete(id);
      } else if (r.type === 'set-role') {
        const id = r.device as DeviceId;
        if (!this.members.has(id)) return;
        this.setRole(id, r.role, position, r.cutoff);
      } else if (!this.rotationFits(r.rotation)) {
        return;
      }
    }
    if ('rotation' in r) this.addKey(node.entry.id, r.rotation);
    this.effective.add(node.entry.id);
  }

  /** Epochs count up: a rotation names at most one more than the highest known (concurrent ones may share it). */
  private rotationFits(rotation: RotationRecord): boolean {
    return (
      rotation.epoch >= 2 && rotation.epoch <= this.maxEpoch() + 1 && rotation.chain.every((l) => this.keys.has(l.key))
    );
  }

  private addKey(id: string, rotation: RotationRecord): void {
    const closure = new Set([id]);
    for (const l of rotation.chain) for (const k of this.keys.get(l.key)!.closure) closure.add(k);
    const sealedTo = new Map(rotation.seals.map((s) => [s.to as DeviceId, s.sealed]));
    this.keys.set(id, { id, epoch: rotation.epoch, sealedTo, chain: rotation.chain, closure });
    for (const to of sealedTo.keys()) if (this.members.has(to)) this.giveKey(to, id);
  }

  private giveKey(device: DeviceId, keyId: string): void {
    let held = this.held.get(device);
    if (!held) this.held.set(device, (held = new Set()));
    for (const k of this.keys.get(keyId)!.closure) held.add(k);
    const open = this.openSegment(device);
    if (open) for (const k of held) open.epochs.add(this.keys.get(k)!.epoch);
  }

  private setMember(card: CardRecord, role: Role, position: number, cutoff: number): void {
    this.members.set(card.id as DeviceId, { card, role: 'viewer' });
    this.setRole(card.id as DeviceId, role, position, cutoff);
  }

  private setRole(device: DeviceId, role: Role, position: number, cutoff: number): void {
    const member = this.members.get(device)!;
    const wasWriter = isWriter(member.role);
    member.role = role;
    if (role === 'admin' && !this.adminRank.has(device)) this.adminRank.set(device, position);
    if (wasWriter && !isWriter(role)) {
      this.openSegment(device)!.cutoff = cutoff;
    } else if (!wasWriter && isWriter(role)) {
      const epochs = new Set([...(this.held.get(device) ?? [])].map((k) => this.keys.get(k)!.epoch));
      this.segments.set(device, [...(this.segments.get(device) ?? []), { epochs, cutoff: null }]);
    }
  }

  private openSegment(device: DeviceId): Segment | undefined {
    const last = this.segments.get(device)?.at(-1);
    return last && last.cutoff === null ? last : undefined;
  }
}

/**
 * Folds the order, after voiding the actions of admins that a more senior admin
 * revoked concurrently (see `voidedByRevocation`).
 */
export function foldAccess(order: readonly AccessNode[], voided: ReadonlySet<string> = new Set()): AccessState {
  const state = new AccessState();
  order.forEach((node, position) => {
    if (!voided.has(node.entry.id)) state.apply(node, position);
  });
  return state;
}
