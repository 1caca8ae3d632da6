/** The roster's column headers (sort buttons). Memoized: unchanged while the user types a search. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterSort, SortKey } from './rows';
import { Input } from '../../components/fields';

const COLUMNS: readonly { key: SortKey | 'contact'; sortable: boolean }[] = [
  { key: 'name', sortable: true },
  { key: 'contact', sortable: false },
  { key: 'region', sortable: true },
  { key: 'status', sortable: true },
  { key: 'ladder', sortable: true },
  { key: 'assessment', sortable: true },
  { key: 'joinDate', sortable: true },
  { key: 'attended', sortable: true },
];

interface Props {
  readonly sort: RosterSort;
  readonly onSort: (sort: RosterSort) => void;
  readonly allSelected: boolean;
  readonly onSelectAll: (selected: boolean) => void;
  readonly count: number;
}

export const RosterHead = memo(function RosterHead({ sort, onSort, allSelected, onSelectAll, count }: Props) {
  const { t } = useTranslation();
  return (
    <div role="rowgroup" className="roster-head">
      <div role="row" aria-rowindex={1} className="roster-row">
        <div role="columnheader" className="select">
          <Input
            type="checkbox"
            checked={allSelected}
            onChange={(e) => onSelectAll(e.target.checked)}
            aria-label={t('roster.selectAll', { count })}
          />
        </div>
        {COLUMNS.map((c) => {
          const active = c.sortable && sort.key === c.key;
          return (
            <div key={c.key} role="columnheader" aria-sort={active ? sort.direction : c.sortable ? 'none' : undefined}>
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
  );
});
