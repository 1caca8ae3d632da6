import { useTranslation } from 'react-i18next';
import { ModalDialog } from './ModalDialog';

interface Props {
  readonly open: boolean;
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** A modal question (ModalDialog: focus is trapped and Escape cancels). Cancel has the focus first. */
export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      open={open}
      title={title}
      description={message}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    />
  );
}
