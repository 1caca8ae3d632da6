/**
 * Admin, wherever they are in the app: a device proved an invite code. The
 * admin reads the safety number with the invitee (both screens show the same
 * digits) and only then lets the device in. A modal <dialog>: focus stays in
 * it, Escape refuses, "Refuse" has the focus first.
 */
import { useTranslation } from 'react-i18next';
import { SafetyNumber } from './SafetyNumber';
import { useSyncService, useSyncState } from '../../sync/context';
import { spaceLabel } from '../../components/space-names';
import { ModalDialog } from '../../components/ModalDialog';

export function ConfirmInvitee() {
  const { t } = useTranslation();
  const service = useSyncService();
  const { confirmations } = useSyncState();
  const request = confirmations[0];

  const answer = (confirmed: boolean) => request && service?.answer(request.id, confirmed);

  return (
    <ModalDialog
      open={request !== undefined}
      onCancel={() => answer(false)}
      title={request && t('sharing.confirm.title')}
      description={
        request &&
        t('sharing.confirm.message', {
          space: spaceLabel(request.spaceName, t),
          role: t(`sharing.role.${request.role}`),
        })
      }
      actions={
        <>
          <button type="button" onClick={() => answer(false)} autoFocus>
            {t('sharing.confirm.refuse')}
          </button>
          <button type="button" onClick={() => answer(true)}>
            {t('sharing.confirm.accept')}
          </button>
        </>
      }
    >
      {request && (
        <SafetyNumber number={request.safetyNumber} testId="admin-safety-number" hint={t('sharing.confirm.hint')} />
      )}
    </ModalDialog>
  );
}
