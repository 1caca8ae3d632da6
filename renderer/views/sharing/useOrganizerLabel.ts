/** Organizer fields in words for the open space: `organizerLabel` with the space's organizers as its access log lists them. */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceId } from '../../../shared/crypto';
import { useSpace } from '../../app/SpaceContext';
import { useSyncService } from '../../sync/context';
import { useAccess } from './useAccess';
import { organizerLabel } from './words';

export function useOrganizerLabel(): (who: string) => string {
  const { t } = useTranslation();
  const { deviceId, spaceId } = useSpace();
  const service = useSyncService();
  const { view } = useAccess(service?.vault, spaceId as SpaceId);
  const organizers = useMemo(() => view && new Set<string>(view.organizers.map((o) => o.member.card.id)), [view]);
  return useCallback(
    (who: string) => organizerLabel(t, who, { me: deviceId, ...(organizers && { organizers }) }),
    [t, deviceId, organizers],
  );
}
