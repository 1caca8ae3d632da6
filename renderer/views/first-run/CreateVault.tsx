import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../app/ErrorText';
import { CenteredScreen } from '../../app/CenteredScreen';
import { useBusyAction } from '../../app/useBusyAction';
import type { UnlockedVault, VaultGateway } from '../../vault';
import { MIN_STRENGTH, passphraseStrength } from './strength';
import { Form, Input } from '../../components/fields';

interface Props {
  readonly gateway: VaultGateway;
  readonly onCreated: (vault: UnlockedVault, recoveryKey: string) => void;
}

/** First run: choose a passphrase (with a strength meter and a confirmation). */
export function CreateVault({ gateway, onCreated }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<'weak' | 'mismatch' | null>(null);
  const { busy, error, setError, run } = useBusyAction();
  const strength = passphraseStrength(passphrase);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (strength < MIN_STRENGTH) return setProblem('weak');
    if (passphrase !== confirmation) return setProblem('mismatch');
    setProblem(null);
    const created = await run(() => gateway.create(passphrase));
    if (created) onCreated(created.vault, created.recoveryKey);
  }

  return (
    <CenteredScreen>
      <Form className="card" onSubmit={submit} aria-busy={busy} noValidate>
        <h1>{t('firstRun.title')}</h1>
        <p>{t('firstRun.intro')}</p>
        <label htmlFor={`${id}-p`}>{t('firstRun.passphrase')}</label>
        <Input
          id={`${id}-p`}
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-describedby={`${id}-hint ${id}-strength`}
          aria-invalid={problem === 'weak'}
          autoFocus
        />
        <p id={`${id}-hint`} className="hint">
          {t('firstRun.hint')}
        </p>
        <div className="strength" id={`${id}-strength`}>
          <meter min={0} max={4} low={2} high={3} optimum={4} value={strength} aria-label={t('firstRun.strength')} />
          <span aria-live="polite">
            {t('firstRun.strength')}: {t(`firstRun.strengthLevel.${strength}`)}
          </span>
        </div>
        <label htmlFor={`${id}-c`}>{t('firstRun.confirm')}</label>
        <Input
          id={`${id}-c`}
          type="password"
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
          aria-invalid={problem === 'mismatch'}
        />
        {problem && (
          <p role="alert" className="error">
            {t(`firstRun.${problem}`)}
          </p>
        )}
        <ErrorText error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('firstRun.creating') : t('firstRun.create')}
        </button>
      </Form>
    </CenteredScreen>
  );
}
