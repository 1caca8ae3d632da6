import { useCallback, useId, useLayoutEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberFilters } from '../../../shared/model/filter';
import { displayName, type Member } from '../../../shared/model/member';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useLoaded } from '../../app/space-loading';
import { useRecords } from '../../app/useRecords';
import { ROSTER_READS, searchIndexLoaded, useMembers, useRegionNames, useSearchIndex } from '../../app/useRoster';
import { useRosterPreview } from '../../app/roster-preview';
import { AddMemberDialog } from './AddMemberDialog';
import { RosterFilters } from './RosterFilters';
import { RosterTable } from './RosterTable';
import { applySearch, filteredSorted, type RosterAttendance, type RosterSort } from './rows';
import { useAttendanceCounts } from '../meetings/useEvents';
import { SavedViews } from './SavedViews';
import { Input } from '../../components/fields';
import { BulkActions } from './BulkActions';
import { MakeListDialog } from '../lists/MakeListDialog';
import type { ListSource } from '../../../shared/model/list';
import { useSyncState } from '../../sync/context';
import { ArrivalProgress } from '../sharing/Arrivals';

/** Performance marks for the search benchmark: keystroke → rows in the DOM. */
const MARK_INPUT = 'roster-search-input';
export const SEARCH_MEASURE = 'search-keystroke';

