/**
 * What a restore brought back, and what it could not (SECURITY.md "Crash safety and backups"):
 * shown on the unlock screen right after the restore, and once more in the app after unlocking.
 */
import { useTranslation } from 'react-i18next';
import type { RestoreOutcome } from '../../vault';
import { useDateTime } from './dates';

export function RestoredNotice({ restored }: { restored: RestoreOutcome }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const partly = restored.skippedBases > 0 || restored.damaged;
  return (
    <div role="status" className="banner" data-testid="restored">
      <p>
        {restored.source === 'file'
          ? t('restore.fromFile')
          : restored.at === null
            ? t('restore.fromBackup')
            : t('restore.fromBackupAt', { when: when(restored.at) })}
      </p>
      {restored.unreadable > 0 && <p>{t('restore.unreadable', { count: restored.unreadable })}</p>}
      {partly && <p>{t('restore.partly')}</p>}
      {restored.source === 'file' && <p>{t('restore.fileLoss')}</p>}
    </div>
  );
}
