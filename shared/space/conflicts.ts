/**
 * Revocations against what the revoked device signs (README.md in this folder, "Removal is final";
 * SECURITY.md "The access log against its own members").
 *
 * Nothing signed says *when* something happened: a removed device can sign
 * records naming only parents from before its removal, as if it had acted
 * concurrently. The rules that decide:
 *
 * - A *revocation* is a `remove`, or a `set-role` that takes admin away. It is
 *   judged on its own past: its author must have been an admin in what it had
 *   seen, where each revocation of that past that passed this same test voids
 *   what it voids (below). That past is fixed once the record is signed, so
 *   the verdict never changes later.
 * - A counting revocation of X voids every record X signed that is not its
 *   ancestor (whatever parents it claims), and every grant of X (add, promotion)
 *   concurrent with it. Only a grant that has the revocation among its
 *   ancestors (an admin who had seen it) brings X back; X's records after such
 *   a grant count again.
 * - Revocation A attacks revocation B when A voids B itself or a record of B's
 *   *lineage* (the grants that made B's author an admin). Which count is the
 *   grounded labelling of that graph: a revocation counts unless an attacker
 *   that surely counts defeats it; where attacks form cycles (two admins
 *   removing each other, neither having seen the other: nothing signed tells
 *   that from a back-dated revenge), the first cycle that no other undecided
 *   revocation attacks counts whole, and the labelling goes on from there.
 *   A revocation that counts but whose author or lineage is itself voided
 *   counts only for its target: no new key, nothing else.
 *
 * So a removed device's own records are void, and so is everything that rests
 * on them (admins it made); it cannot remove or demote anyone, except that a
 * revocation of an admin who removed it, concurrent with that removal, still
 * counts for its target ("both are removed").
 */
import type { DeviceId } from '../crypto';
import type { AccessNode } from './order';
import { AccessState } from './state';

/** How a record takes part in the fold (state.ts `apply`). */
export type Verdict = 'revocation' | 'target-only';

export interface Resolution {
  /** Records that never take effect. */
  readonly voided: ReadonlySet<string>;
  /** Revocations that count, and how. */
  readonly verdicts: ReadonlyMap<string, Verdict>;
}

/** What a record's own past says of it; fixed once the record exists, so cached by entry id. */
interface PastVerdict {
  /** A revocation (or grant) that took effect in its author's view; 'other': a role change that revokes nothing. */
  readonly kind: 'revocation' | 'grant' | 'other' | 'void';
  /** Grants that made the author an admin, up to the `create`. */
  readonly lineage: readonly string[];
}

export type PastCache = Map<string, PastVerdict>;

class Bits {
  private readonly words: Uint32Array;
  constructor(size: number) {
    this.words = new Uint32Array((size >>> 5) + 1);
  }
  add(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }
  has(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }
}

interface Candidate {
  readonly node: AccessNode;
  readonly index: number;
  readonly kind: 'revocation' | 'grant';
  /** The device revoked or granted. */
  readonly target: DeviceId;
  readonly ancestors: Bits;
  past?: PastVerdict;
  descendants?: Bits;
}

function targetOf(node: AccessNode): DeviceId | undefined {
  const r = node.record;
  if (r.type === 'remove' || r.type === 'set-role') return r.device as DeviceId;
  if (r.type === 'add') return r.device.id as DeviceId;
  return undefined;
}

function isGrant(node: AccessNode): boolean {
  const r = node.record;
  return r.type === 'add' || (r.type === 'set-role' && r.role === 'admin');
}

