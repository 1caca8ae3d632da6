/**
 * The browser's store lost the vault, or cannot read it, on a computer that had one: never a
 * first run (SECURITY.md "Crash safety and backups"). Says so plainly and restores it from the
 * backup copy main keeps, or from a backup file; starting over is the last choice, and asks first.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredScreen } from '../../components/CenteredScreen';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { useBusyAction } from '../../components/useBusyAction';
import type { BackupSummary, RestoreOutcome, VaultGateway } from '../../vault';
import { useDateTime } from './dates';

interface Props {
  readonly gateway: VaultGateway;
  readonly reason: 'missing' | 'unreadable' | 'unfinished';
  readonly backup: BackupSummary | null;
  readonly onRestored: (restored: RestoreOutcome) => void;
  readonly onStartOver: () => void;
}

export function StoreLost({ gateway, reason, backup, onRestored, onStartOver }: Props) {
  const { t } = useTranslation();
  const when = useDateTime();
  const { busy, error, run } = useBusyAction();
  const [confirmStartOver, setConfirmStartOver] = useState(false);
  const [working, setWorking] = useState<'backup' | 'file' | null>(null);

  async function restore(source: 'backup' | 'file') {
    setWorking(source);
    const restored = await run(() => gateway.restore(source));
    setWorking(null);
    if (restored) onRestored(restored);
  }

  return (
    <CenteredScreen>
      <section className="card" aria-busy={busy} aria-labelledby="store-lost-h">
        <h1 id="store-lost-h">{t('lost.title')}</h1>
        <p>{t(`lost.reason.${reason}`)}</p>
        {backup ? (
          <>
            <p data-testid="backup-found">
              {backup.at === null ? t('lost.backupFound') : t('lost.backupFoundAt', { when: when(backup.at) })}
            </p>
            {(backup.skippedBases > 0 || backup.damaged) && <p>{t('lost.backupPartly')}</p>}
            <button type="button" className="primary" disabled={busy} onClick={() => void restore('backup')}>
              {working === 'backup' ? t('lost.restoring') : t('lost.restore')}
            </button>
          </>
        ) : (
          <p>{t('lost.noBackup')}</p>
        )}
        <p className="hint">{t('lost.fileHint')}</p>
        <button type="button" disabled={busy} onClick={() => void restore('file')}>
          {working === 'file' ? t('lost.restoring') : t('lost.restoreFile')}
        </button>
        <ErrorText error={error} />
        <p className="hint">{t('lost.startOverHint')}</p>
        <button type="button" className="danger" disabled={busy} onClick={() => setConfirmStartOver(true)}>
          {t('lost.startOver')}
        </button>
      </section>
      <ConfirmDialog
        open={confirmStartOver}
        title={t('lost.startOverConfirm.title')}
        message={t('lost.startOverConfirm.message')}
        confirmLabel={t('lost.startOverConfirm.confirm')}
        onConfirm={() => {
          setConfirmStartOver(false);
          onStartOver();
        }}
        onCancel={() => setConfirmStartOver(false)}
      />
    </CenteredScreen>
  );
}
