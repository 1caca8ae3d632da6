/** The leadership screen's data: every term with its rotation status today, and the chapter's term limits. */
import { useCallback, useMemo } from 'react';
import { termLimits } from '../../../shared/model/chapter-rules';
import { rotation, type Role, type TermLimits, type TermView } from '../../../shared/model/role';
import { useSpace } from '../../app/SpaceContext';
import { today } from '../../app/today';
import { useLabels } from '../../app/useLabels';

/** Days before a term's end when its rotation shows as due. */
export const WARN_DAYS = 60;

export function useTermLimits(): TermLimits {
  const { data, revision } = useSpace();
  return useMemo(() => termLimits(data), [data, revision]);
}

export function useTerms(): readonly TermView[] {
  const { data, revision } = useSpace();
  const limits = useTermLimits();
  return useMemo(
    () => rotation(data.roles.all(), { onDay: today(), withinDays: WARN_DAYS, limits }),
    [data, revision, limits],
  );
}

/** A seat in words: "Co-chair", "Group lead · Housing Justice", "Branch coordinator · Eastside". */
export function useSeatName(): (role: Pick<Role, 'role' | 'title' | 'groupId' | 'branch'>) => string {
  const { data, revision } = useSpace();
  const label = useLabels();
  const groups = useMemo(() => new Map(data.groups.all().map((g) => [g.id, g.name])), [data, revision]);
  return useCallback(
    (r) =>
      [r.title || label('roleKind', r.role), r.groupId ? groups.get(r.groupId) : undefined, r.branch]
        .filter(Boolean)
        .join(' · '),
    [groups, label],
  );
}
