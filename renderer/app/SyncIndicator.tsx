/**
 * The top bar's sync status: connected organizers, the latest sync, and a
 * plain-words problem when there is one. One click opens Sharing; hover or
 * focus shows the last sync with each organizer. Reads the sync service's
 * own state (renderer/sync/context useSyncState) and keeps none of its own.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceId } from '../../shared/crypto';
import type { SyncState } from '../sync/state';
import { useSyncState } from '../sync/context';
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

export function SyncIndicator({ onOpen }: { onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const state = useSyncState();
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
        {/* What this laptop holds that the others may not have yet, as far as the sync service knows: it counts no
            acknowledgements, so this says when changes travel rather than a number. */}
        <p data-testid="sync-unsent">
          {peers > 0
            ? t('syncStatus.unsentLive')
            : synced.length > 0
              ? t('syncStatus.unsentSince', { when: sinceText(t, i18n.language, synced[0]![1], now) })
              : t('syncStatus.unsentNever')}
        </p>
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
