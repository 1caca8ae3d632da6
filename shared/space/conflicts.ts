/**
 * Concurrent revocations. Nothing signed says *when* something happened, so a
 * removed admin could always claim that its later actions (say, removing the
 * admin who removed it) were concurrent with its removal. The rule that decides:
 *
 *   a revocation (remove, or set-role to editor/viewer) of admin X by admin Y
 *   voids every access record of X that is concurrent with it (neither its
 *   ancestor nor its descendant), when Y became an admin before X did
 *   (seniority: the creator first, then by place in the order).
 *
 * So when two admins remove each other, the senior one stays; a removed junior
 * admin cannot undo its removal by back-dating. Revocations are processed
 * senior first, so a voided revocation voids nothing.
 */
import type { DeviceId } from '../crypto';
import { ancestors, descendants, type AccessNode } from './order';
import type { AccessState } from './state';

export function voidedByRevocation(
  order: readonly AccessNode[],
  nodes: ReadonlyMap<string, AccessNode>,
  preliminary: AccessState,
): Set<string> {
  const rank = preliminary.adminRank;
  const revocations = order
    .map((node, position) => ({ node, position }))
    .filter(({ node }) => {
      const r = node.record;
      const target = r.type === 'remove' || (r.type === 'set-role' && r.role !== 'admin') ? r.device : undefined;
      const by = rank.get(node.entry.header.author);
      const of = target === undefined ? undefined : rank.get(target as DeviceId);
      return by !== undefined && of !== undefined && by < of;
    })
    .sort(
      (a, b) =>
        rank.get(a.node.entry.header.author)! - rank.get(b.node.entry.header.author)! || a.position - b.position,
    );

  const voided = new Set<string>();
  for (const { node } of revocations) {
    if (voided.has(node.entry.id)) continue;
    const target = (node.record as { device: string }).device;
    const before = ancestors(nodes, node.entry.id);
    const after = descendants(order, node.entry.id);
    for (const other of order) {
      const id = other.entry.id;
      if (other.entry.header.author === target && id !== node.entry.id && !before.has(id) && !after.has(id)) {
        voided.add(id);
      }
    }
  }
  return voided;
}
