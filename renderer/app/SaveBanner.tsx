/**
 * Tells the organizer when their own changes could not be written to disk
 * (shared/vault UnsavedEntries: kept in memory and retried), and when they
 * are saved again. Says what to do in plain words; never names a member.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveState, Vault } from '../../shared/vault';

/** The one part of the engine vault this needs. */
export type SaveStates = Pick<Vault, 'onSaveState'>;

export interface SaveStatus {
  /** Some space has own changes not yet on disk. */
  readonly failing: boolean;
  /** The last failure has just cleared. */
  readonly recovered: boolean;
}

/** How long "saved again" stays on screen: long enough to read, then the banner gives its room back. */
export const SAVED_NOTICE_MS = 10_000;

/** Follows the vault's save states across spaces. */
export function useSaveStatus(engine: SaveStates | undefined): SaveStatus {
  const unsaved = useRef(new Map<string, number>());
  const [status, setStatus] = useState<SaveStatus>({ failing: false, recovered: false });
  useEffect(() => {
    if (!engine) return;
    let fade: ReturnType<typeof setTimeout> | undefined;
    const stop = engine.onSaveState((s: SaveState) => {
      const wasFailing = unsaved.current.size > 0;
      if (s.unsaved > 0) unsaved.current.set(s.space, s.unsaved);
      else unsaved.current.delete(s.space);
      const failing = unsaved.current.size > 0;
      const recovered = wasFailing && !failing;
      if (failing || recovered) clearTimeout(fade);
      if (recovered) fade = setTimeout(() => setStatus({ failing: false, recovered: false }), SAVED_NOTICE_MS);
      // Another "saved" state meanwhile leaves the note up until it fades: only a new failure replaces it.
      setStatus((before) => ({ failing, recovered: recovered || (before.recovered && !failing) }));
    });
    return () => {
      clearTimeout(fade);
      stop();
    };
  }, [engine]);
  return status;
}

export function SaveBanner({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  if (status.failing) {
    return (
      <p role="alert" className="banner banner-warning">
        {t('shell.unsaved')}
      </p>
    );
  }
  return (
    <p role="status" className={status.recovered ? 'banner' : 'visually-hidden'}>
      {status.recovered ? t('shell.saved') : ''}
    </p>
  );
}
