import { useEffect } from 'react';
import type { SealedRosterApi } from '../../shared/ipc/api';

/**
 * Calls `onLock` when main says the screen locked or the machine is going to sleep (`app:lock`).
 * `api` is the platform's (null in a plain browser tab, which has no such signal).
 */
export function useSystemLock(
  api: { readonly app: Pick<SealedRosterApi['app'], 'onLock'> } | null | undefined,
  onLock: () => void,
): void {
  useEffect(() => api?.app.onLock(() => onLock()), [api, onLock]);
}
