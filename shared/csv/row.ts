/**
 * One row of the national list → what it says about one member, in the
 * model's terms. A value that cannot be read is reported for its row and
 * column and left out; the rest of the row still counts.
 */
import { phoneKey } from '../model';
import type { DuesStatus, MailingPreference, MembershipStatus, MembershipType } from '../model';
import type { FieldColumn } from './headers';
import * as v from './values';
import type { Parsed } from './values';

/** What the file says about a member. Absent (undefined / empty list) = the file says nothing. */
export interface ImportedMember {
  actionkitId?: string;
  firstName?: string;
  lastName?: string;
  emails: string[];
  phones: string[];
  address?: { lines: string[]; city?: string; state?: string };
  zip?: string;
  membershipStatus?: MembershipStatus;
  membershipType?: MembershipType;
  duesStatus?: DuesStatus;
  joinDate?: string;
  xdate?: string;
  unionMember?: boolean;
  /** The member's own words, when `union_member` said more than yes or no. */
  unionAnswer?: string;
  unionName?: string;
  unionLocal?: string;
  student?: boolean;
  doNotCall?: boolean;
  textOptOut?: boolean;
  mailingPreference?: MailingPreference;
  /** Columns the member record has no field for, by canonical key. */
  extra: Record<string, string>;
}

export type RowIssue =
  | 'invalid-value'
  | 'too-long'
  | 'zip-review'
  | 'ragged'
  | 'no-id'
  | 'no-first-name'
  | 'duplicate-id'
  | 'ambiguous-email'
  | 'rejected';

/** A problem with one row: the row is still used where it can be. Holds no member data. */
export interface RowProblem {
  /** Spreadsheet row number: the header is row 1. */
  readonly row: number;
  /** The file's header, or a member field name for problems that are not about one column. */
  readonly column: string;
  readonly issue: RowIssue;
  /** True when nothing of the row was used (it was skipped); false when only this value was left out. */
  readonly skipped?: boolean;
}

/** Longest value kept in `extra` (the model's limit). */
export const MAX_EXTRA_VALUE = 2000;

type Cells = ReadonlyMap<FieldColumn, { readonly header: string; readonly value: string }>;

export function rowToMember(
  row: number,
  cells: Cells,
  extraCells: readonly { header: string; key: string; value: string }[],
  problems: RowProblem[],
): ImportedMember {
  /** The first non-empty column of `columns`, read with `parse`; a bad value is reported. */
  function read<T>(columns: readonly FieldColumn[], parse: (cell: string) => Parsed<T>): T | undefined {
    for (const column of columns) {
      const cell = cells.get(column);
      if (!cell || !cell.value.trim()) continue;
      const value = parse(cell.value);
      if (value === v.INVALID) {
        problems.push({ row, column: cell.header, issue: 'invalid-value' });
        return undefined;
      }
      return value;
    }
    return undefined;
  }

  const membershipType = read(['membership_type'], v.membershipType);
  // The dues column that matches the kind of membership speaks first.
  const duesColumns: FieldColumn[] =
    membershipType === 'yearly'
      ? ['yearly_dues_status', 'monthly_dues_status']
      : ['monthly_dues_status', 'yearly_dues_status'];

  const member: ImportedMember = {
    actionkitId: read(['actionkit_id'], v.text(40)),
    firstName: read(['first_name'], v.text(100)),
    lastName: read(['last_name'], v.text(100)),
    emails: listOf(read(['email'], v.email)),
    phones: phones(row, cells, problems),
    ...addressOf(row, cells, problems),
    membershipStatus: read(['membership_status', 'memb_status', 'memb_status_letter'], v.membershipStatus),
    membershipType,
    duesStatus: read(duesColumns, v.duesStatus),
    joinDate: read(['join_date'], v.day),
    xdate: read(['xdate'], v.day),
    ...union(cells),
    unionName: read(['union_name'], v.text(200)),
    unionLocal: read(['union_local'], v.text(100)),
    student: read(['student'], v.yesNo),
    doNotCall: read(['do_not_call'], v.yesNo),
    textOptOut: read(['p2ptext_optout'], v.yesNo),
    mailingPreference: read(['mailing_pref'], v.mailingPreference),
    extra: {},
  };
  for (const { header, key, value } of extraCells) {
    const trimmed = value.trim();
    if (!trimmed) continue;
    if (trimmed.length > MAX_EXTRA_VALUE) problems.push({ row, column: header, issue: 'too-long' });
    else member.extra[key] = trimmed;
  }
  return member;
}

