/**
 * A table that keeps only the rows in view (plus a few) in the DOM, so lists
 * of tens of thousands of rows open and scroll quickly. ARIA table markup:
 * aria-rowcount on the table and aria-rowindex on each row tell screen
 * readers the full size; the scrolling row group takes the focus, so the
 * arrow keys and Page Up/Down scroll it, and Tab reaches the controls of the
 * rows in view.
 */
import { useRef, type CSSProperties, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** A row the caller renders: its position among the data rows and its offset in the scrolled area. */
export interface VirtualRow {
  readonly index: number;
  readonly start: number;
}

interface Props {
  readonly label: string;
  /** Data rows, without the header. */
  readonly count: number;
  readonly rowHeight: number;
  /** The header row group; its row has aria-rowindex 1. */
  readonly head: ReactNode;
  /** One row, with its own key, role="row" and aria-rowindex={index + 2} (see VirtualTableRow). */
  readonly renderRow: (row: VirtualRow) => ReactNode;
  readonly rowsLabel: string;
  readonly className?: string;
  readonly testId?: string;
  readonly scrollTestId?: string;
  readonly overscan?: number;
}

/**
 * The virtualizer of the scrolled area. A hook of its own: the virtualizer keeps its first options (and so
 * the scope their callbacks were made in) for the table's life, and the table's scope holds `renderRow`,
 * whose scope holds the caller's rows: the roster's first rows may be the read index's 10,000 records
 * (renderer/app/roster-preview.ts), which must be collected once it reads the live model.
 */
function useRowsInView(count: number, rowHeight: number, overscan: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  return { scrollRef, virtualizer };
}

export function VirtualTable({
  label,
  count,
  rowHeight,
  head,
  renderRow,
  rowsLabel,
  className = 'roster-table',
  testId,
  scrollTestId,
  overscan = 8,
}: Props) {
  const { scrollRef, virtualizer } = useRowsInView(count, rowHeight, overscan);
  return (
    <div role="table" className={className} aria-label={label} aria-rowcount={count + 1} data-testid={testId}>
      {head}
      <div
        ref={scrollRef}
        className="roster-scroll"
        tabIndex={0}
        role="rowgroup"
        aria-label={rowsLabel}
        data-testid={scrollTestId}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => renderRow({ index: item.index, start: item.start }))}
        </div>
      </div>
    </div>
  );
}

/** Where a data row sits: absolutely placed at its offset, with the table's grid columns. */
export function rowStyle(start: number, height: number, columns?: string): CSSProperties {
  return {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height,
    transform: `translateY(${start}px)`,
    ...(columns ? { gridTemplateColumns: columns } : {}),
  };
}

interface RowProps {
  readonly row: VirtualRow;
  readonly height: number;
  readonly columns: string;
  readonly children: ReactNode;
  readonly className?: string;
}

/** A data row of a VirtualTable (the caller sets its key). */
export function VirtualTableRow({ row, height, columns, children, className = 'roster-row' }: RowProps) {
  return (
    <div role="row" aria-rowindex={row.index + 2} className={className} style={rowStyle(row.start, height, columns)}>
      {children}
    </div>
  );
}

/** The header row group of a VirtualTable: one row of column headers. */
export function VirtualTableHead({ columns, children }: { columns: string; children: ReactNode }) {
  return (
    <div role="rowgroup" className="roster-head">
      <div role="row" aria-rowindex={1} className="roster-row" style={{ gridTemplateColumns: columns }}>
        {children}
      </div>
    </div>
  );
}
