/**
 * A modal question or notice shown wherever the person is in the app: a native <dialog> opened as a modal
 * while `open` (useModal: focus stays inside, and goes back where it was on close), named by its title and
 * described by its description for screen readers. Escape does what the dialog's own cancel button does
 * (`onCancel`); the dialog closes when its owner says it is no longer open.
 */
import { useId, type ReactNode } from 'react';
import { useModal } from './useModal';

interface Props {
  readonly open: boolean;
  /** The heading; without one the dialog has nothing to show (it is closed or between questions). */
  readonly title?: ReactNode;
  /** What the dialog asks or says. */
  readonly description?: ReactNode;
  /** The description is the outcome of something just done: read out when it appears (role "status"). */
  readonly outcome?: boolean;
  /** The buttons, the one that refuses or closes first (it takes the focus with `autoFocus`). */
  readonly actions: ReactNode;
  /** Escape: the same as the refusing button. */
  readonly onCancel: () => void;
  /** What stands between the description and the buttons. */
  readonly children?: ReactNode;
}

export function ModalDialog({ open, title, description, outcome = false, actions, onCancel, children }: Props) {
  const id = useId(); // several dialogs can be mounted at once (the shell's and a view's)
  const ref = useModal(open);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-h`}
      aria-describedby={`${id}-d`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {title !== undefined && (
        <>
          <h2 id={`${id}-h`}>{title}</h2>
          {outcome ? (
            <div id={`${id}-d`} role="status">
              {description}
            </div>
          ) : (
            <p id={`${id}-d`}>{description}</p>
          )}
          {children}
          <div className="actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}
