/**
 * The sync service for the unlocked vault, shared by the sharing screens:
 * started when the shell mounts (after unlock), closed when it unmounts
 * (lock). Under a plain browser tab (no platform) it still runs: invites by
 * file and bundles need no network, and the screens say networking is off.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { SpaceId } from '../../shared/crypto';
import type { Vault } from '../../shared/vault';
import { getPlatform, onConnection } from '../platform';
import { SyncService } from './service';
import { INITIAL_STATE, type SyncState } from './state';

const SyncContext = createContext<SyncService | null>(null);

interface Props {
  /** The engine vault; undefined for a stand-in vault (no sync then). */
  readonly vault: Vault | undefined;
  readonly children: ReactNode;
}

export function SyncProvider({ vault, children }: Props) {
  const [service, setService] = useState<SyncService | null>(null);
  useEffect(() => {
    if (!vault) return;
    let started: SyncService | undefined;
    let cancelled = false;
    void SyncService.start({
      vault,
      api: getPlatform()?.api ?? null,
      onConnection: (listener) => onConnection(listener),
    }).then(
      (s) => {
        if (cancelled) return s.close();
        started = s;
        setService(s);
      },
      () => undefined, // the vault locked while starting
    );
    return () => {
      cancelled = true;
      started?.close();
      setService(null);
    };
  }, [vault]);
  return <ProvideSync service={service}>{children}</ProvideSync>;
}

/** Provides a running service (SyncProvider's inside; component tests give their own). */
export function ProvideSync({ service, children }: { service: SyncService | null; children: ReactNode }) {
  return <SyncContext.Provider value={service}>{children}</SyncContext.Provider>;
}

/** The running service, or null while it starts (or without an engine vault). */
export function useSyncService(): SyncService | null {
  return useContext(SyncContext);
}

const noop = () => () => undefined;

/** The sync state, re-rendered on every change. */
export function useSyncState(): SyncState {
  const service = useSyncService();
  return useSyncExternalStore(service?.store.subscribe ?? noop, service?.store.get ?? (() => INITIAL_STATE));
}

/** Calls `listener` each time a space was joined (invite or bundle): the shell then refreshes its space list. */
export function useOnSpaceJoined(listener: (space: SpaceId) => void): void {
  const service = useSyncService();
  useEffect(() => service?.onSpaceJoined(listener), [service, listener]);
}
