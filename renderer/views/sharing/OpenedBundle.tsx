/**
 * A bundle file was opened (by the OS, or from Sharing): wherever the person
 * is in the app, this asks before anything is imported or any space joined
 * (SECURITY.md "Device cards and invites"). It names the space, says whether
 * importing joins it, and shows the safety number to compare with the
 * sender. After the import it says what arrived and offers to open the
 * space; a file the OS opened that is not a usable bundle is explained here
 * too. A modal <dialog>: focus stays in it, Escape cancels, "Cancel" has the
 * focus first.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SafetyNumber } from './SafetyNumber';
import type { SpaceId } from '../../../shared/crypto';
import { ErrorText } from '../../components/ErrorText';
import { useSyncService, useSyncState } from '../../sync/context';
import type { OpenedSharingFile } from '../../sync/files';
import { shortDevice } from './words';
import { spaceLabel } from '../../components/space-names';
import { ModalDialog } from '../../components/ModalDialog';

type Imported = Extract<OpenedSharingFile, { kind: 'bundle' }>;

export function OpenedBundle({ onOpenSpace }: { onOpenSpace: (space: SpaceId) => void }) {
  const { t } = useTranslation();
  const service = useSyncService();
  const { pendingBundle, fileProblem } = useSyncState();
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<Imported | null>(null);
  const [importError, setError] = useState<unknown>(null);
  const error = importError ?? fileProblem;
  const open = pendingBundle !== null || imported !== null || error !== null;

  // A new bundle replaces what the dialog said about the last one.
  useEffect(() => {
    if (pendingBundle) {
      setImported(null);
      setError(null);
    }
  }, [pendingBundle]);

  async function answer(importIt: boolean) {
    if (!service) return;
    setBusy(true);
    try {
      const result = await service.answerBundle(importIt);
      setImported(result?.kind === 'bundle' ? result : null);
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  }

  function close() {
    if (pendingBundle) void answer(false);
    setImported(null);
    setError(null);
    if (fileProblem !== null) service?.clearFileProblem();
  }

  if (pendingBundle) {
    return (
      <ModalDialog
        open={open}
        onCancel={close}
        title={t(pendingBundle.joins ? 'sharing.bundle.joinTitle' : 'sharing.bundle.importTitle')}
        description={t(pendingBundle.joins ? 'sharing.bundle.joinMessage' : 'sharing.bundle.importMessage', {
          space: spaceLabel(pendingBundle.spaceName, t),
          device: shortDevice(pendingBundle.from),
          count: pendingBundle.entries,
        })}
        actions={
          <>
            <button type="button" onClick={close} disabled={busy} autoFocus>
              {t('common.cancel')}
            </button>
            <button type="button" onClick={() => void answer(true)} disabled={busy} aria-busy={busy}>
              {t(pendingBundle.joins ? 'sharing.bundle.join' : 'sharing.bundle.import', {
                space: spaceLabel(pendingBundle.spaceName, t),
              })}
            </button>
          </>
        }
      >
        <p>{t('sharing.bundle.compare')}</p>
        <SafetyNumber
          number={pendingBundle.safetyNumber}
          testId="bundle-safety-number"
          hint={t('sharing.bundle.hint')}
        />
      </ModalDialog>
    );
  }
  return (
    <ModalDialog
      open={open}
      onCancel={close}
      title={open ? t(imported ? 'sharing.bundle.doneTitle' : 'sharing.bundle.failedTitle') : undefined}
      outcome
      description={
        <>
          {imported && (
            <p>
              {t('sharing.files.imported', {
                space: spaceLabel(imported.spaceName, t),
                count: imported.bundle.report.accepted,
              })}
            </p>
          )}
          <ErrorText error={error} />
        </>
      }
      actions={
        <>
          <button type="button" onClick={close} autoFocus>
            {t('sharing.bundle.close')}
          </button>
          {imported && (
            <button
              type="button"
              onClick={() => {
                const space = imported.bundle.space;
                close();
                onOpenSpace(space);
              }}
            >
              {t('sharing.join.open')}
            </button>
          )}
        </>
      }
    />
  );
}
