/**
 * Reads the national organization's weekly membership CSV (any year's
 * header variant) into what each row says about a member. A file that cannot
 * be trusted as a whole throws BadCsvError before anything is written; a bad
 * value in one row is a RowProblem and the rest of the file still counts.
 */
import Papa from 'papaparse';
import { BadCsvError } from './bad-csv';
import { decodeCsv } from './decode';
import { mapHeaders } from './headers';
import type { ColumnChoices, FieldColumn, HeaderMapping } from './headers';
import { rowToMember } from './row';
import type { ImportedMember, RowProblem } from './row';

/** Most data rows accepted: ten times the largest chapter the app is sized for. */
export const MAX_CSV_ROWS = 100_000;
/** Most columns accepted (the 2023 list has about 60). */
export const MAX_CSV_COLUMNS = 500;

export interface ListRow {
  /** Spreadsheet row number: the header is row 1. */
  readonly row: number;
  readonly member: ImportedMember;
}

export interface NationalList {
  readonly rows: readonly ListRow[];
  readonly problems: readonly RowProblem[];
  /** What each header of the file became, in file order. */
  readonly headers: readonly HeaderMapping[];
  /** Headers this version does not know: their values are kept in each member's `extra`. */
  readonly unknownColumns: readonly string[];
  /** Data rows in the file (blank lines not counted), whether they could be read or not. */
  readonly rowCount: number;
  /**
   * What the id column says on rows that were skipped whole (their cells slid): those members are
   * in the file, so they are not reported as dropped off the list. Compared, never shown.
   */
  readonly unreadIds: readonly string[];
}

export interface ParseOptions {
  /** The chapter's header → column choices (the space's `importColumnMap`). */
  readonly columns?: ColumnChoices;
}

/** Parses and checks a whole file. Throws BadCsvError (code 'bad-csv') for a file that cannot be used. */
export function parseNationalList(input: string | Uint8Array, options: ParseOptions = {}): NationalList {
  const text = decodeCsv(input);
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t'],
  });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) throw new BadCsvError('unreadable', (quoteError.row ?? 0) + 1);

  const records = parsed.data;
  const headerCells = records[0];
  if (!headerCells || headerCells.length > MAX_CSV_COLUMNS) throw new BadCsvError('unreadable', 1);
  if (records.length - 1 > MAX_CSV_ROWS) throw new BadCsvError('too-many-rows');
  const { mappings, duplicateAt } = mapHeaders(headerCells, options.columns);
  if (duplicateAt !== undefined) throw new BadCsvError('duplicate-column', 1);
  const columns = new Set(mappings.flatMap((m) => (m.kind === 'field' ? [m.column] : [])));
  // Without an id nothing can be matched, and every weekly file would add everyone again.
  if (!columns.has('actionkit_id') && !columns.has('email')) throw new BadCsvError('no-id-column', 1);

  const rows: ListRow[] = [];
  const problems: RowProblem[] = [];
  const unreadIds: string[] = [];
  const idAt = mappings.findIndex((m) => m.kind === 'field' && m.column === 'actionkit_id');
  let rowCount = 0;
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    if (record.every((cell) => cell.trim() === '')) continue;
    const row = i + 1;
    rowCount++;
    // A row with more or fewer cells than the header means the columns slid (an unquoted comma):
    // values would land in the wrong fields (a phone number as a status), so the row is skipped whole
    // and listed; the organizer may apply the others.
    if (record.length !== mappings.length) {
      problems.push({ row, column: '', issue: 'ragged', skipped: true });
      const id = idAt >= 0 ? record[idAt]?.trim() : undefined;
      if (id) unreadIds.push(id);
      continue;
    }
    const cells = new Map<FieldColumn, { header: string; value: string }>();
    const extra: { header: string; key: string; value: string }[] = [];
    mappings.forEach((m, c) => {
      const value = unescapeCell(record[c] ?? '');
      if (m.kind === 'field') cells.set(m.column, { header: m.header, value });
      else extra.push({ header: m.header, key: m.key, value });
    });
    rows.push({ row, member: rowToMember(row, cells, extra, problems) });
  }
  // Not one row has the header's shape: the file is not what its header says (another delimiter, a
  // header row missing), and listing every row as a problem would only hide that.
  const firstRagged = problems.find((p) => p.issue === 'ragged');
  if (rows.length === 0 && firstRagged) throw new BadCsvError('ragged', firstRagged.row);
  // In the file's own order: by row, then left to right.
  const position = new Map(mappings.map((m, i) => [m.header, i]));
  problems.sort((a, b) => a.row - b.row || (position.get(a.column) ?? 0) - (position.get(b.column) ?? 0));
  return {
    rows,
    problems,
    headers: mappings,
    unknownColumns: mappings.flatMap((m) => (m.kind === 'extra' && !m.known ? [m.header] : [])),
    rowCount,
    unreadIds,
  };
}

/** Undoes the apostrophe `safeCell` puts before a formula-like cell, so our own exports import back as they were. */
function unescapeCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
