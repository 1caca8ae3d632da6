/**
 * A space this device was removed from: the notice says by whom, when this
 * device learned of it (no signed record says when it happened), what it
 * means for changes made here, and what to do; the view below is read-only,
 * since edits could not sync (the others refuse them).
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Vault } from '../../shared/vault';
import { useProblems, useRemoval, type Removal } from './problems';
import { shortDevice } from '../views/sharing/words';

interface FrameProps {
  readonly vault: Vault | undefined;
  readonly space: string | null;
  readonly spaceName: string;
  /** The view changes no space data (Spaces, Settings): still offered after a removal. */
  readonly deviceOnly: boolean;
  readonly children: ReactNode;
}

/** Wraps the current view: after this device's removal, the notice above and the view read-only. */
export function SpaceFrame({ vault, space, spaceName, deviceOnly, children }: FrameProps) {
  const removal = useRemoval(vault, space);
  return (
    <>
      {removal && space && <RemovedNotice space={space} spaceName={spaceName} removal={removal} />}
      <fieldset className="view-frame" disabled={removal !== undefined && !deviceOnly}>
        {children}
      </fieldset>
    </>
  );
}

interface Props {
  readonly space: string;
  readonly spaceName: string;
  readonly removal: Removal;
}

export function RemovedNotice({ space, spaceName, removal }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const told = useProblems().problems.find((p) => p.kind === 'removed' && p.space === space);
  const learned = told?.kind === 'removed' && told.arrived ? told.at : undefined;
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  return (
    <div className="banner banner-warning removed-notice" role="alert" aria-labelledby={id}>
      <h2 id={id}>{t('removed.title', { space: spaceName })}</h2>
      <p>
        {t('removed.by', { device: shortDevice(removal.by as never) })}{' '}
        {learned !== undefined ? t('removed.when', { when: format.format(learned) }) : t('removed.stored')}
      </p>
      <p>{t('removed.changes')}</p>
      <p>{t('removed.next')}</p>
    </div>
  );
}
