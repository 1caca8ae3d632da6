/**
 * Settings → If this computer is taken (SECURITY.md "Key hygiene and the seized laptop"): erase the
 * vault now (one step, confirmed), and erase it after N wrong passphrases in a row.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/ipc/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { useBusyAction } from '../../components/useBusyAction';
import type { BackupSettings } from '../../vault';
import { Select } from '../../components/fields';

/** Never, or after this many wrong attempts in a row; the smallest still forgives a few typos. */
const WIPE_CHOICES: readonly (number | null)[] = [null, 5, 10, 20].filter(
  (n) => n === null || n >= LIMITS.wipeAfter.min,
);

interface Props {
  readonly backups: BackupSettings | null;
  readonly onErase: () => void;
}

export function ErasePanel({ backups, onErase }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [confirm, setConfirm] = useState(false);
  const [wipeAfter, setWipeAfter] = useState<number | null>(null);
  const { busy, error, run } = useBusyAction();

  useEffect(() => {
    backups
      ?.status()
      .then((s) => setWipeAfter(s.guard.wipeAfter))
      .catch(() => undefined); // the current setting stays unknown on screen; saving one reports its own error
  }, [backups]);

  return (
    <section className="panel stack" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('erase.title')}</h2>
      {backups && (
        <>
          <label htmlFor={`${id}-after`}>{t('erase.after')}</label>
          <Select
            id={`${id}-after`}
            value={wipeAfter ?? 'never'}
            disabled={busy}
            onChange={(e) => {
              const value = e.target.value === 'never' ? null : Number(e.target.value);
              void run(async () => setWipeAfter((await backups.setWipeAfter(value)).wipeAfter));
            }}
          >
            {WIPE_CHOICES.map((n) => (
              <option key={n ?? 'never'} value={n ?? 'never'}>
                {n === null ? t('erase.never') : t('erase.attempts', { count: n })}
              </option>
            ))}
          </Select>
          <p className="hint">{t('erase.afterHint')}</p>
          <ErrorText error={error} />
        </>
      )}
      <p>{t('erase.nowIntro')}</p>
      <button type="button" className="danger" onClick={() => setConfirm(true)}>
        {t('erase.now')}
      </button>
      <ConfirmDialog
        open={confirm}
        title={t('erase.confirm.title')}
        message={t('erase.confirm.message')}
        confirmLabel={t('erase.confirm.confirm')}
        onConfirm={() => {
          setConfirm(false);
          onErase();
        }}
        onCancel={() => setConfirm(false)}
      />
    </section>
  );
}
