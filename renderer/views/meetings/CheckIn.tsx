/**
 * Check-in at the door. A big search box has the focus; matches appear as you
 * type (shared/model MemberSearchIndex). Enter checks in the first match;
 * ↓ moves into the list, where Enter or Space checks in the one focused.
 * Someone already present is shown as such and never counted twice (the
 * event's set is keyed by member id, shared/model/check-in.ts). A walk-in is
 * one key away: Enter when nobody matches, the last entry of the list, or
 * Alt+N. Undo takes back this laptop's last check-in.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type Member } from '../../../shared/model/member';
import { exactNameFirst } from '../../../shared/model/search';
import { checkInWalkIn, type WalkIn } from '../../../shared/model/walk-in';
import { ErrorText } from '../../components/ErrorText';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { useRegionNames, useSearchIndex } from '../../app/useRoster';
import { CheckInRecent } from './CheckInRecent';
import { EventMissing } from './EventMissing';
import { EventWhen } from './EventWhen';
import { useCheckIns, useEvent } from './useEvents';
import { WalkInForm } from './WalkInForm';
import { Input } from '../../components/fields';

/** Performance marks for the benchmark (test/bench/rows/checkin.ts): keystroke → results in the DOM, and the search alone. */
const MARK_INPUT = 'checkin-search-input';
export const CHECKIN_MEASURE = 'checkin-keystroke';
export const CHECKIN_SEARCH_MEASURE = 'checkin-search';
const RESULTS = 8;

interface Done {
  readonly memberId: string;
  readonly name: string;
  /** A walk-in added at this door: undo also takes them off the roster. */
  readonly walkIn: boolean;
}

