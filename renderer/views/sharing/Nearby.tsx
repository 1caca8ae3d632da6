/**
 * How this device meets the others: peers nearby (LAN discovery), the
 * sessions running or ended (with when each device last synced and why a
 * session ended), "Connect by address" as a fallback, and "Sync over the
 * internet" (the space's Hyperswarm topic) per space.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceId } from '../../../shared/crypto';
import { ErrorText } from '../../components/ErrorText';
import { useSyncService, useSyncState } from '../../sync/context';
import { AddressForm } from './AddressForm';
import { DialAddresses } from './DialAddresses';
import { closeReasonKey, shortDevice, sinceText } from './words';
import { Input } from '../../components/fields';

export function Nearby({ space }: { space: SpaceId }) {
  const { t, i18n } = useTranslation();
  const service = useSyncService();
  const state = useSyncState();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  if (!service || !state.networking) return null;
  const now = Date.now();
  const internet = state.internet.includes(space);

  async function run(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
  }

  const sessions = [...state.sessions].reverse();

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('sharing.nearby.title')}</h2>
      <p data-testid="listening">
        {state.listening
          ? t('sharing.nearby.listening', { port: state.listening.port })
          : t('sharing.nearby.notListening')}
      </p>
      <DialAddresses testId="dial-addresses" />
      <button
        type="button"
        onClick={() => void run(() => service.lookNearby())}
        disabled={state.searching}
        aria-busy={state.searching}
      >
        {state.searching ? t('sharing.nearby.searching') : t('sharing.nearby.look')}
      </button>
      {state.nearby.length === 0 ? (
        <p>{t('sharing.nearby.none')}</p>
      ) : (
        <ul className="plain" aria-label={t('sharing.nearby.found')}>
          {state.nearby.map((p) => (
            <li key={`${p.host}:${p.port}`}>
              {t('sharing.nearby.peer', {
                address: `${p.host}:${p.port}`,
                seen: sinceText(t, i18n.language, p.seenAt, now),
              })}{' '}
              <button
                type="button"
                aria-label={t('sharing.nearby.syncWith', { address: `${p.host}:${p.port}` })}
                onClick={() => void run(() => service.connectTo(p))}
              >
                {t('sharing.nearby.sync')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('sharing.sessions.title')}</h3>
      {sessions.length === 0 ? (
        <p>{t('sharing.sessions.none')}</p>
      ) : (
        <ul className="plain sessions" aria-label={t('sharing.sessions.title')}>
          {sessions.map((s) => (
            <li key={s.id} data-status={s.status}>
              {s.peer
                ? t('sharing.sessions.with', { device: shortDevice(s.peer) })
                : t('sharing.sessions.unknown', { address: s.address ?? '' })}
              {' — '}
              {t(`sharing.transport.${s.transport}`)}
              {' — '}
              {s.status === 'ended' && s.end
                ? t(closeReasonKey(s.end.reason))
                : t(`sharing.sessions.${s.status}`, { received: s.received, sent: s.sent })}
              {s.peer && (
                <span className="hint">
                  {' '}
                  {t('sharing.sessions.lastSynced', {
                    when: sinceText(t, i18n.language, state.lastSynced[s.peer], now),
                  })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <AddressForm
        label={t('sharing.nearby.address')}
        submitLabel={t('sharing.nearby.connect')}
        onAddress={(parsed) => void run(() => service!.connectTo(parsed))}
      />

      <div className="check">
        <Input
          id={`${id}-net`}
          type="checkbox"
          checked={internet}
          onChange={(e) => void run(() => service.setInternet(space, e.target.checked))}
          aria-describedby={`${id}-net-hint`}
        />
        <label htmlFor={`${id}-net`}>{t('sharing.nearby.internet')}</label>
      </div>
      <p id={`${id}-net-hint`} className="hint">
        {t('sharing.nearby.internetHint')}
      </p>
      <ErrorText error={error} />
    </section>
  );
}
