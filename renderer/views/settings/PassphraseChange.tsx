/**
 * Settings → Passphrase: the current passphrase, the new one twice (strength meter), and what
 * else to replace: nothing, the recovery key, or the master key and the recovery key. A new
 * recovery key is shown (and confirmed stored) BEFORE anything is written, so that a crash never
 * leaves a recovery key nobody saw; the change itself is one transaction (shared/vault/rotation.ts).
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newRecoveryKey } from '../../../shared/vault/recovery-key';
import { ErrorText } from '../../components/ErrorText';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useBusyAction } from '../../components/useBusyAction';
import { NewPassphrase, passphraseProblems } from '../../components/NewPassphrase';
import type { PreparedPassphraseChange, UnlockedVault } from '../../vault';
import { RecoveryKeyCard } from '../first-run/RecoveryKey';
import { Form, Input } from '../../components/fields';

type Replace = 'passphrase' | 'recovery' | 'master';
const CHOICES: readonly Replace[] = ['passphrase', 'recovery', 'master'];

interface Props {
  readonly vault: UnlockedVault;
  /**
   * A new master key closes every space while it is written: the app covers the screen, writes
   * it (`apply`), then locks, and the organizer unlocks with the new passphrase.
   */
  readonly onMasterKeyChange: (apply: () => Promise<void>) => void;
}

export function PassphraseChange({ vault, onMasterKeyChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [replace, setReplace] = useState<Replace>('passphrase');
  const [submitted, setSubmitted] = useState(false);
  const currentMissing = submitted && current.length === 0;
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [prepared, setPrepared] = useState<PreparedPassphraseChange | null>(null);
  const done = useStatusLine();
  const { busy, error, setError, run } = useBusyAction();

  function finished() {
    setSubmitted(false);
    setCurrent('');
    setNext('');
    setConfirmation('');
    setPrepared(null);
    setRecoveryKey(null);
  }

  async function apply(change: PreparedPassphraseChange, key: string | null) {
    if (replace === 'master' && key) {
      finished();
      return onMasterKeyChange(() => change.apply({ recoveryKey: key, newMasterKey: true }));
    }
    const changed = await run(async () => {
      await change.apply(key ? { recoveryKey: key } : {});
      return true;
    });
    // A key that was not written is never shown again: the next try makes a new one.
    setRecoveryKey(null);
    if (!changed) return;
    finished();
    done.say(replace === 'recovery' ? 'passphrase.doneWithKey' : 'passphrase.done');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    done.clear();
    setSubmitted(true);
    if (current.length === 0 || passphraseProblems(next, confirmation).length > 0) return;
    // Argon2id for both passphrases, and the current one checked, before anything is shown or written.
    const change = await run(() => vault.preparePassphraseChange(current, next));
    if (!change) return;
    if (replace === 'passphrase') return apply(change, null);
    setPrepared(change);
    setRecoveryKey(newRecoveryKey());
  }

  if (recoveryKey && prepared) {
    return (
      <div className="panel stack">
        <RecoveryKeyCard
          className="recovery"
          heading="h2"
          recoveryKey={recoveryKey}
          doneLabel={busy ? t('passphrase.changing') : t('passphrase.apply')}
          busy={busy}
          onDone={() => void apply(prepared, recoveryKey)}
        />
        <p className="hint">{t('passphrase.keyNotYet')}</p>
        <ErrorText error={error} />
        <button type="button" disabled={busy} onClick={finished}>
          {t('common.cancel')}
        </button>
      </div>
    );
  }

  return (
    <Form className="panel stack" onSubmit={submit} aria-busy={busy} aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`}>{t('passphrase.title')}</h2>
      <label htmlFor={`${id}-current`}>{t('passphrase.current')}</label>
      <Input
        id={`${id}-current`}
        type="password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        aria-invalid={currentMissing || (error !== null && current.length > 0)}
      />
      {currentMissing && (
        <p role="alert" className="error">
          {t('passphrase.currentMissing')}
        </p>
      )}
      <NewPassphrase
        label={t('passphrase.new')}
        passphrase={next}
        confirmation={confirmation}
        onPassphrase={setNext}
        onConfirmation={setConfirmation}
        submitted={submitted}
      />
      <fieldset>
        <legend>{t('passphrase.replaceLegend')}</legend>
        {CHOICES.map((choice) => (
          <label key={choice} className="check">
            <Input
              type="radio"
              name={`${id}-replace`}
              value={choice}
              checked={replace === choice}
              onChange={() => setReplace(choice)}
            />
            {t(`passphrase.replace.${choice}`)}
          </label>
        ))}
        <p className="hint">{t(`passphrase.replaceHint.${replace}`)}</p>
      </fieldset>
      <ErrorText error={error} />
      <StatusLine said={done.said} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('passphrase.changing') : t('passphrase.submit')}
      </button>
    </Form>
  );
}
