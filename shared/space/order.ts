/**
 * The access log is a DAG: each record names the access entries its author had
 * seen (its parents), plus, implicitly, the author's previous entry. Every peer
 * holding the same set of entries must compute the same order, whatever the
 * arrival order: a topological sort that, among entries whose parents are all
 * placed, always takes the smallest entry id next.
 */
import type { Entry } from '../log/entry';
import type { AccessRecord } from './records';

export interface AccessNode {
  readonly entry: Entry;
  readonly record: AccessRecord;
  /** Explicit parents and the author's previous entry (when seq > 1). */
  readonly parents: readonly string[];
}

export function totalOrder(nodes: ReadonlyMap<string, AccessNode>): AccessNode[] {
  const waitingOn = new Map<string, number>();
  const children = new Map<string, string[]>();
  const ready = new MinHeap();
  for (const [id, node] of nodes) {
    const parents = new Set(node.parents.filter((p) => nodes.has(p)));
    waitingOn.set(id, parents.size);
    for (const p of parents) {
      const list = children.get(p);
      if (list) list.push(id);
      else children.set(p, [id]);
    }
    if (parents.size === 0) ready.push(id);
  }
  const out: AccessNode[] = [];
  while (ready.size > 0) {
    const id = ready.pop();
    out.push(nodes.get(id)!);
    for (const child of children.get(id) ?? []) {
      const left = waitingOn.get(child)! - 1;
      waitingOn.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return out;
}

/** The smallest id first. */
class MinHeap {
  private readonly items: string[] = [];
  get size(): number {
    return this.items.length;
  }
  push(id: string): void {
    const a = this.items;
    a.push(id);
    for (let i = a.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (a[up]! <= a[i]!) break;
      [a[up], a[i]] = [a[i]!, a[up]!];
      i = up;
    }
  }
  pop(): string {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** Ids reachable from `id` by following parents (not including `id`). */
export function ancestors(nodes: ReadonlyMap<string, AccessNode>, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(nodes.get(id)?.parents ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next) || !nodes.has(next)) continue;
    seen.add(next);
    stack.push(...nodes.get(next)!.parents);
  }
  return seen;
}

/** Ids that have `id` among their ancestors. */
export function descendants(order: readonly AccessNode[], id: string): Set<string> {
  const found = new Set<string>([id]);
  for (const node of order) {
    if (node.parents.some((p) => found.has(p))) found.add(node.entry.id);
  }
  found.delete(id);
  return found;
}

/** The entries no other entry names as parent: what a new record names as its parents. */
export function dagHeads(nodes: ReadonlyMap<string, AccessNode>): string[] {
  const named = new Set<string>();
  for (const node of nodes.values()) for (const p of node.parents) named.add(p);
  return [...nodes.keys()].filter((id) => !named.has(id)).sort();
}
