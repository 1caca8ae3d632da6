import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { CenteredScreen } from '../../components/CenteredScreen';
import { useBusyAction } from '../../components/useBusyAction';
import { NewPassphrase, passphraseProblems } from '../../components/NewPassphrase';
import { Form } from '../../components/fields';
import type { UnlockedVault, VaultGateway } from '../../vault';

interface Props {
  readonly gateway: VaultGateway;
  /** The vault on this computer was just erased (the panic action, or too many wrong attempts). */
  readonly erased?: boolean;
  readonly onCreated: (vault: UnlockedVault, recoveryKey: string) => void;
}

/** First run: choose a passphrase (with a strength meter and a confirmation). */
export function CreateVault({ gateway, erased, onCreated }: Props) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, setError, run } = useBusyAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSubmitted(true);
    if (passphraseProblems(passphrase, confirmation).length > 0) return;
    const created = await run(() => gateway.create(passphrase));
    if (created) onCreated(created.vault, created.recoveryKey);
  }

  return (
    <CenteredScreen>
      <Form className="card" onSubmit={submit} aria-busy={busy} noValidate>
        <h1>{t('firstRun.title')}</h1>
        {erased && <p role="status">{t('erase.done')}</p>}
        <p>{t('firstRun.intro')}</p>
        <NewPassphrase
          label={t('firstRun.passphrase')}
          passphrase={passphrase}
          confirmation={confirmation}
          onPassphrase={setPassphrase}
          onConfirmation={setConfirmation}
          submitted={submitted}
          autoFocus
        />
        <ErrorText error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('firstRun.creating') : t('firstRun.create')}
        </button>
      </Form>
    </CenteredScreen>
  );
}
