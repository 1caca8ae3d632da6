/**
 * Shows a given sync state in component tests. The app writes each part of the state through its
 * one owner only (renderer/sync/store.ts); a screen test that wants "two organizers connected" or
 * "a problem" without running sessions replaces the snapshot here, the one place that reaches
 * past the owners.
 */
import type { SyncService } from '../../../renderer/sync/service';
import type { SyncState } from '../../../renderer/sync/state';

interface StoreInside {
  state: SyncState;
  changed: { emit(): void };
}

export function stageSyncState(service: SyncService, change: (state: SyncState) => SyncState): void {
  const store = service.store as unknown as StoreInside;
  store.state = change(store.state);
  store.changed.emit();
}
