/**
 * The top bar's sync status: connected organizers, the latest sync, and a
 * plain-words problem when there is one. One click opens Sharing; hover or
 * focus shows the changes made here that have not reached the others (per
 * organizer) and the last sync with each. Reads the sync service's own state
 * (renderer/sync/context useSyncState) and keeps none of its own.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceId } from '../../shared/crypto';
import type { SyncState, UnsentChanges } from '../sync/state';
import { useSyncService, useSyncState } from '../sync/context';
import { shortDevice, sinceText } from '../views/sharing/words';
import { syncFailureKey } from './problems';

export type SyncTone = 'off' | 'problem' | 'connected' | 'idle';

/** The indicator's state in one word, from the service's snapshot. */
export function syncTone(state: SyncState): SyncTone {
  if (state.problem) return 'problem';
  if (!state.networking) return 'off';
  return connectedPeers(state) > 0 ? 'connected' : 'idle';
}

/** Organizers' devices with a session exchanging data now (a device on two transports counts once). */
export function connectedPeers(state: SyncState): number {
  return new Set(state.sessions.filter((s) => s.status === 'syncing' && s.peer).map((s) => s.peer)).size;
}

/**
 * This device's changes not yet at every organizer: per space, the most any one of its organizers
 * lacks (the same change counts once, whoever lacks it), summed over spaces.
 */
export function unsentTotal(unsent: readonly UnsentChanges[]): number {
  const most = new Map<string, number>();
  for (const { space, count } of unsent) most.set(space, Math.max(most.get(space) ?? 0, count));
  return [...most.values()].reduce((a, b) => a + b, 0);
}

/** Per organizer's device, over all spaces: how many changes it lacks, and whether it never synced with this one. */
export function unsentByDevice(
  unsent: readonly UnsentChanges[],
): { device: DeviceId; count: number; firstSync: boolean }[] {
  const byDevice = new Map<DeviceId, { device: DeviceId; count: number; firstSync: boolean }>();
  for (const { device, count, synced } of unsent) {
    if (count === 0) continue;
    const line = byDevice.get(device) ?? { device, count: 0, firstSync: true };
    byDevice.set(device, { device, count: line.count + count, firstSync: line.firstSync && !synced });
  }
  return [...byDevice.values()].sort((a, b) => b.count - a.count || (a.device < b.device ? -1 : 1));
}

function Unsent({ unsent, counted }: { unsent: readonly UnsentChanges[]; counted: boolean }) {
  const { t } = useTranslation();
  const total = unsentTotal(unsent);
  const devices = unsentByDevice(unsent);
  return (
    <div data-testid="sync-unsent">
      <p>
        {!counted
          ? t('syncStatus.counting')
          : unsent.length === 0
            ? t('syncStatus.alone')
            : total === 0
              ? t('syncStatus.allSent')
              : t('syncStatus.unsent', { count: total })}
      </p>
      {devices.length > 0 && (
        <ul>
          {devices.map(({ device, count, firstSync }) => (
            <li key={device}>
              {t(firstSync ? 'syncStatus.unsentFirst' : 'syncStatus.unsentTo', {
                device: t('sharing.organizers.device', { id: shortDevice(device) }),
                count,
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SyncIndicator({ onOpen }: { onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const state = useSyncState();
  const service = useSyncService();
  // The count opens every space: done the first time the details are shown, not at unlock. Shown
  // before the sync service is there (just after unlock), it counts once the service comes.
  // `shownWith`: the service the details were shown with (null: none yet), so a later unlock's does not count unasked.
  const [shownWith, setShownWith] = useState<object | null | undefined>(undefined);
  const show = () => setShownWith(service ?? null);
  useEffect(() => {
    if (service && (shownWith === null || shownWith === service)) service.countUnsent();
  }, [shownWith, service]);
  const id = useId();
  const tone = syncTone(state);
  // Escape hides the details shown on hover or focus, until the pointer or focus leaves (WCAG 1.4.13).
  const [dismissed, setDismissed] = useState(false);
  const peers = connectedPeers(state);
  const now = Date.now();
  const synced = Object.entries(state.lastSynced).sort(([, a], [, b]) => b - a);
  const status =
    tone === 'problem'
      ? t('syncStatus.problem')
      : tone === 'off'
        ? t('syncStatus.offline')
        : tone === 'connected'
          ? t('syncStatus.peers', { count: peers })
          : t('syncStatus.nobody');
  const problemKey = state.problem ? syncFailureKey(state.problem) : '';
  return (
    <div
      className="sync-indicator"
      data-tone={tone}
      data-dismissed={dismissed || undefined}
      onKeyDown={(e) => e.key === 'Escape' && setDismissed(true)}
      onBlur={() => setDismissed(false)}
      onMouseLeave={() => setDismissed(false)}
      onMouseEnter={show}
      onFocus={show}
    >
      <button
        type="button"
        className="sync-status"
        aria-describedby={`${id}-details`}
        onClick={onOpen}
        data-testid="sync-status"
        data-peers={peers}
      >
        <span className="sync-dot" aria-hidden="true" />
        <span className="visually-hidden">{t('syncStatus.label')}: </span>
        {status}
      </button>
      <div id={`${id}-details`} role="tooltip" className="sync-details">
        {state.problem ? <p>{i18n.exists(problemKey) ? t(problemKey) : t('errors.unexpected')}</p> : null}
        {!state.networking && <p>{t('syncStatus.networkingOff')}</p>}
        <Unsent unsent={state.unsent} counted={state.unsentCounted} />
        <p>{t('syncStatus.details')}:</p>
        {synced.length === 0 ? (
          <p>{t('syncStatus.never')}</p>
        ) : (
          <ul>
            {synced.map(([device, at]) => (
              <li key={device}>
                {t('sharing.organizers.device', { id: shortDevice(device as DeviceId) })}:{' '}
                {sinceText(t, i18n.language, at, now)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