/** `initialFilters`: the roster opened from elsewhere already filtered (a region clicked on the map). */
export function Roster({ initialFilters = {} }: { readonly initialFilters?: MemberFilters }) {
  const { t } = useTranslation();
  const { data, navigate, spaceId, opening } = useSpace();
  // A space still arriving from a peer: its roster fills in; it is not an empty roster to set up.
  const arriving = useSyncState().arrivals[spaceId];
  const id = useId();
  // 10,000 members are read, and indexed for search, in slices before the rows show (space-loading.ts).
  const live = useLoaded(ROSTER_READS, searchIndexLoaded) && !opening;
  // Until then, the space's read index if it had one (roster-preview.ts): the same rows, still.
  const preview = useRosterPreview();
  const shown = live ? null : preview;
  const loaded = live || shown !== null;
  const liveMembers = useMembers(live);
  const liveIndex = useSearchIndex(live);
  const liveRegionNames = useRegionNames();
  // The chapter's "active" rule (meetings): a filter and a column.
  const { rule, counts } = useAttendanceCounts(live);
  const members = shown ? shown.roster.members : liveMembers;
  const index = shown ? shown.index : liveIndex;
  const regionNames = shown ? shown.regionNames : liveRegionNames;
  const min = shown ? shown.roster.activeRule.min : rule.min;
  const attendance: RosterAttendance = useMemo(
    () => ({ counts: shown ? shown.counts : counts, min }),
    [shown, counts, min],
  );
  /** Why writing actions wait (the space is still opening), or undefined when they can be used. */
  const waiting = live ? undefined : `${id}-waiting`;
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<MemberFilters>(initialFilters);
  const [sort, setSort] = useState<RosterSort>({ key: 'name', direction: 'ascending' });
  const [adding, setAdding] = useState(false);
  const [toDelete, setToDelete] = useState<Member | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Selection for bulk actions and lists, and the saved view the rows came from (a list names its source).
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const [viewName, setViewName] = useState('');
  const [makingList, setMakingList] = useState(false);

  const liveSkills = useRecords(
    (data) => (filters.skill ? data.memberSkills.all() : []),
    [filters.skill],
    'memberSkills',
  );
  const memberSkills = shown && filters.skill ? shown.roster.memberSkills : liveSkills;
  const sorted = useMemo(
    () => filteredSorted(members, filters, memberSkills, sort, regionNames, attendance, index),
    [members, filters, memberSkills, sort, regionNames, attendance, index],
  );
  // The index follows the members in place (useSearchIndex); `sorted` is new after every change of them.
  const rows = useMemo(() => applySearch(sorted, index, query), [sorted, index, query]);

  // Runs after React has put the new rows in the DOM (or the empty state).
  useLayoutEffect(() => {
    if (performance.getEntriesByName(MARK_INPUT, 'mark').length === 0) return;
    performance.measure(SEARCH_MEASURE, MARK_INPUT);
    performance.clearMarks(MARK_INPUT);
  }, [rows]);

  const open = useCallback((m: Member) => navigate({ view: 'member', memberId: m.id }), [navigate]);
  // Nobody selected (as the roster opens): no walk over every member.
  const selected = useMemo(
    () => (selectedIds.size === 0 ? [] : members.filter((m) => selectedIds.has(m.id))),
    [members, selectedIds],
  );
  const select = useCallback(
    (m: Member, on: boolean) =>
      setSelectedIds((ids) => {
        const next = new Set(ids);
        if (on) next.add(m.id);
        else next.delete(m.id);
        return next;
      }),
    [],
  );
  const allShownSelected = rows.length > 0 && rows.every((m) => selectedIds.has(m.id));
  const listSource: ListSource = selected.length
    ? { kind: 'selection', count: selected.length }
    : viewName
      ? { kind: 'view', name: viewName }
      : { kind: 'roster' };

  return (
    <section className="view roster" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('roster.title')}
        </h1>
        <div className="actions">
          <button
            type="button"
            onClick={() => setMakingList(true)}
            disabled={rows.length === 0 || !live}
            aria-describedby={waiting}
          >
            {selected.length
              ? t('roster.makeListSelected', { count: selected.length })
              : t('roster.makeList', { count: rows.length })}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => setAdding(true)}
            disabled={!live}
            aria-describedby={waiting}
          >
            {t('roster.add')}
          </button>
        </div>
      </div>
      {waiting && shown && (
        <p id={waiting} className="hint" role="status">
          {t(arriving ? 'roster.openingArriving' : 'roster.opening')}
        </p>
      )}
      <div className="search-row">
        <label htmlFor={`${id}-q`}>{t('roster.search')}</label>
        <Input
          id={`${id}-q`}
          type="search"
          value={query}
          placeholder={t('roster.searchPlaceholder')}
          onChange={(e) => {
            performance.mark(MARK_INPUT);
            setQuery(e.target.value);
            setViewName('');
          }}
        />
        <SavedViews
          waiting={waiting}
          current={{ query, filters, sort }}
          onApply={(v, name) => {
            setQuery(v.query);
            setFilters(v.filters);
            setSort(v.sort);
            setViewName(name);
          }}
        />
      </div>
      <RosterFilters
        preview={shown}
        members={members}
        filters={filters}
        onChange={(f) => {
          setFilters(f);
          setViewName('');
        }}
      />
      {selected.length > 0 && live && <BulkActions selected={selected} onClear={() => setSelectedIds(new Set())} />}
      {loaded ? (
        <p role="status" className="count" data-testid="roster-count" data-count={rows.length}>
          {t('roster.count', { shown: rows.length, count: members.length })}
        </p>
      ) : (
        <p role="status" className="count" aria-busy="true" data-testid="roster-loading">
          {t('roster.loading')}
        </p>
      )}
      <ErrorText error={error} />
      {arriving && (
        <div className="panel roster-arriving">
          {/* Beside a roster from an admin's checkpoint every member is already shown: the rest is what comes. */}
          <p role="status">{t(waiting ? 'roster.arrivingRest' : 'roster.arriving')}</p>
          <ArrivalProgress arrival={arriving} />
        </div>
      )}
      {!loaded ? null : members.length === 0 ? (
        arriving ? null : (
          <div className="empty">
            <p>{t('roster.emptyAll')}</p>
          </div>
        )
      ) : rows.length === 0 ? (
        <div className="empty">
          <p>{t('roster.emptyMatch')}</p>
        </div>
      ) : (
        <RosterTable
          rows={rows}
          regionNames={regionNames}
          attendance={attendance}
          sort={sort}
          onSort={setSort}
          onOpen={open}
          onDelete={setToDelete}
          waiting={waiting}
          selectedIds={selectedIds}
          onSelect={select}
          allSelected={allShownSelected}
          onSelectAll={(on) => setSelectedIds(on ? new Set([...selectedIds, ...rows.map((m) => m.id)]) : new Set())}
        />
      )}
      {makingList && (
        <MakeListDialog
          members={selected.length ? selected : rows}
          source={listSource}
          onClose={() => setMakingList(false)}
        />
      )}
      {adding && (
        <AddMemberDialog
          onClose={(createdId) => {
            setAdding(false);
            if (createdId) navigate({ view: 'member', memberId: createdId });
          }}
        />
      )}
      <ConfirmDialog
        open={toDelete !== null}
        title={t('roster.deleteTitle')}
        message={toDelete ? t('roster.deleteQuestion', { name: displayName(toDelete) }) : ''}
        confirmLabel={t('common.delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          try {
            if (toDelete) data.members.delete(toDelete.id);
          } catch (e) {
            setError(e);
          }
          setToDelete(null);
        }}
      />
    </section>
  );
}
