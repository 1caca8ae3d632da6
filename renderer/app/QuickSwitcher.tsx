/**
 * Ctrl+K (Cmd+K on a Mac): type to jump to a member or a screen. A modal
 * <dialog> holding the ARIA combobox pattern: the text box keeps the focus
 * and names the highlighted option with aria-activedescendant; arrows move,
 * Enter opens, Escape closes. Members come from the roster's search index
 * (shared/model/search.ts), screens from the main navigation.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../shared/model/member';
import { normalizeForSearch } from '../../shared/model/normalize';
import { NAV_VIEWS, type Route } from './routes';
import { useSpace } from './SpaceContext';
import { useSearchIndex } from './useRoster';
import { Input } from '../components/fields';

/** Members listed at most: the switcher jumps, the roster browses. */
const MEMBER_LIMIT = 8;

interface Option {
  readonly key: string;
  readonly label: string;
  readonly kind: 'screen' | 'member';
  readonly to: Route;
}

/** True for the shortcut that opens the switcher: Ctrl+K, or Cmd+K on a Mac. */
export function isSwitcherShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>) {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

export function QuickSwitcher({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  const index = useSearchIndex();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const options = useMemo((): Option[] => {
    const q = normalizeForSearch(query.trim());
    if (!q) return NAV_VIEWS.map((view) => ({ key: view, label: t(`nav.${view}`), kind: 'screen', to: { view } }));
    const screens: Option[] = NAV_VIEWS.filter((view) => normalizeForSearch(t(`nav.${view}`)).includes(q)).map(
      (view) => ({ key: view, label: t(`nav.${view}`), kind: 'screen', to: { view } }),
    );
    const members: Option[] = index.search(query, MEMBER_LIMIT).flatMap((memberId) => {
      const m = data.members.get(memberId);
      return m
        ? [{ key: memberId, label: displayName(m), kind: 'member' as const, to: { view: 'member', memberId } }]
        : [];
    });
    return [...members, ...screens];
  }, [query, index, data, t]);
  const current = Math.min(active, options.length - 1);

  const open = (option: Option | undefined) => {
    if (!option) return;
    onClose();
    navigate(option.to);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const move = (to: number) => {
      e.preventDefault();
      if (options.length > 0) setActive((to + options.length) % options.length);
    };
    if (e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'Home' && e.ctrlKey) move(0);
    else if (e.key === 'End' && e.ctrlKey) move(options.length - 1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      open(options[current]);
    }
  };

  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <dialog
      ref={ref}
      className="dialog switcher"
      aria-labelledby={`${id}-h`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === ref.current && onClose()}
    >
      <h2 id={`${id}-h`}>{t('switcher.title')}</h2>
      <label htmlFor={`${id}-input`}>{t('switcher.input')}</label>
      <Input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        aria-describedby={`${id}-hint`}
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-hint`} className="hint">
        {t('switcher.hint')}
      </p>
      <ul id={`${id}-list`} role="listbox" aria-label={t('switcher.title')} className="switcher-options">
        {options.map((o, i) => (
          <li
            key={`${o.kind}-${o.key}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            onMouseDown={(e) => e.preventDefault()} // keep the focus in the text box
            onClick={() => open(o)}
          >
            <span>{o.label}</span> <span className="hint">{t(`switcher.${o.kind}`)}</span>
          </li>
        ))}
      </ul>
      <p role="status" className="visually-hidden">
        {options.length === 0 ? t('switcher.none') : t('switcher.results', { count: options.length })}
      </p>
      {options.length === 0 && (
        <p className="hint" aria-hidden="true">
          {t('switcher.none')}
        </p>
      )}
    </dialog>
  );
}
