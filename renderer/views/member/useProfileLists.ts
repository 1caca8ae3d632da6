/** The chapter's regions and working groups, which the profile names and offers (read again when either changes). */
import type { Group } from '../../../shared/model/group';
import type { Region } from '../../../shared/model/region';
import { useRecords } from '../../app/useRecords';

export interface ProfileLists {
  readonly regions: readonly Region[];
  readonly groups: readonly Group[];
}

export function useProfileLists(): ProfileLists {
  return useRecords((d) => ({ regions: d.regions.all(), groups: d.groups.all() }), [], ['regions', 'groups']);
}