export function resolveConflicts(order: readonly AccessNode[], cache: PastCache): Resolution {
  const index = new Map(order.map((n, i) => [n.entry.id, i]));
  const parents = order.map((n) => n.parents.flatMap((p) => (index.has(p) ? [index.get(p)!] : [])));
  const byAuthor = new Map<DeviceId, number[]>();
  order.forEach((n, i) => {
    const list = byAuthor.get(n.entry.header.author);
    if (list) list.push(i);
    else byAuthor.set(n.entry.header.author, [i]);
  });

  // Candidates: every removal; demotions of a device that was ever named admin; grants of revoked devices.
  const everAdmin = new Set<DeviceId>();
  for (const n of order) {
    if (n.record.type === 'create') everAdmin.add(n.entry.header.author);
    else if (isGrant(n) && (n.record.type !== 'add' || n.record.role === 'admin')) everAdmin.add(targetOf(n)!);
  }
  const ancestorsOf = (i: number): Bits => {
    const bits = new Bits(order.length);
    const stack = [...parents[i]!];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (bits.has(p)) continue;
      bits.add(p);
      stack.push(...parents[p]!);
    }
    return bits;
  };
  const candidates: Candidate[] = [];
  const revoked = new Set<DeviceId>();
  for (const node of order) {
    const r = node.record;
    if (r.type === 'remove' || (r.type === 'set-role' && r.role !== 'admin' && everAdmin.has(targetOf(node)!))) {
      revoked.add(targetOf(node)!);
    }
  }
  order.forEach((node, i) => {
    const r = node.record;
    const target = targetOf(node);
    if (!target || !revoked.has(target)) return;
    const revocation = r.type === 'remove' || (r.type === 'set-role' && r.role !== 'admin');
    if (!revocation && !isGrant(node)) return;
    candidates.push({ node, index: i, kind: revocation ? 'revocation' : 'grant', target, ancestors: ancestorsOf(i) });
  });

  const descendantsOf = (c: Candidate): Bits => {
    if (c.descendants) return c.descendants;
    const bits = new Bits(order.length);
    bits.add(c.index);
    for (let i = c.index + 1; i < order.length; i++) if (parents[i]!.some((p) => bits.has(p))) bits.add(i);
    return (c.descendants = bits);
  };
  /** X's record at `i` is after a grant of X that had seen revocation `rv` (X was brought back). */
  const covered = (rv: Candidate, i: number, grants: readonly Candidate[]): boolean =>
    grants.some(
      (g) => g.target === rv.target && g.past?.kind === 'grant' && g.ancestors.has(rv.index) && descendantsOf(g).has(i),
    );

  /** Records that counting revocations void (within `inside`, when given: a past). */
  const voidsOf = (counting: readonly Candidate[], grants: readonly Candidate[], inside?: Bits): Set<number> => {
    const out = new Set<number>();
    for (const rv of counting) {
      for (const i of byAuthor.get(rv.target) ?? []) {
        if (i === rv.index || rv.ancestors.has(i) || (inside && !inside.has(i))) continue;
        if (!covered(rv, i, grants)) out.add(i);
      }
      for (const g of grants) {
        if (g.target !== rv.target || (inside && !inside.has(g.index))) continue;
        if (!rv.ancestors.has(g.index) && !g.ancestors.has(rv.index)) out.add(g.index);
      }
    }
    return out;
  };

  // Each candidate's own past, oldest first (a past holds only older candidates).
  for (const c of candidates) {
    c.past = cache.get(c.node.entry.id);
    if (c.past) continue;
    const inPast = candidates.filter((o) => o.index < c.index && c.ancestors.has(o.index));
    const counting = inPast.filter((o) => o.kind === 'revocation' && o.past!.kind === 'revocation');
    const voided = voidsOf(
      counting,
      inPast.filter((o) => o.kind === 'grant'),
      c.ancestors,
    );
    const state = new AccessState({ keys: false });
    // Void records take no effect, but their keys are known (withdrawn): later rotations may chain them.
    for (let i = 0; i < c.index; i++) if (c.ancestors.has(i)) state.apply(order[i]!, voided.has(i) ? 'void' : 'normal');
    const author = c.node.entry.header.author;
    const wasAdmin = state.members.get(c.target)?.role === 'admin';
    state.apply(c.node);
    let kind: PastVerdict['kind'] = 'void';
    if (state.effective.has(c.node.entry.id)) {
      if (c.kind === 'grant') kind = 'grant';
      else kind = c.node.record.type === 'remove' || wasAdmin ? 'revocation' : 'other';
    }
    c.past = { kind, lineage: state.lineage.get(author) ?? [] };
    cache.set(c.node.entry.id, c.past);
  }

  // Which revocations count: grounded labelling of the attack graph; undecided ones count.
  const revocations = candidates.filter((c) => c.kind === 'revocation' && c.past!.kind === 'revocation');
  const grants = candidates.filter((c) => c.kind === 'grant');
  const grantTarget = new Map(grants.map((g) => [g.index, g.target]));
  const attacks = (a: Candidate, b: Candidate): boolean => {
    const hits = (i: number): boolean => {
      if (a.ancestors.has(i) || i === a.index) return false;
      const node = order[i]!;
      if (node.entry.header.author === a.target) return !covered(a, i, grants);
      // A grant of a.target concurrent with a.
      return grantTarget.get(i) === a.target && !descendantsOf(a).has(i);
    };
    if (hits(b.index)) return true;
    return b.past!.lineage.some((id) => index.has(id) && hits(index.get(id)!));
  };
  const attackers = new Map(revocations.map((b) => [b, revocations.filter((a) => a !== b && attacks(a, b))]));
  const label = new Map<Candidate, 'in' | 'out' | 'undecided'>(revocations.map((r) => [r, 'undecided']));
  for (;;) {
    for (let changed = true; changed;) {
      changed = false;
      for (const r of revocations) {
        if (label.get(r) !== 'undecided') continue;
        const against = attackers.get(r)!;
        if (against.some((a) => label.get(a) === 'in')) label.set(r, 'out');
        else if (against.every((a) => label.get(a) === 'out')) label.set(r, 'in');
        else continue;
        changed = true;
      }
    }
    // What is left are cycles and what they attack: the first cycle no other undecided revocation attacks
    // counts whole (two admins removing each other: both are removed); then decide again from there.
    const undecided = revocations.filter((r) => label.get(r) === 'undecided');
    if (undecided.length === 0) break;
    for (const r of sourceCycle(undecided, (r) => attackers.get(r)!.filter((a) => label.get(a) === 'undecided'))) {
      label.set(r, 'in');
    }
  }
  const counting = revocations.filter((r) => label.get(r) !== 'out');
  const voidedIndexes = voidsOf(counting, grants);

  const verdicts = new Map<string, Verdict>();
  for (const r of counting) {
    const lineageVoided = r.past!.lineage.some((id) => index.has(id) && voidedIndexes.has(index.get(id)!));
    verdicts.set(r.node.entry.id, voidedIndexes.has(r.index) || lineageVoided ? 'target-only' : 'revocation');
  }
  const voided = new Set<string>();
  for (const i of voidedIndexes) if (!verdicts.has(order[i]!.entry.id)) voided.add(order[i]!.entry.id);
  for (const c of candidates) {
    const isCounting = verdicts.has(c.node.entry.id);
    // A revocation that does not count, or a grant of a revoked device by one who was no admin in its own past.
    if (!isCounting && c.past!.kind !== 'other' && (c.kind === 'revocation' || c.past!.kind === 'void')) {
      voided.add(c.node.entry.id);
    }
  }
  return { voided, verdicts };
}

/**
 * The strongly connected component (of the attack graph among `nodes`) that no
 * node outside it attacks and that holds the earliest node possible: one
 * exists, as the graph of components has no cycle. `nodes` are in log order.
 */
function sourceCycle<T>(nodes: readonly T[], attackersOf: (node: T) => readonly T[]): T[] {
  const reaches = (from: T): Set<T> => {
    // Every node from which `from` can be reached by attacks (its attackers, theirs, ...).
    const seen = new Set<T>([from]);
    const stack = [from];
    while (stack.length > 0) {
      for (const a of attackersOf(stack.pop()!)) {
        if (seen.has(a)) continue;
        seen.add(a);
        stack.push(a);
      }
    }
    return seen;
  };
  for (const node of nodes) {
    const upstream = reaches(node);
    // `node` is in a source component when everything that reaches it is reached back from it.
    const component = [...upstream].filter((u) => reaches(u).has(node));
    if (component.length === upstream.size) return component;
  }
  return [nodes[0]!];
}
