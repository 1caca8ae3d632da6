/**
 * Admin, wherever they are in the app: a device proved an invite code. The
 * admin reads the safety number with the invitee (both screens show the same
 * digits) and only then lets the device in. A modal <dialog>: focus stays in
 * it, Escape refuses, "Refuse" has the focus first.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncService, useSyncState } from '../../sync/context';
import { spaceLabel } from '../../components/space-names';
import { useModal } from '../../components/useModal';

export function ConfirmInvitee() {
  const { t } = useTranslation();
  const service = useSyncService();
  const { confirmations } = useSyncState();
  const id = useId();
  const request = confirmations[0];

  const ref = useModal(request !== undefined);

  const answer = (confirmed: boolean) => request && service?.answer(request.id, confirmed);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-h`}
      aria-describedby={`${id}-d`}
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
    >
      {request && (
        <>
          <h2 id={`${id}-h`}>{t('sharing.confirm.title')}</h2>
          <p id={`${id}-d`}>
            {t('sharing.confirm.message', {
              space: spaceLabel(request.spaceName, t),
              role: t(`sharing.role.${request.role}`),
            })}
          </p>
          <p>
            <code className="recovery-key" data-testid="admin-safety-number">
              {request.safetyNumber}
            </code>
          </p>
          <p className="hint">{t('sharing.confirm.hint')}</p>
          <div className="actions">
            <button type="button" onClick={() => answer(false)} autoFocus>
              {t('sharing.confirm.refuse')}
            </button>
            <button type="button" onClick={() => answer(true)}>
              {t('sharing.confirm.accept')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