function union(cells: Cells): Pick<ImportedMember, 'unionMember' | 'unionAnswer'> {
  const { member, answer } = v.unionAnswer(cells.get('union_member')?.value ?? '');
  return { ...(member === undefined ? {} : { unionMember: member }), ...(answer ? { unionAnswer: answer } : {}) };
}

function listOf<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

/** Most numbers kept per member (the model's limit). */
const MAX_PHONES = 10;

/**
 * Best phone first, then mobile, home, work; a cell holding several numbers
 * gives each; the same number twice is kept once. A part that is not a number
 * is reported, and the others in its cell are still kept.
 */
function phones(row: number, cells: Cells, problems: RowProblem[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const column of ['best_phone', 'mobile_phone', 'home_phone', 'work_phone'] as const) {
    const cell = cells.get(column);
    if (!cell) continue;
    const { numbers, invalid } = v.phones(cell.value);
    if (invalid) problems.push({ row, column: cell.header, issue: 'invalid-value' });
    for (const n of numbers) {
      if (seen.has(phoneKey(n)) || out.length >= MAX_PHONES) continue;
      seen.add(phoneKey(n));
      out.push(n);
    }
  }
  return out;
}

/** The model's limit on address lines: a longer address keeps its last lines joined on the last one. */
const MAX_ADDRESS_LINES = 4;

/** A street cell with a line break in it is two lines, as it is on an envelope. */
function addressLines(cells: readonly string[]): string[] {
  const lines = cells.flatMap((cell) => cell.split(/\r\n|\r|\n/).map((line) => line.trim())).filter(Boolean);
  if (lines.length <= MAX_ADDRESS_LINES) return lines;
  return [...lines.slice(0, MAX_ADDRESS_LINES - 1), lines.slice(MAX_ADDRESS_LINES - 1).join(', ')];
}

const ADDRESS_GROUPS = [
  // Where mail reaches the member first; the billing address only when nothing else is given.
  ['mailing_address1', 'mailing_address2', 'mailing_city', 'mailing_state', 'mailing_zip'],
  ['address1', 'address2', 'city', 'state', 'zip'],
  ['billing_address1', 'billing_address2', 'billing_city', 'billing_state', 'billing_zip'],
] as const satisfies readonly (readonly FieldColumn[])[];

function addressOf(row: number, cells: Cells, problems: RowProblem[]): Pick<ImportedMember, 'address' | 'zip'> {
  const value = (c: FieldColumn) => cells.get(c)?.value.trim() ?? '';
  for (const [l1, l2, city, state, zipColumn] of ADDRESS_GROUPS) {
    if (![l1, l2, city, state, zipColumn].some((c) => value(c))) continue;
    const out: Pick<ImportedMember, 'address' | 'zip'> = {};
    const check = (c: FieldColumn, max: number) => {
      const s = value(c);
      if (s.length <= max) return s;
      problems.push({ row, column: cells.get(c)!.header, issue: 'too-long' });
      return '';
    };
    const lines = addressLines([check(l1, 200), check(l2, 200)]);
    const cityValue = check(city, 100);
    const stateValue = check(state, 40);
    if (lines.length || cityValue || stateValue)
      out.address = {
        lines,
        ...(cityValue ? { city: cityValue } : {}),
        ...(stateValue ? { state: stateValue } : {}),
      };
    const z = v.zip(value(zipColumn), stateValue);
    if (z === v.INVALID) problems.push({ row, column: cells.get(zipColumn)!.header, issue: 'invalid-value' });
    else if (z === v.ZIP_NEEDS_REVIEW)
      problems.push({ row, column: cells.get(zipColumn)!.header, issue: 'zip-review' });
    else if (z !== undefined) out.zip = z;
    return out;
  }
  return {};
}
