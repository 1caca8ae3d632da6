import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copySecret } from '../../app/secret-clipboard';
import { Input } from '../../components/fields';
import { StatusLine, useStatusLine } from '../../components/StatusLine';

interface CardProps {
  readonly recoveryKey: string;
  readonly onDone: () => void;
  /** The first run's screen has an h1; Settings shows the card under its own heading (h2). */
  readonly heading?: 'h1' | 'h2';
  /** What the confirming button says (default: Continue). */
  readonly doneLabel?: string;
  readonly busy?: boolean;
  readonly className?: string;
}

/** The recovery key, shown this once: copy it, print it or save it as a file, then confirm. */
export function RecoveryKeyCard({ recoveryKey, onDone, heading = 'h1', doneLabel, busy, className }: CardProps) {
  const { t } = useTranslation();
  const id = useId();
  const [stored, setStored] = useState(false);
  const status = useStatusLine();
  const [fileUrl, setFileUrl] = useState<string | null>(null);
  const Heading = heading;

  useEffect(() => {
    const url = URL.createObjectURL(
      new Blob([`${t('recovery.fileHeading')}\n\n${recoveryKey}\n`], { type: 'text/plain;charset=utf-8' }),
    );
    setFileUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [recoveryKey, t]);

  async function copy() {
    try {
      await copySecret(recoveryKey);
      status.say('recovery.copied');
    } catch {
      status.problem('recovery.copyFailed');
    }
  }

  return (
    <section className={className ?? 'card recovery'} aria-labelledby={`${id}-h`}>
      <Heading id={`${id}-h`}>{t('recovery.title')}</Heading>
      <p>{t('recovery.intro')}</p>
      <p className="recovery-key" data-testid="recovery-key" aria-label={t('recovery.keyLabel')}>
        {recoveryKey}
      </p>
      <div className="actions no-print">
        <button type="button" onClick={() => void copy()}>
          {t('recovery.copy')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
        {fileUrl && (
          <a className="button" href={fileUrl} download="sealed-roster-recovery-key.txt">
            {t('recovery.save')}
          </a>
        )}
      </div>
      <StatusLine said={status.said} className="hint" />
      <div className="no-print">
        <label className="check">
          <Input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
          {t('recovery.stored')}
        </label>
        <button type="button" className="primary" disabled={!stored || busy} aria-busy={busy} onClick={onDone}>
          {doneLabel ?? t('recovery.continue')}
        </button>
      </div>
    </section>
  );
}

/** The first run's screen: the recovery key of the vault just created. */
export function RecoveryKey({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  return (
    <main className="centered">
      <RecoveryKeyCard recoveryKey={recoveryKey} onDone={onDone} />
    </main>
  );
}
