import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../app/ErrorText';
import { CenteredScreen } from '../../app/CenteredScreen';
import type { LockReason } from '../../app/lock-reason';
import { useBusyAction } from '../../app/useBusyAction';
import type { UnlockedVault, VaultGateway } from '../../vault';
import { Form, Input } from '../../components/fields';

interface Props {
  readonly gateway: VaultGateway;
  readonly reason?: LockReason;
  readonly onUnlocked: (vault: UnlockedVault) => void;
}

/** The locked screen: no member data, only a way back in (passphrase, or the recovery key). */
export function Unlock({ gateway, reason, onUnlocked }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const { busy, error, setError, run } = useBusyAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const vault = await run(() =>
      mode === 'passphrase' ? gateway.unlock(secret) : gateway.unlockWithRecoveryKey(secret),
    );
    if (vault) onUnlocked(vault);
  }

  return (
    <CenteredScreen>
      <Form className="card" onSubmit={submit} aria-busy={busy}>
        <h1>{t('unlock.title')}</h1>
        {reason === 'idle' && <p role="status">{t('unlock.lockedIdle')}</p>}
        {reason === 'manual' && <p role="status">{t('unlock.lockedManual')}</p>}
        {reason === 'system' && <p role="status">{t('unlock.lockedSystem')}</p>}
        <label htmlFor={`${id}-s`}>{t(mode === 'passphrase' ? 'unlock.passphrase' : 'unlock.recoveryKey')}</label>
        <Input
          id={`${id}-s`}
          type={mode === 'passphrase' ? 'password' : 'text'}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          aria-invalid={error !== null}
          autoFocus
        />
        <ErrorText error={error} />
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
