/** The dashboard's figures for the open space, recomputed when the space changes or the month changes. */
import { useMemo } from 'react';
import { Engagement } from '../../../shared/model/engagement';
import type { SpaceData } from '../../../shared/model/space-data';
import { useSpace } from '../../app/SpaceContext';

/**
 * The last figures computed per open space: opening the dashboard again while nothing changed (the
 * shell's revision is the same) shows them at once instead of counting again.
 */
const lastComputed = new WeakMap<SpaceData, { revision: number; asOfMonth: string; engagement: Engagement }>();

export function useEngagement(asOfMonth: string): Engagement {
  const { data, revision } = useSpace();
  return useMemo(() => {
    const last = lastComputed.get(data);
    if (last && last.revision === revision && last.asOfMonth === asOfMonth) return last.engagement;
    const regions = data.regions.all().sort((a, b) => a.name.localeCompare(b.name));
    const engagement = new Engagement(
      {
        members: data.members.all(),
        notes: data.notes.all(),
        events: data.attendance.all(),
        memberSkills: data.memberSkills.all(),
        regionIds: regions.map((r) => r.id),
      },
      asOfMonth,
    );
    lastComputed.set(data, { revision, asOfMonth, engagement });
    return engagement;
  }, [data, revision, asOfMonth]);
}

/** Names of the space's regions, groups and skills by id, for labels. */
export function useNames() {
  const { data, revision } = useSpace();
  return useMemo(() => {
    const regions = new Map(data.regions.all().map((r) => [r.id, r.name]));
    const groups = new Map(data.groups.all().map((g) => [g.id, g.name]));
    const skills = new Map(data.skills.all().map((s) => [s.id, s.name]));
    return {
      regions,
      groups,
      skills,
      region: (id: string) => regions.get(id),
      group: (id: string) => groups.get(id),
      skill: (id: string) => skills.get(id),
    };
  }, [data, revision]);
}
