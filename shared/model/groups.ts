/**
 * Working groups, committees and partner organisations: their rosters and
 * leads, and deleting one without leaving ids behind. Membership of a group
 * lives on the member (`groupIds`); leads are roles held for the group.
 */
import type { Member } from './member';
import { displayName } from './member';
import { rotation, type Role, type TermView } from './role';
import type { SpaceData } from './space-data';

/** The group's members, by name. */
export function groupRoster<M extends Member>(members: readonly M[], groupId: string): M[] {
  return members
    .filter((m) => m.groupIds.includes(groupId))
    .sort((a, b) => displayName(a).localeCompare(displayName(b)));
}

/** The group's roles held on `onDay` (or starting later), with their rotation status. */
export function groupLeads(roles: readonly Role[], groupId: string, onDay: string): TermView[] {
  return rotation(
    roles.filter((r) => r.groupId === groupId),
    { onDay },
  ).filter((v) => v.status !== 'ended');
}

/**
 * Who leads the group on `onDay`: each holder once, by their term covering the day (or held past its end),
 * not a term of theirs that starts later (a lead re-elected holds this term and the next).
 */
export function groupLeadsNow(roles: readonly Role[], groupId: string, onDay: string): TermView[] {
  return groupLeads(roles, groupId, onDay).filter((v) => v.current && v.status !== 'upcoming');
}

export function joinGroup(space: SpaceData, memberId: string, groupId: string): void {
  const m = space.members.get(memberId);
  if (m && !m.groupIds.includes(groupId)) space.members.update(memberId, { groupIds: [...m.groupIds, groupId] });
}

export function leaveGroup(space: SpaceData, memberId: string, groupId: string): void {
  const m = space.members.get(memberId);
  if (m?.groupIds.includes(groupId))
    space.members.update(memberId, { groupIds: m.groupIds.filter((g) => g !== groupId) });
}

/**
 * Deletes a group: its members stay on the roster (without it), its meetings
 * stay (as the chapter's), its roles and notes go with it. One transaction.
 */
export function deleteGroup(space: SpaceData, groupId: string): boolean {
  if (!space.groups.has(groupId)) return false;
  space.transact(() => {
    for (const m of space.members.all()) if (m.groupIds.includes(groupId)) leaveGroup(space, m.id, groupId);
    for (const e of space.attendance.all())
      if (e.groupId === groupId) space.attendance.update(e.id, { groupId: undefined });
    for (const r of space.roles.all()) if (r.groupId === groupId) space.roles.delete(r.id);
    for (const n of space.notes.all()) if (n.groupId === groupId) space.notes.delete(n.id);
    space.groups.delete(groupId);
  });
  return true;
}

/** Deletes a partner organisation and the notes about it. */
export function deletePartner(space: SpaceData, partnerId: string): boolean {
  if (!space.partners.has(partnerId)) return false;
  space.transact(() => {
    for (const n of space.notes.all()) if (n.partnerId === partnerId) space.notes.delete(n.id);
    space.partners.delete(partnerId);
  });
  return true;
}
