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

/** Spaces with changes not yet on disk, and whether a failure has just cleared. */
function useSaveStates(engine: SaveStates | undefined): { failing: boolean; recovered: boolean } {
  const unsaved = useRef(new Map<string, number>());
  const [state, setState] = useState({ failing: false, recovered: false });
  useEffect(() => {
    if (!engine) return;
    return engine.onSaveState((s: SaveState) => {
      const wasFailing = unsaved.current.size > 0;
      if (s.unsaved > 0) unsaved.current.set(s.space, s.unsaved);
      else unsaved.current.delete(s.space);
      const failing = unsaved.current.size > 0;
      setState({ failing, recovered: wasFailing && !failing });
    });
  }, [engine]);
  return state;
}

export function SaveBanner({ engine }: { engine: SaveStates | undefined }) {
  const { t } = useTranslation();
  const { failing, recovered } = useSaveStates(engine);
  if (failing) {
    return (
      <p role="alert" className="banner banner-warning">
        {t('shell.unsaved')}
      </p>
    );
  }
  return (
    <p role="status" className={recovered ? 'banner' : 'visually-hidden'}>
      {recovered ? t('shell.saved') : ''}
    </p>
  );
}
