/**
 * Invitee: type the code, then reach the admin's device (found nearby by the
 * invite's tag, or by its address). Once that device has proven the code
 * back, this screen shows the space, the role and the safety number; the
 * person compares the number aloud with the admin and says yes or no. Only
 * after both people said yes does the space arrive (SECURITY.md "Device cards
 * and invites"). Lives on the Spaces page, beside "create a space": where a
 * newcomer looks, apart from the admin's tasks.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SafetyNumber } from './SafetyNumber';
import type { SpaceId } from '../../../shared/crypto';
import { SyncClosedError } from '../../../shared/sync/close';
import { normalizeInviteCode } from '../../../shared/sync/invite';
import { ErrorText } from '../../components/ErrorText';
import { useSyncService, useSyncState } from '../../sync/context';
import type { Address } from '../../sync/network';
import type { NearbyPeer } from '../../sync/state';
import { AddressForm } from './AddressForm';
import { closeReasonKey } from './words';
import { Input } from '../../components/fields';
import { spaceLabel } from '../../components/space-names';

export function AcceptInvite({ onOpenSpace }: { onOpenSpace?: (space: SpaceId) => void }) {
  const { t } = useTranslation();
  const service = useSyncService();
  const { acceptance, networking } = useSyncState();
  const id = useId();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<NearbyPeer[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const offerHeading = useRef<HTMLHeadingElement>(null);
  // The button that connected is disabled now: take the keyboard to the question instead of losing it.
  useEffect(() => {
    if (acceptance?.status === 'confirm') offerHeading.current?.focus();
  }, [acceptance?.status]);
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

  const busy =
    acceptance?.status === 'connecting' || acceptance?.status === 'confirm' || acceptance?.status === 'waiting';
  const offer = acceptance?.offer;

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('sharing.join.title')}</h2>
      <p>{t('sharing.join.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('sharing.join.code')}</label>
        <Input
          id={`${id}-code`}
          value={code}
          onChange={(e) => setCode(e.target.value)}
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
          {acceptance.status === 'confirm' && offer && (
            <div className="invite-offer">
              <h3 id={`${id}-offer`} ref={offerHeading} tabIndex={-1}>
                {t('sharing.join.offerTitle')}
              </h3>
              <p>
                {t('sharing.join.offer', {
                  space: spaceLabel(offer.spaceName, t),
                  role: t(`sharing.role.${offer.role}`),
                })}
              </p>
              <p>{t('sharing.join.compare')}</p>
              <SafetyNumber
                number={offer.safetyNumber}
                testId="invitee-safety-number"
                hint={t('sharing.join.compareHint')}
              />
              <div className="actions" role="group" aria-labelledby={`${id}-offer`}>
                <button type="button" onClick={() => service.answerSpace(false)}>
                  {t('sharing.join.decline')}
                </button>
                <button type="button" onClick={() => service.answerSpace(true)}>
                  {t('sharing.join.accept', { space: spaceLabel(offer.spaceName, t) })}
                </button>
              </div>
            </div>
          )}
          {acceptance.status === 'waiting' && (
            <>
              <p>{t('sharing.join.compare')}</p>
              <SafetyNumber
                number={acceptance.safetyNumber}
                testId="invitee-safety-number"
                hint={t('sharing.join.waiting')}
              />
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
