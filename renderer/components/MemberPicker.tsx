/**
 * Choose a member by typing part of a name, e-mail or phone: an ARIA combobox
 * over the roster's search index (shared/model MemberSearchIndex). Arrow keys
 * move through the matches, Enter picks, Escape clears. Used wherever a form
 * needs a person (a role's holder, a group's member, a training's trainer).
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type Member } from '../../shared/model/member';
import { exactNameFirst } from '../../shared/model/search';
import { useSpace } from '../app/SpaceContext';
import { useSearchIndex } from '../app/useRoster';
import { Input } from './fields';

const LIMIT = 8;

interface Props {
  readonly label: string;
  readonly onPick: (member: Member) => void;
  /** Members not offered (already in the list the picker adds to). */
  readonly exclude?: ReadonlySet<string>;
  readonly id?: string;
}

export function MemberPicker({ label, onPick, exclude, id: givenId }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const index = useSearchIndex();
  const ownId = useId();
  const id = givenId ?? ownId;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    if (!query.trim()) return [];
    const found = index
      .search(query, LIMIT * 2 + (exclude?.size ?? 0))
      .filter((m) => !exclude?.has(m))
      .map((m) => data.members.get(m))
      .filter((m): m is Member => m !== undefined);
    return exactNameFirst(found, query).slice(0, LIMIT);
  }, [index, data, query, exclude]);
  const open = matches.length > 0;

  function pick(m: Member) {
    onPick(m);
    setQuery('');
    setActive(0);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      pick(matches[Math.min(active, matches.length - 1)]!);
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  }

  return (
    <div className="member-picker">
      <label htmlFor={id}>{label}</label>
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-opt-${Math.min(active, matches.length - 1)}` : undefined}
        value={query}
        placeholder={t('picker.placeholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={t('picker.matches')} className="picker-list" hidden={!open}>
        {matches.map((m, i) => (
          <li
            key={m.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(m)}
          >
            {displayName(m)}
            {(m.emails[0] || m.phones[0]) && <span className="hint"> · {m.emails[0] ?? m.phones[0]}</span>}
          </li>
        ))}
      </ul>
      {query.trim() && !open && <p className="hint">{t('picker.none')}</p>}
    </div>
  );
}
