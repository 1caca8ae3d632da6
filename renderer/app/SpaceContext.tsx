/**
 * The open space, shared by every view: its typed data (shared/model), this device's id, and navigation.
 * Views read records through `useRecords` (./useRecords.ts), which follows only the collections they show.
 */
import { createContext, useContext } from 'react';
import type { SpaceData } from '../../shared/model/space-data';
import type { Route } from './routes';

export interface SpaceState {
  readonly data: SpaceData;
  readonly spaceId: string;
  readonly deviceId: string;
  /**
   * The space is still opening: `data` is an empty stand-in, and the roster shows its read index
   * (roster-preview.ts); nothing may be written, other views show their loading state. 'space': this
   * device's own space is being read at unlock (a moment); 'arriving': a newcomer's space is open but its
   * state is still on its way from an admin's checkpoint (minutes over a slow network), so the views
   * that do not read the document (Sharing, Spaces) stay open: the newcomer watches the arrival there.
   */
  readonly opening?: 'space' | 'arriving';
  navigate(route: Route): void;
}

export const SpaceContext = createContext<SpaceState | null>(null);

export function useSpace(): SpaceState {
  const state = useContext(SpaceContext);
  if (!state) throw new Error('useSpace outside an open space');
  return state;
}
