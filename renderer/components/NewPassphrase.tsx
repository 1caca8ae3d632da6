/**
 * A new passphrase typed twice, with the strength meter: creating the vault and changing the
 * passphrase in Settings use the same fields, the same rules and the same messages.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_STRENGTH, passphraseStrength } from '../views/first-run/strength';
import { Input } from './fields';

export type PassphraseProblem = 'weak' | 'mismatch';

/** Everything wrong with a new passphrase and its confirmation (each has its own message). */
export function passphraseProblems(passphrase: string, confirmation: string): PassphraseProblem[] {
  const problems: PassphraseProblem[] = [];
  if (passphraseStrength(passphrase) < MIN_STRENGTH) problems.push('weak');
  if (passphrase !== confirmation) problems.push('mismatch');
  return problems;
}

interface Props {
  readonly passphrase: string;
  readonly confirmation: string;
  readonly onPassphrase: (value: string) => void;
  readonly onConfirmation: (value: string) => void;
  /**
   * The form was submitted once: from then on each problem shows beside its field, as it is now
   * (a message that outlived its cause would contradict the meter).
   */
  readonly submitted: boolean;
  /** Labels: the first run says "Passphrase", Settings "New passphrase". */
  readonly label: string;
  readonly autoFocus?: boolean;
}

export function NewPassphrase({
  passphrase,
  confirmation,
  onPassphrase,
  onConfirmation,
  submitted,
  label,
  autoFocus,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  const strength = passphraseStrength(passphrase);
  const problems = submitted ? passphraseProblems(passphrase, confirmation) : [];
  const weak = problems.includes('weak');
  const mismatch = problems.includes('mismatch');
  return (
    <>
      <label htmlFor={`${id}-p`}>{label}</label>
      <Input
        id={`${id}-p`}
        type="password"
        value={passphrase}
        onChange={(e) => onPassphrase(e.target.value)}
        aria-describedby={`${id}-hint ${id}-strength${weak ? ` ${id}-weak` : ''}`}
        aria-invalid={weak}
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
      {weak && (
        <p role="alert" className="error" id={`${id}-weak`}>
          {t('firstRun.weak')}
        </p>
      )}
      <label htmlFor={`${id}-c`}>{t('firstRun.confirm')}</label>
      <Input
        id={`${id}-c`}
        type="password"
        value={confirmation}
        onChange={(e) => onConfirmation(e.target.value)}
        aria-describedby={mismatch ? `${id}-mismatch` : undefined}
        aria-invalid={mismatch}
      />
      {mismatch && (
        <p role="alert" className="error" id={`${id}-mismatch`}>
          {t('firstRun.mismatch')}
        </p>
      )}
    </>
  );
}
