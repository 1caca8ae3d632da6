/**
 * Whether the organizer's own changes are on disk (shared/vault SaveState):
 * the top bar says "Saving…" from the moment an edit is on screen until it is
 * durable in the store and its second copy, then "Saved" (SaveIndicator);
 * the banner says when changes could not be written (kept in memory and
 * retried) and when they are saved again. Plain words; never names a member.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveState, Vault } from '../../shared/vault';

/** The one part of the engine vault this needs. */
export type SaveStates = Pick<Vault, 'onSaveState'>;

export interface SaveStatus {
  /** Some space has own changes shown on screen and not yet on disk. */
  readonly saving: boolean;
  /** Writing some space's changes failed (they are held and retried). */
  readonly failing: boolean;
  /** The last failure has just cleared. */
  readonly recovered: boolean;
}

/** How long "saved again" stays on screen: long enough to read, then the banner gives its room back. */
export const SAVED_NOTICE_MS = 10_000;

/** Follows the vault's save states across spaces. */
export function useSaveStatus(engine: SaveStates | undefined): SaveStatus {
  const spaces = useRef(new Map<string, SaveState>());
  const [status, setStatus] = useState<SaveStatus>({ saving: false, failing: false, recovered: false });
  useEffect(() => {
    if (!engine) return;
    let fade: ReturnType<typeof setTimeout> | undefined;
    const stop = engine.onSaveState((s: SaveState) => {
      const all = () => [...spaces.current.values()];
      const wasFailing = all().some((x) => x.code !== undefined);
      spaces.current.set(s.space, s);
      const failing = all().some((x) => x.code !== undefined);
      const saving = all().some((x) => x.unsaved > 0);
      const recovered = wasFailing && !failing;
      if (failing || recovered) clearTimeout(fade);
      if (recovered) fade = setTimeout(() => setStatus((now) => ({ ...now, recovered: false })), SAVED_NOTICE_MS);
      // Another "saved" state meanwhile leaves the note up until it fades: only a new failure replaces it.
      setStatus((before) => ({ saving, failing, recovered: recovered || (before.recovered && !failing) }));
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

/**
 * The top bar's word on the organizer's own changes: "Saving…" while any is not yet on disk
 * (both copies), "Saved" once all are, "Not saved" while writes fail (the banner says more).
 * `data-state` lets the crash harness read what the screen claims.
 */
export function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  const state = status.failing ? 'failing' : status.saving ? 'saving' : 'saved';
  return (
    <span className={`save-indicator save-${state}`} data-testid="save-state" data-state={state} role="status">
      {t(`shell.saveState.${state}`)}
    </span>
  );
}
