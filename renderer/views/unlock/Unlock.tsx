import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAppError } from '../../../shared/errors';
import type { VaultGuard } from '../../../shared/ipc/contract';
import { ErrorText } from '../../components/ErrorText';
import { CenteredScreen } from '../../components/CenteredScreen';
import type { LockReason } from '../../app/lock-reason';
import { useBusyAction } from '../../components/useBusyAction';
import type { RestoreOutcome, UnlockedVault, VaultGateway } from '../../vault';
import { RestoredNotice } from '../recover/RestoredNotice';
import { Form, Input } from '../../components/fields';

interface Props {
  readonly gateway: VaultGateway;
  readonly reason?: LockReason;
  /** The store was just restored from a backup: what came back. */
  readonly restored?: RestoreOutcome;
  readonly onUnlocked: (vault: UnlockedVault) => void;
  /** Too many wrong attempts: the organizer's setting erased the vault. */
  readonly onErased: () => void;
  /** The store could not be read: go to the recovery screen (restore from the backup copy). */
  readonly onDamaged: () => void;
}

/** Failures that are the store's, not the organizer's: the vault cannot be read as stored. */
const DAMAGED = ['vault-corrupt', 'vault-missing', 'storage-failed'] as const;

/** The locked screen: no member data, only a way back in (passphrase, or the recovery key). */
export function Unlock({ gateway, reason, restored, onUnlocked, onErased, onDamaged }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [guard, setGuard] = useState<VaultGuard | null>(null);
  const { busy, error, setError, run } = useBusyAction();

  useEffect(() => {
    gateway.guard().then(setGuard, () => setGuard(null));
  }, [gateway]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    let erased = false;
    const vault = await run(async () => {
      try {
        return await (mode === 'passphrase' ? gateway.unlock(secret) : gateway.unlockWithRecoveryKey(secret));
      } catch (err) {
        erased = isAppError(err, 'vault-erased');
        throw err;
      } finally {
        setGuard(await gateway.guard().catch(() => null)); // no guard to show (no platform): the attempts warning is left out
      }
    });
    if (erased) onErased();
    if (vault) onUnlocked(vault);
  }

  const damaged = DAMAGED.some((code) => isAppError(error, code)) && gateway.backups !== null;
  const left = guard?.wipeAfter != null && guard.failures > 0 ? guard.wipeAfter - guard.failures : null;
  return (
    <CenteredScreen>
      <Form className="card" onSubmit={submit} aria-busy={busy}>
        <h1>{t('unlock.title')}</h1>
        {restored && <RestoredNotice restored={restored} />}
        {reason === 'idle' && <p role="status">{t('unlock.lockedIdle')}</p>}
        {reason === 'manual' && <p role="status">{t('unlock.lockedManual')}</p>}
        {reason === 'system' && <p role="status">{t('unlock.lockedSystem')}</p>}
        {reason === 'keys-changed' && <p role="status">{t('unlock.lockedKeysChanged')}</p>}
        <label htmlFor={`${id}-s`}>{t(mode === 'passphrase' ? 'unlock.passphrase' : 'unlock.recoveryKey')}</label>
        <Input
          id={`${id}-s`}
          type={mode === 'passphrase' ? 'password' : 'text'}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={left !== null ? `${id}-left` : undefined}
          autoFocus
        />
        <ErrorText error={error} />
        {damaged && (
          <button type="button" onClick={onDamaged}>
            {t('unlock.restoreDamaged')}
          </button>
        )}
        {left !== null && (
          <p id={`${id}-left`} className="error" data-testid="attempts-left">
            {t('unlock.attemptsLeft', { count: left })}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || secret.length === 0}>
          {busy ? t('unlock.unlocking') : t('unlock.unlock')}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => {
            setMode(mode === 'passphrase' ? 'recovery' : 'passphrase');
            setSecret('');
            setError(null);
          }}
        >
          {t(mode === 'passphrase' ? 'unlock.useRecovery' : 'unlock.usePassphrase')}
        </button>
      </Form>
    </CenteredScreen>
  );
}
