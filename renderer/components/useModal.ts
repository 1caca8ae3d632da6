import { useEffect, useRef, type RefObject } from 'react';

/**
 * A native <dialog> shown as a modal while `open` is true (focus kept inside, Escape fires its
 * `cancel` event) and closed when it turns false. Put the returned ref on the <dialog>.
 */
export function useModal(open: boolean): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