export function CheckIn({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  const id = useId();
  const event = useEvent(eventId);
  const present = useCheckIns(eventId);
  const index = useSearchIndex();
  const regionNames = useRegionNames();
  const [query, setQuery] = useState('');
  const [walkIn, setWalkIn] = useState<string | null>(null);
  const [undo, setUndo] = useState<Done[]>([]);
  const status = useStatusLine();
  const { say } = status;
  const [error, setError] = useState<unknown>(null);
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const results = useMemo(() => {
    if (!query.trim()) return [];
    const start = performance.now();
    const ids = index.search(query, RESULTS * 2);
    performance.measure(CHECKIN_SEARCH_MEASURE, { start, end: performance.now() });
    const found = ids.map((m) => data.members.get(m)).filter((m): m is Member => m !== undefined);
    return exactNameFirst(found, query).slice(0, RESULTS);
  }, [index, data, query]);

  useLayoutEffect(() => {
    if (performance.getEntriesByName(MARK_INPUT, 'mark').length === 0) return;
    performance.measure(CHECKIN_MEASURE, MARK_INPUT);
    performance.clearMarks(MARK_INPUT);
  }, [results]);

  const backToSearch = useCallback(() => {
    setQuery('');
    search.current?.focus();
  }, []);

  const checkIn = useCallback(
    (m: Member) => {
      setError(null);
      const name = displayName(m);
      try {
        if (data.attendance.checkIn(eventId, m.id)) {
          setUndo((u) => [...u, { memberId: m.id, name, walkIn: false }]);
          say('checkin.checkedIn', { name, count: present.size + 1 });
        } else say('checkin.alreadyPresent', { name });
      } catch (e) {
        setError(e);
      }
      backToSearch();
    },
    [data, eventId, present.size, say, backToSearch],
  );

  function addWalkIn(w: WalkIn) {
    setError(null);
    try {
      const memberId = checkInWalkIn(data, eventId, w);
      const name = [w.firstName.trim(), w.lastName?.trim()].filter(Boolean).join(' ');
      setUndo((u) => [...u, { memberId, name, walkIn: true }]);
      say('checkin.walkInAdded', { name, count: present.size + 1 });
      setWalkIn(null);
      backToSearch();
    } catch (e) {
      setError(e);
    }
  }

  function undoLast() {
    const last = undo[undo.length - 1];
    if (!last) return;
    setError(null);
    try {
      data.transact(() => {
        data.attendance.checkOut(eventId, last.memberId);
        // A walk-in typed by mistake leaves no member behind (nothing else can hang on them yet).
        if (last.walkIn) data.members.delete(last.memberId);
      });
      setUndo((u) => u.slice(0, -1));
      say('checkin.undone', { name: last.name });
    } catch (e) {
      setError(e);
    }
    backToSearch();
  }

  // The search box has the focus on open (after the shell moved it to the heading).
  useEffect(() => {
    let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => search.current?.focus())));
    return () => cancelAnimationFrame(frame);
  }, []);

  // Alt+N opens the walk-in form from anywhere on this screen.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && e.code === 'KeyN' && walkIn === null) {
        e.preventDefault();
        setWalkIn(query);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [walkIn, query]);

  if (!event) return <EventMissing title={t('checkin.title')} />;

  const buttons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (results[0]) checkIn(results[0]);
      else if (query.trim()) setWalkIn(query);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      buttons()[0]?.focus();
    } else if (e.key === 'Escape') setQuery('');
  }
  function onListKey(e: KeyboardEvent<HTMLUListElement>) {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = at + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) search.current?.focus();
      else all[Math.min(next, all.length - 1)]?.focus();
    } else if (e.key === 'Escape') backToSearch();
    else if (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey) search.current?.focus(); // typing goes on in the box
  }

  return (
    <section className="view checkin" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('checkin.titleFor', { name: event.eventName })}
        </h1>
        <button type="button" onClick={() => navigate({ view: 'event', eventId })}>
          {t('checkin.toEventPage')}
        </button>
      </div>
      <p className="hint">
        <EventWhen event={event} />
      </p>
      <p className="checkin-count" data-testid="checkin-count" data-count={present.size}>
        {t('checkin.present', { count: present.size })}
      </p>
      <div className="checkin-main">
        <div className="checkin-search">
          <label htmlFor={`${id}-q`}>{t('checkin.search')}</label>
          <Input
            id={`${id}-q`}
            ref={search}
            type="search"
            className="big"
            value={query}
            aria-describedby={`${id}-keys`}
            aria-keyshortcuts="Alt+N"
            onChange={(e) => {
              performance.mark(MARK_INPUT);
              setQuery(e.target.value);
            }}
            onKeyDown={onSearchKey}
          />
          <p id={`${id}-keys`} className="hint">
            {t('checkin.keys')}
          </p>
          {query.trim() && (
            <ul ref={list} className="checkin-results" aria-label={t('checkin.results')} onKeyDown={onListKey}>
              {results.map((m, i) => {
                const here = present.has(m.id);
                return (
                  <li key={m.id}>
                    <button
                      type="button"
                      data-member-id={m.id}
                      className={i === 0 ? 'first' : undefined}
                      onClick={() => checkIn(m)}
                    >
                      {!here && <span className="visually-hidden">{t('checkin.resultPrefix')} </span>}
                      <span className="name">{displayName(m)}</span>
                      <span className="detail">{resultDetail(m, regionNames)}</span>
                      {here && <span className="present-badge">{t('checkin.presentBadge')}</span>}
                      {i === 0 && !here && (
                        <span className="enter-hint" aria-hidden="true">
                          ↵
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
              <li>
                <button type="button" className="walkin-option" onClick={() => setWalkIn(query)}>
                  {t('checkin.walkInFor', { query: query.trim() })}
                </button>
              </li>
            </ul>
          )}
          {query.trim() && results.length === 0 && <p className="hint">{t('checkin.noMatch')}</p>}
          <div className="actions">
            <button type="button" onClick={() => setWalkIn(query)}>
              {t('checkin.walkIn')}
            </button>
            <button type="button" disabled={undo.length === 0} onClick={undoLast}>
              {undo.length ? t('checkin.undoName', { name: undo[undo.length - 1]!.name }) : t('checkin.undo')}
            </button>
          </div>
          <ErrorText error={error} />
        </div>
        <CheckInRecent present={present} />
      </div>
      <StatusLine said={status.said} className="checkin-said" />
      {walkIn !== null && (
        <WalkInForm
          initial={walkIn}
          onCancel={() => {
            setWalkIn(null);
            setError(null);
            search.current?.focus();
          }}
          onAdd={addWalkIn}
          error={error}
          onExisting={(m) => {
            setWalkIn(null);
            checkIn(m);
          }}
        />
      )}
    </section>
  );
}

/**
 * What tells two people of one name apart at the door, without reading out
 * their details: the e-mail's first letters and domain, a phone's last four
 * digits, their region.
 */
function resultDetail(m: Member, regionNames: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  const email = m.emails[0];
  if (email) {
    const [user = '', domain = ''] = email.split('@');
    parts.push(`${user.slice(0, 2)}…@${domain}`);
  }
  const phone = m.phones[0]?.replace(/\D/g, '');
  if (phone && phone.length >= 4) parts.push(`…${phone.slice(-4)}`);
  const region = m.regionId && regionNames.get(m.regionId);
  if (region) parts.push(region);
  return parts.join(' · ');
}
