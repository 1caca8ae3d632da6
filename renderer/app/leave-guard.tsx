/**
 * Unsaved edits are not dropped by accident: a form with changes registers a guard, and the shell asks
 * before it leaves the view or the space (a lock is never held up: a laptop left open is the greater
 * risk, and the idle and system locks do not wait either).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';

export interface LeaveGuards {
  /** Adds a check that says whether there are unsaved edits; returns its removal. */
  add(hasEdits: () => boolean): () => void;
}

const LeaveGuardContext = createContext<LeaveGuards | null>(null);
export const LeaveGuardProvider = LeaveGuardContext.Provider;

/** Registers the calling form's unsaved edits (`dirty`) for as long as it is mounted. */
export function useLeaveGuard(dirty: boolean): void {
  const guards = useContext(LeaveGuardContext);
  const current = useRef(dirty);
  current.current = dirty;
  useEffect(() => guards?.add(() => current.current), [guards]);
}

/** The shell's half: the guards, `confirmLeave(leave)` that runs `leave` now or once the organizer says so, and its dialog. */
export function useLeaveConfirm(): {
  guards: LeaveGuards;
  confirmLeave: (leave: () => void) => void;
  dialog: ReactNode;
} {
  const { t } = useTranslation();
  const checks = useRef(new Set<() => boolean>());
  const [pending, setPending] = useState<(() => void) | null>(null);
  /** True while a confirmed leave runs (it may navigate more than once: open a space, then its roster). */
  const leaving = useRef(false);
  const guards = useMemo<LeaveGuards>(
    () => ({
      add: (check) => {
        checks.current.add(check);
        return () => checks.current.delete(check);
      },
    }),
    [],
  );
  const confirmLeave = useCallback((leave: () => void) => {
    if (!leaving.current && [...checks.current].some((check) => check())) setPending(() => leave);
    else leave();
  }, []);
  // Mounted only while asking, so its words are not on the page otherwise.
  const dialog = pending && (
    <ConfirmDialog
      open
      title={t('shell.leaveUnsaved.title')}
      message={t('shell.leaveUnsaved.message')}
      confirmLabel={t('shell.leaveUnsaved.confirm')}
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const leave = pending;
        setPending(null);
        leaving.current = true;
        try {
          leave?.();
        } finally {
          leaving.current = false;
        }
      }}
    />
  );
  return { guards, confirmLeave, dialog };
}
