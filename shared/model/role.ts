import { z } from 'zod';
import { ROLE_KINDS } from './codes';
import { day, defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** A leadership role held for a term, so that rotation is visible and due. */
export const roleRecord = defineRecord(
  'role',
  {
    role: z.enum(ROLE_KINDS),
    /** Free title for `other` or a local name ("Tenant WG co-chair"). */
    title: shortText(200).optional(),
    holderId: recordId,
    groupId: recordId.optional(),
    branch: shortText(100).optional(),
    termStart: day,
    termEnd: day.optional(),
  },
  {},
);
export type Role = RecordOf<typeof roleRecord>;
export type RoleInput = InputOf<typeof roleRecord>;
export type RolePatch = PatchOf<typeof roleRecord>;

/** Roles whose term has ended on or before `onDay`, or ends within `withinDays` of it: rotation is due. */
export function rolesDueForRotation(roles: readonly Role[], onDay: string, withinDays = 0): Role[] {
  const limit = addDays(onDay, withinDays);
  return roles.filter((r) => r.termEnd !== undefined && r.termEnd <= limit).sort((a, b) => cmp(a.termEnd!, b.termEnd!));
}

function addDays(isoDay: string, days: number): string {
  const t = Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
