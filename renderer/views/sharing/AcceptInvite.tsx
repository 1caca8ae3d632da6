/**
 * Invitee: type the code, then reach the admin's device (found nearby by the
 * invite's tag, or by its address). Both screens then show the same safety
 * number; once the admin confirmed, the space arrives.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceId } from '../../../shared/crypto';
import { SyncClosedError } from '../../../shared/sync/close';
import { normalizeInviteCode } from '../../../shared/sync/invite';
import { ErrorText } from '../../app/ErrorText';
import { useSyncService, useSyncState } from '../../sync/context';
import type { Address } from '../../sync/network';
import type { NearbyPeer } from '../../sync/state';
import { AddressForm } from './AddressForm';
import { closeReasonKey } from './words';

export function AcceptInvite({ onOpenSpace }: { onOpenSpace?: (space: SpaceId) => void }) {
  const { t } = useTranslation();
  const service = useSyncService();
  const { acceptance, networking } = useSyncState();
  const id = useId();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<NearbyPeer[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!service || !networking) return null;

  function checkedCode(): string | null {
    try {
      normalizeInviteCode(code);
      return code;
    } catch (e) {
      setError(e);
      return null;
    }
  }

  async function connect(target: Address) {
    setError(null);
    const typed = checkedCode();
    if (!typed) return;
    try {
      await service!.acceptInvite(typed, target);
    } catch (e) {
      setError(e);
    }
  }

  async function findAdmin() {
    setError(null);
    setFound(null);
    const typed = checkedCode();
    if (!typed) return;
    setSearching(true);
    try {
      setFound(await service!.findInviter(typed));
    } catch (e) {
      setError(e);
    }
    setSearching(false);
  }

  const busy = acceptance?.status === 'connecting' || acceptance?.status === 'waiting';

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('sharing.join.title')}</h2>
      <p>{t('sharing.join.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('sharing.join.code')}</label>
        <input
          id={`${id}-code`}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-code-hint`}
        />
        <p id={`${id}-code-hint`} className="hint">
          {t('sharing.join.codeHint')}
        </p>
      </div>
      <button type="button" onClick={() => void findAdmin()} disabled={busy || searching} aria-busy={searching}>
        {searching ? t('sharing.join.searching') : t('sharing.join.findNearby')}
      </button>
      {found && (
        <div role="status">
          {found.length === 0 ? (
            <p>{t('sharing.join.noneFound')}</p>
          ) : (
            <ul className="plain">
              {found.map((p) => (
                <li key={`${p.host}:${p.port}`}>
                  {t('sharing.join.foundAt', { address: `${p.host}:${p.port}` })}{' '}
                  <button type="button" disabled={busy} onClick={() => void connect(p)}>
                    {t('sharing.join.connect')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <AddressForm
        label={t('sharing.join.address')}
        submitLabel={t('sharing.join.connectAddress')}
        disabled={busy}
        onAddress={(parsed) => void connect(parsed)}
      />
      <ErrorText error={error} />
      {acceptance && (
        <div className="acceptance" role="status" aria-live="polite">
          {acceptance.status === 'connecting' && <p>{t('sharing.join.connecting')}</p>}
          {acceptance.status === 'waiting' && (
            <>
              <p>{t('sharing.join.compare')}</p>
              <p>
                <code className="recovery-key" data-testid="invitee-safety-number">
                  {acceptance.safetyNumber}
                </code>
              </p>
              <p className="hint">{t('sharing.join.waiting')}</p>
            </>
          )}
          {acceptance.status === 'joined' && acceptance.space && (
            <p>
              {t('sharing.join.joined')}{' '}
              {onOpenSpace && (
                <button type="button" onClick={() => onOpenSpace(acceptance.space!)}>
                  {t('sharing.join.open')}
                </button>
              )}
            </p>
          )}
          {acceptance.status === 'failed' &&
            (acceptance.error instanceof SyncClosedError ? (
              <p className="error">{t(closeReasonKey(acceptance.error.reason))}</p>
            ) : (
              <ErrorText error={acceptance.error} />
            ))}
        </div>
      )}
    </section>
  );
}
