/**
 * What the first run suggests a new chapter starts its lists with: regions, working groups and a
 * starter skills catalogue. Each is written in the organizer's language when added, as the chapter's
 * own record (an organizer renames, re-draws or deletes it like any other); a name the chapter already
 * has is not added twice.
 */
import type { SkillCategory } from '../../../shared/model/codes';
import { createRegion } from '../../../shared/model/places';
import type { SpaceData } from '../../../shared/model/space-data';

/** i18n keys under `start.lists.<kind>.<key>`. */
export const SUGGESTED_REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;
export const SUGGESTED_GROUPS = ['housing', 'labor', 'electoral', 'mutualAid', 'communications', 'education'] as const;
export const SUGGESTED_SKILLS: readonly { readonly key: string; readonly category: SkillCategory }[] = [
  { key: 'canvassing', category: 'communications' },
  { key: 'phoneBanking', category: 'communications' },
  { key: 'socialMedia', category: 'communications' },
  { key: 'writing', category: 'communications' },
  { key: 'facilitation', category: 'facilitation' },
  { key: 'interpretation', category: 'language' },
  { key: 'graphicDesign', category: 'design' },
  { key: 'spreadsheets', category: 'tech' },
  { key: 'legalObserver', category: 'legal' },
  { key: 'firstAid', category: 'health' },
  { key: 'eventPlanning', category: 'logistics' },
  { key: 'driving', category: 'logistics' },
  { key: 'research', category: 'research' },
  { key: 'fundraising', category: 'finance' },
];

export interface ChosenLists {
  readonly regions: readonly string[];
  readonly groups: readonly string[];
  readonly skills: readonly { readonly name: string; readonly category: SkillCategory }[];
}

const known = (names: readonly string[]) => new Set(names.map((n) => n.trim().toLocaleLowerCase()));

/** Adds the chosen names the chapter does not have yet, in one transaction; returns how many were added. */
export function addSuggestedLists(data: SpaceData, chosen: ChosenLists): number {
  const regions = known(data.regions.all().map((r) => r.name));
  const groups = known(data.groups.all().map((g) => g.name));
  const skills = known(data.skills.all().map((s) => s.name));
  let added = 0;
  data.transact(() => {
    for (const name of chosen.regions)
      if (!regions.has(name.toLocaleLowerCase())) {
        createRegion(data, { name });
        added++;
      }
    for (const name of chosen.groups)
      if (!groups.has(name.toLocaleLowerCase())) {
        data.groups.create({ name, kind: 'working_group' });
        added++;
      }
    for (const skill of chosen.skills)
      if (!skills.has(skill.name.toLocaleLowerCase())) {
        data.skills.create(skill);
        added++;
      }
  });
  return added;
}
