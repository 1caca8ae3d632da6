/**
 * A new passphrase typed twice, with the strength meter: creating the vault and changing the
 * passphrase in Settings use the same fields, the same rules and the same messages.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_STRENGTH, passphraseStrength } from '../views/first-run/strength';
import { Input } from './fields';

export type PassphraseProblem = 'weak' | 'mismatch';

/** What is wrong with a new passphrase and its confirmation, or null. */
export function passphraseProblem(passphrase: string, confirmation: string): PassphraseProblem | null {
  if (passphraseStrength(passphrase) < MIN_STRENGTH) return 'weak';
  return passphrase === confirmation ? null : 'mismatch';
}

interface Props {
  readonly passphrase: string;
  readonly confirmation: string;
  readonly onPassphrase: (value: string) => void;
  readonly onConfirmation: (value: string) => void;
  /** Shown once the form was submitted with it. */
  readonly problem: PassphraseProblem | null;
  /** Labels: the first run says "Passphrase", Settings "New passphrase". */
  readonly label: string;
  readonly autoFocus?: boolean;
}

export function NewPassphrase({
  passphrase,
  confirmation,
  onPassphrase,
  onConfirmation,
  problem,
  label,
  autoFocus,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  const strength = passphraseStrength(passphrase);
  return (
    <>
      <label htmlFor={`${id}-p`}>{label}</label>
      <Input
        id={`${id}-p`}
        type="password"
        value={passphrase}
        onChange={(e) => onPassphrase(e.target.value)}
        aria-describedby={`${id}-hint ${id}-strength`}
        aria-invalid={problem === 'weak'}
        autoFocus={autoFocus}
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
        onChange={(e) => onConfirmation(e.target.value)}
        aria-invalid={problem === 'mismatch'}
      />
      {problem && (
        <p role="alert" className="error">
          {t(`firstRun.${problem}`)}
        </p>
      )}
    </>
  );
}
