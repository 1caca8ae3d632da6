/**
 * The virtualized roster table: only the rows in view (plus a few) are in the
 * DOM, so 10,000 members scroll smoothly. ARIA table semantics with
 * aria-rowcount / aria-rowindex tell screen readers the full size.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { displayName, type Member } from '../../../shared/model/member';
import { useLabels } from '../../app/useLabels';
import type { RosterSort, SortKey } from './rows';

const ROW_HEIGHT = 44;

interface Props {
  readonly rows: readonly Member[];
  readonly regionNames: ReadonlyMap<string, string>;
  readonly sort: RosterSort;
  readonly onSort: (sort: RosterSort) => void;
  readonly onOpen: (member: Member) => void;
  readonly onDelete: (member: Member) => void;
}

const COLUMNS: readonly { key: SortKey | 'contact'; sortable: boolean }[] = [
  { key: 'name', sortable: true },
  { key: 'contact', sortable: false },
  { key: 'region', sortable: true },
  { key: 'status', sortable: true },
  { key: 'ladder', sortable: true },
  { key: 'assessment', sortable: true },
  { key: 'joinDate', sortable: true },
];

export function RosterTable({ rows, regionNames, sort, onSort, onOpen, onDelete }: Props) {
  const { t } = useTranslation();
  const label = useLabels();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  return (
    <div role="table" className="roster-table" aria-label={t('roster.tableLabel')} aria-rowcount={rows.length + 1}>
      <div role="rowgroup" className="roster-head">
        <div role="row" aria-rowindex={1} className="roster-row">
          {COLUMNS.map((c) => {
            const active = c.sortable && sort.key === c.key;
            return (
              <div
                key={c.key}
                role="columnheader"
                aria-sort={active ? sort.direction : c.sortable ? 'none' : undefined}
              >
                {c.sortable ? (
                  <button
                    type="button"
                    className="sort"
                    onClick={() =>
                      onSort({
                        key: c.key as SortKey,
                        direction: active && sort.direction === 'ascending' ? 'descending' : 'ascending',
                      })
                    }
                  >
                    {t(`roster.column.${c.key}`)}
                    <span aria-hidden="true">{active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  t(`roster.column.${c.key}`)
                )}
              </div>
            );
          })}
          <div role="columnheader">{t('roster.column.actions')}</div>
        </div>
      </div>
      <div
        ref={scrollRef}
        className="roster-scroll"
        tabIndex={0}
        role="rowgroup"
        aria-label={t('roster.rowsLabel')}
        data-testid="roster-scroll"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const m = rows[item.index]!;
            const name = displayName(m);
            return (
              <div
                key={m.id}
                role="row"
                aria-rowindex={item.index + 2}
                className="roster-row"
                data-member-id={m.id}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <div role="cell">
                  <button type="button" className="link name" onClick={() => onOpen(m)}>
                    {name}
                  </button>
                </div>
                <div role="cell" className="contact">
                  <span>{m.phones[0] ?? m.emails[0] ?? ''}</span>
                  {m.doNotCall && <span className="badge">{t('consent.doNotCallShort')}</span>}
                  {m.textOptOut && <span className="badge">{t('consent.noTextsShort')}</span>}
                </div>
                <div role="cell">{m.regionId ? (regionNames.get(m.regionId) ?? '') : ''}</div>
                <div role="cell">{label('membershipStatus', m.membershipStatus)}</div>
                <div role="cell">{label('ladderStage', m.ladderStage)}</div>
                <div role="cell">{m.assessment ?? ''}</div>
                <div role="cell">{m.joinDate ?? ''}</div>
                <div role="cell" className="row-actions">
                  <button type="button" onClick={() => onOpen(m)} aria-label={t('roster.editMember', { name })}>
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => onDelete(m)}
                    aria-label={t('roster.deleteMember', { name })}
                  >
                    {t('common.delete')}
                  </button>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
