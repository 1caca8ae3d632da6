/** The chapter's regions and working groups, which the profile names and offers (read once per change). */
import { useMemo } from 'react';
import type { Group } from '../../../shared/model/group';
import type { Region } from '../../../shared/model/region';
import { useSpace } from '../../app/SpaceContext';

export interface ProfileLists {
  readonly regions: readonly Region[];
  readonly groups: readonly Group[];
}

export function useProfileLists(): ProfileLists {
  const { data, revision } = useSpace();
  return useMemo(() => ({ regions: data.regions.all(), groups: data.groups.all() }), [data, revision]);
}
