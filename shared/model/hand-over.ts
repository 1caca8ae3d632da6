/**
 * Rotation, written down: the next term of a seat (shared/model/role.ts),
 * held by someone new or by the same person again. The term before ends the
 * day before the next one starts (if it was set to run longer), so the seat's
 * history reads as one line; the next term's end follows the chapter's term
 * length for the kind, when it has one.
 */
import { AppError } from '../errors';
import { termLimits } from './chapter-rules';
import { day } from './fields';
import { addDays, termEndAfter } from './role';
import type { SpaceData } from './space-data';

export function handOver(
  space: SpaceData,
  roleId: string,
  next: { readonly holderId: string; readonly termStart: string },
): string {
  const current = space.roles.get(roleId);
  if (!current) throw new AppError('record-missing', 'role: no such term');
  if (!space.members.has(next.holderId)) throw new AppError('record-missing', 'role: no such member');
  if (!day.safeParse(next.termStart).success) throw new AppError('invalid-data', 'role: termStart is not a day');
  if (next.termStart <= current.termStart)
    throw new AppError('invalid-data', 'role: the next term starts after this one');
  const months = termLimits(space)[current.role]?.termMonths;
  return space.transact(() => {
    const endBefore = addDays(next.termStart, -1);
    if (current.termEnd === undefined || current.termEnd > endBefore)
      space.roles.update(roleId, { termEnd: endBefore });
    return space.roles.create({
      role: current.role,
      ...(current.title !== undefined && { title: current.title }),
      ...(current.groupId !== undefined && { groupId: current.groupId }),
      ...(current.branch !== undefined && { branch: current.branch }),
      holderId: next.holderId,
      termStart: next.termStart,
      ...(months !== undefined && { termEnd: termEndAfter(next.termStart, months) }),
    });
  });
}
