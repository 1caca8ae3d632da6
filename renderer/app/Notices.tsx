/**
 * The notices entry point in the top bar: a button with the count of new
 * problems, and a dialog listing what went wrong since unlock in plain words
 * (renderer/app/problems.ts). The top bar renders <Notices />; other views
 * (Today) open the same dialog through `useNotices()`.
 */
import { createContext, useContext, useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceId } from '../../shared/crypto';
import { problemText, useProblems } from './problems';
import { useModal } from '../components/useModal';

interface Props {
  /** The names of this device's spaces, to say which space a notice is about. */
  readonly spaces: readonly { readonly id: string; readonly name: string }[];
  /** Whether the dialog is open (the shell holds it, so that Today can open it too). */
  readonly open: boolean;
  readonly setOpen: (open: boolean) => void;
}

/** What views need of the notices: open the dialog, and the name of a space a notice names. */
export interface NoticesOpener {
  open(): void;
  spaceName(id: SpaceId): string | undefined;
}
const NoticesContext = createContext<NoticesOpener | null>(null);

export function NoticesProvider({ value, children }: { value: NoticesOpener; children: ReactNode }) {
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>;
}

/** The notices dialog's opener (null outside the unlocked shell, as in a view's component test). */
export function useNotices(): NoticesOpener | null {
  return useContext(NoticesContext);
}

export function Notices({ spaces, open, setOpen }: Props) {
  const { t, i18n } = useTranslation();
  const { problems, unseen, markSeen } = useProblems();
  const titleId = useId();
  const ref = useModal(open);
  useEffect(() => {
    if (open) markSeen();
  }, [open, problems, markSeen]);
  const name = (id: SpaceId) => spaces.find((s) => s.id === id)?.name;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const newest = [...problems].reverse();
  return (
    <>
      <button type="button" className="notices" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {unseen > 0 ? t('problems.buttonNew', { count: unseen }) : t('problems.button')}
      </button>
      <dialog ref={ref} className="dialog notices-dialog" aria-labelledby={titleId} onCancel={() => setOpen(false)}>
        <h2 id={titleId}>{t('problems.title')}</h2>
        {/* Listed only while open: a closed dialog holds no text (nor a stale list). */}
        {!open ? null : newest.length === 0 ? (
          <p>{t('problems.none')}</p>
        ) : (
          <ul className="plain notices-list">
            {newest.map((p) => (
              <li key={p.id}>
                <time dateTime={new Date(p.at).toISOString()}>{time.format(p.at)}</time> {problemText(t, p, name)}
              </li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="button" onClick={() => setOpen(false)} autoFocus>
            {t('problems.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
