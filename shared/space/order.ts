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
  const ready: string[] = [];
  for (const [id, node] of nodes) {
    const parents = new Set(node.parents.filter((p) => nodes.has(p)));
    waitingOn.set(id, parents.size);
    for (const p of parents) children.set(p, [...(children.get(p) ?? []), id]);
    if (parents.size === 0) ready.push(id);
  }
  ready.sort();
  const out: AccessNode[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    out.push(nodes.get(id)!);
    for (const child of children.get(id) ?? []) {
      const left = waitingOn.get(child)! - 1;
      waitingOn.set(child, left);
      if (left === 0) insertSorted(ready, child);
    }
  }
  return out;
}

function insertSorted(list: string[], id: string): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, id);
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
