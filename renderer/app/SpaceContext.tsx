/**
 * The open space, shared by every view: its typed data (shared/model), this device's id, and navigation.
 * Views read records through `useRecords` (./useRecords.ts), which follows only the collections they show.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SpaceData } from '../../shared/model/space-data';
import type { Route } from './routes';

export interface SpaceState {
  readonly data: SpaceData;
  readonly spaceId: string;
  readonly deviceId: string;
  /**
   * @deprecated Grows after every change of the document; set only inside `WithRevision`. Views read
   * through `useRecords` instead; the member profile (renderer/views/member/) still names it.
   */
  readonly revision?: number;
  navigate(route: Route): void;
}

export const SpaceContext = createContext<SpaceState | null>(null);

export function useSpace(): SpaceState {
  const state = useContext(SpaceContext);
  if (!state) throw new Error('useSpace outside an open space');
  return state;
}

/**
 * The space's state with a `revision` that grows after each change, for the views below that still name it
 * (the member profile, until it reads through useRecords): they render again after every change, as all
 * views once did. Everything else keeps the shell's context, which does not change with the document.
 */
export function WithRevision({ children }: { readonly children: ReactNode }) {
  const state = useSpace();
  const revision = useRevision(state.data);
  const value = useMemo(() => ({ ...state, revision }), [state, revision]);
  return <SpaceContext.Provider value={value}>{children}</SpaceContext.Provider>;
}

/** A revision counter bumped once per animation frame at most, whatever the number of Yjs updates. */
export function useRevision(data: SpaceData | null): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    if (!data) return;
    let frame = 0;
    const onUpdate = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setRevision((r) => r + 1);
      });
    };
    data.doc.on('update', onUpdate);
    return () => {
      data.doc.off('update', onUpdate);
      cancelAnimationFrame(frame);
    };
  }, [data]);
  return revision;
}
