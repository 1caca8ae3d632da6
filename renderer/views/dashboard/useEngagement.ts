/** The dashboard's figures for the open space, recomputed when what they count changes or the month changes. */
import { Engagement } from '../../../shared/model/engagement';
import type { SpaceData } from '../../../shared/model/space-data';
import { changesOf, type Source } from '../../app/space-changes';
import { useRecords } from '../../app/useRecords';

const COUNTED: readonly Source[] = ['members', 'notes', 'attendance', 'memberSkills', 'regions'];

/**
 * The last figures computed per open space: opening the dashboard again while nothing they count changed
 * shows them at once instead of counting again.
 */
const lastComputed = new WeakMap<SpaceData, { stamp: number; asOfMonth: string; engagement: Engagement }>();

export function useEngagement(asOfMonth: string): Engagement {
  return useRecords(
    (data) => {
      const stamp = changesOf(data).stamp(COUNTED);
      const last = lastComputed.get(data);
      if (last && last.stamp === stamp && last.asOfMonth === asOfMonth) return last.engagement;
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
      lastComputed.set(data, { stamp, asOfMonth, engagement });
      return engagement;
    },
    [asOfMonth],
    COUNTED,
  );
}

/** Names of the space's regions, groups and skills by id, for labels. */
export function useNames() {
  return useRecords(
    (data) => {
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
    },
    [],
    ['regions', 'groups', 'skills'],
  );
}
