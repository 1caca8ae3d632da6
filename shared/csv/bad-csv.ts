import { AppError } from '../errors';

/** Why a whole file was refused. The UI turns each into a plain sentence (`import.reasons.<reason>`). */
export const BAD_CSV_REASONS = [
  'empty',
  'too-large',
  'too-many-rows',
  'not-text',
  'spreadsheet',
  'encoding',
  'no-id-column',
  'duplicate-column',
  'ragged',
  'unreadable',
] as const;
export type BadCsvReason = (typeof BAD_CSV_REASONS)[number];

/**
 * A file the import refuses as a whole: nothing is written. `line` (1-based,
 * header = 1) points at the first bad row when there is one; the message names
 * no member data, only the reason and the line.
 */
export class BadCsvError extends AppError {
  constructor(
    readonly reason: BadCsvReason,
    readonly line?: number,
  ) {
    super('bad-csv', line === undefined ? `csv refused: ${reason}` : `csv refused: ${reason} at line ${line}`);
    this.name = 'BadCsvError';
  }
}

export function isBadCsv(e: unknown): e is BadCsvError {
  return e instanceof BadCsvError;
}
