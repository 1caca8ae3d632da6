/** The national membership list: import (parse, plan, apply) and consent-respecting export. */
export { BAD_CSV_REASONS, BadCsvError, isBadCsv } from './bad-csv';
export type { BadCsvReason } from './bad-csv';
export { MAX_CSV_BYTES } from './decode';
export { FIELD_COLUMNS, EXTRA_COLUMNS, isFieldColumn, mapHeaders, snakeHeader } from './headers';
export type { ColumnChoices, FieldColumn, HeaderMapping } from './headers';
export { parseNationalList, MAX_CSV_ROWS, MAX_CSV_COLUMNS } from './national-list';
export type { ListRow, NationalList, ParseOptions } from './national-list';
export type { ImportedMember, RowIssue, RowProblem } from './row';
export { CONSENT_FIELDS } from './merge';
export type { ConsentField, Loosened } from './merge';
export {
  planImport,
  planAgainst,
  applyImport,
  isPlanCurrent,
  consentKey,
  withAcceptedConsent,
  recordListRows,
} from './diff';
export { memberSnapshot, SNAPSHOT_FIELDS } from './roster-snapshot';
export type { MemberSnapshot } from './roster-snapshot';
export type {
  ApplyOptions,
  DroppedOff,
  ImportPlan,
  ImportResult,
  MatchedBy,
  PlanContext,
  PlannedChange,
  PlannedNew,
  SupersededColumn,
  Truncation,
} from './diff';
export { EXPORT_LISTS, exportMembers, membersInList, safeCell } from './export';
export type { ExportList } from './export';
