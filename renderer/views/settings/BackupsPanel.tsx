/**
 * Settings → Backups: the second copy this computer keeps (always on), and backups to a folder
 * or USB stick the organizer chooses, on a schedule (main writes them, electron/backup/external.ts).
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExternalBackupStatus, Schedule } from '../../../shared/ipc/contract';
import { ErrorText } from '../../components/ErrorText';
import { useBusyAction } from '../../components/useBusyAction';
import type { BackupSettings } from '../../vault';
import { useDateTime } from '../recover/dates';
import { Select } from '../../components/fields';

const SCHEDULES: readonly Schedule[] = ['off', 'daily', 'weekly'];

interface Props {
  readonly backups: BackupSettings | null;
  /** Writes the edits still waiting to be saved, so a backup saved now holds what the screen shows. */
  readonly flush: () => Promise<void>;
}

export function BackupsPanel({ backups, flush }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const when = useDateTime();
  const [external, setExternal] = useState<ExternalBackupStatus | null>(null);
  const [lastCopyAt, setLastCopyAt] = useState<number | null>(null);
  const { busy, error, run } = useBusyAction();

  const refresh = useCallback(async () => {
    if (!backups) return;
    const status = await backups.status();
    setExternal(status.external);
    setLastCopyAt(status.lastCopyAt);
  }, [backups]);

  useEffect(() => {
    refresh().catch(() => undefined); // the status stays unknown on screen; actions still report their own errors
  }, [refresh]);

  const act = (work: () => Promise<ExternalBackupStatus>) =>
    void run(async () => {
      setExternal(await work());
    });

  const saveNow = async (to: BackupSettings) => {
    await flush();
    return to.saveNow();
  };

  return (
    <section className="panel stack" aria-labelledby={`${id}-h`} aria-busy={busy}>
      <h2 id={`${id}-h`}>{t('backups.title')}</h2>
      {!backups ? (
        <p>{t('backups.unavailable')}</p>
      ) : (
        <>
          <p>{lastCopyAt === null ? t('backups.copy') : t('backups.copyAt', { when: when(lastCopyAt) })}</p>
          <h3>{t('backups.folderTitle')}</h3>
          <p data-testid="backup-folder">
            {external?.folderName ? t('backups.folder', { name: external.folderName }) : t('backups.noFolder')}
          </p>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => act(() => backups.chooseFolder())}>
              {t('backups.chooseFolder')}
            </button>
            <button type="button" disabled={busy || !external?.folderName} onClick={() => act(() => saveNow(backups))}>
              {t('backups.saveNow')}
            </button>
          </div>
          <label htmlFor={`${id}-every`}>{t('backups.every')}</label>
          <Select
            id={`${id}-every`}
            value={external?.every ?? 'off'}
            disabled={busy || !external?.folderName}
            onChange={(e) => act(() => backups.setSchedule(e.target.value as Schedule))}
          >
            {SCHEDULES.map((s) => (
              <option key={s} value={s}>
                {t(`backups.schedule.${s}`)}
              </option>
            ))}
          </Select>
          <p role="status" data-testid="backup-last">
            {external?.lastError
              ? t('backups.lastFailed')
              : external?.lastAt
                ? t('backups.lastAt', { when: when(external.lastAt) })
                : ''}
          </p>
          <p className="hint">{t('backups.hint')}</p>
          <ErrorText error={error} />
        </>
      )}
    </section>
  );
}
