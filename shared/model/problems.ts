import type { z } from 'zod';
import { AppError } from '../errors';
import type { CollectionName } from './layout';

/**
 * A stored record that did not validate. It is reported, never thrown, so one
 * bad record (a corrupt write, a field from a newer version with a value this
 * version does not know) never hides the roster. Holds field names and issue
 * codes only, never values: problems may be logged.
 */
export interface RecordProblem {
  readonly collection: CollectionName;
  readonly id: string;
  /** Top-level fields that failed. */
  readonly fields: readonly string[];
  /** zod issue codes, as `field:code`. */
  readonly issues: readonly string[];
  /** true: the record is left out of lists; false: shown without the failed (optional) fields. */
  readonly hidden: boolean;
}

export type ReadOne<T> =
  | { readonly ok: true; readonly record: T; readonly problem?: RecordProblem }
  | { readonly ok: false; readonly problem: RecordProblem };

export interface Listing<T> {
  readonly records: readonly T[];
  readonly problems: readonly RecordProblem[];
}

export function issueFields(error: z.ZodError): string[] {
  return [
    ...new Set(error.issues.map((i) => String(i.path[0] ?? (i.code === 'unrecognized_keys' ? i.keys.join(',') : '')))),
  ];
}

export function issueCodes(error: z.ZodError): string[] {
  return error.issues.map((i) => `${String(i.path[0] ?? '')}:${i.code}`);
}

/** The AppError for refused input: names the record kind and fields, never the values. */
export function invalidData(kind: string, error: z.ZodError): AppError {
  return new AppError('invalid-data', `${kind}: invalid ${issueCodes(error).join(', ')}`);
}
