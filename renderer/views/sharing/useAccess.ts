/** A space's organizers (from its access log) for the screens, re-read whenever the space changes. */
import { useEffect, useState } from 'react';
import { safetyNumber, type DeviceId, type SpaceId } from '../../../shared/crypto';
import type { Role, SpaceMember } from '../../../shared/space';
import type { Vault } from '../../../shared/vault';

export interface Organizer {
  readonly member: SpaceMember;
  readonly me: boolean;
  /** What this device and that one show when they meet. */
  readonly safetyNumber: string;
}

export interface AccessView {
  readonly organizers: readonly Organizer[];
  readonly myRole: Role | undefined;
  readonly epoch: number;
}

export function useAccess(vault: Vault | undefined, space: SpaceId): { view: AccessView | null; error: unknown } {
  const [view, setView] = useState<AccessView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!vault) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    vault.openSpace(space).then((handle) => {
      if (cancelled) return;
      const read = (): void => {
        const me = vault.device;
        const organizers = handle.access.members().map((member) => ({
          member,
          me: member.card.id === me.id,
          safetyNumber: safetyNumber(me, member.card),
        }));
        setView({
          organizers,
          myRole: handle.access.roleOf(me.id as DeviceId),
          epoch: handle.access.currentEpoch(),
        });
      };
      read();
      stop = handle.onChange(read);
    }, setError);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [vault, space]);
  return { view, error };
}
