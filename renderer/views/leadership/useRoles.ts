/** The leadership screen's data: every term with its rotation status today, and the chapter's term limits. */
import { useCallback } from 'react';
import { termLimits } from '../../../shared/model/chapter-rules';
import { rotation, type Role, type TermLimits, type TermView } from '../../../shared/model/role';

import { useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { useLabels } from '../../app/useLabels';

/** Days before a term's end when its rotation shows as due. */
export const WARN_DAYS = 60;

export function useTermLimits(): TermLimits {
  return useRecords(termLimits, [], 'meta');
}

export function useTerms(): readonly TermView[] {
  const limits = useTermLimits();
  return useRecords(
    (data) => rotation(data.roles.all(), { onDay: today(), withinDays: WARN_DAYS, limits }),
    [limits],
    'roles',
  );
}

/** A seat in words: "Co-chair", "Group lead · Housing Justice", "Branch coordinator · Eastside". */
export function useSeatName(): (role: Pick<Role, 'role' | 'title' | 'groupId' | 'branch'>) => string {
  const label = useLabels();
  const groups = useRecords((data) => new Map(data.groups.all().map((g) => [g.id, g.name])), [], 'groups');
  return useCallback(
    (r) =>
      [r.title || label('roleKind', r.role), r.groupId ? groups.get(r.groupId) : undefined, r.branch]
        .filter(Boolean)
        .join(' · '),
    [groups, label],
  );
}
