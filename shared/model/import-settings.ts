/**
 * A chapter's settings for the weekly national-list import, kept in the
 * space's `meta` map beside its name, so every organizer of the space shares
 * them (they sync like any other change):
 * - `importColumns`: a Y.Map from a file's header (in `snakeHeader` form) to
 *   the import column an organizer chose for it. One key per header, so two
 *   organizers mapping different columns at once both win. The targets are
 *   checked by shared/csv when it reads them; an unknown one is ignored.
 * - `importListRows`: how many rows the last applied list had, to notice a
 *   file that was cut short.
 */
import * as Y from 'yjs';
import { AppError } from '../errors';
import { metaMap } from './layout';
import type { SpaceData } from './space-data';

export const META_IMPORT_COLUMNS = 'importColumns';
export const META_IMPORT_LIST_ROWS = 'importListRows';

/** Longest header and target kept (a header longer than this is not a column anyone maps). */
const MAX_KEY = 100;
/** Most mappings kept: the national list has about 60 columns. */
export const MAX_IMPORT_COLUMNS = 200;

/** The chapter's header → column choices, as stored (values unchecked). */
export function importColumnMap(data: Pick<SpaceData, 'doc'>): Record<string, string> {
  const stored = metaMap(data.doc).get(META_IMPORT_COLUMNS);
  if (!(stored instanceof Y.Map)) return {};
  const entries: [string, string][] = [];
  stored.forEach((value, key) => {
    // A peer may have written anything here: only short strings are taken, the rest ignored.
    if (typeof value === 'string' && key.length <= MAX_KEY && value.length <= MAX_KEY) entries.push([key, value]);
  });
  // fromEntries defines own properties: a key such as "__proto__" stays a plain key.
  return Object.fromEntries(entries.slice(0, MAX_IMPORT_COLUMNS));
}

/** Maps `header` to `column` for every later import of this space; `undefined` keeps it as its own column again. */
export function setImportColumn(data: SpaceData, header: string, column: string | undefined): void {
  if (!header || header.length > MAX_KEY || (column !== undefined && (!column || column.length > MAX_KEY)))
    throw new AppError('invalid-data', 'import column mapping: 1–100 characters');
  data.transact(() => {
    const meta = metaMap(data.doc);
    let map = meta.get(META_IMPORT_COLUMNS);
    if (!(map instanceof Y.Map)) {
      if (column === undefined) return;
      map = new Y.Map<string>();
      meta.set(META_IMPORT_COLUMNS, map);
    }
    const columns = map as Y.Map<string>;
    if (column === undefined) columns.delete(header);
    else if (columns.has(header) || columns.size < MAX_IMPORT_COLUMNS) columns.set(header, column);
    else throw new AppError('invalid-data', `import column mapping: at most ${MAX_IMPORT_COLUMNS}`);
  });
}

/** Rows of the last national list applied in this space, if any. */
export function lastImportRows(data: Pick<SpaceData, 'doc'>): number | undefined {
  const n = metaMap(data.doc).get(META_IMPORT_LIST_ROWS);
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** Call inside the transaction that applies the list. */
export function setLastImportRows(data: SpaceData, rows: number): void {
  data.transact(() => metaMap(data.doc).set(META_IMPORT_LIST_ROWS, rows));
}
