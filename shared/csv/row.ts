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
  'invalid-value' | 'too-long' | 'no-id' | 'no-first-name' | 'duplicate-id' | 'ambiguous-email' | 'rejected';

/** A problem with one row: the row is still used where it can be. Holds no member data. */
export interface RowProblem {
  /** Spreadsheet row number: the header is row 1. */
  readonly row: number;
  /** The file's header, or a member field name for problems that are not about one column. */
  readonly column: string;
  readonly issue: RowIssue;
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
    unionMember: read(['union_member'], v.yesNo),
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

function listOf<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

/** Best phone first, then mobile, home, work; the same number twice is kept once. */
function phones(row: number, cells: Cells, problems: RowProblem[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const column of ['best_phone', 'mobile_phone', 'home_phone', 'work_phone'] as const) {
    const cell = cells.get(column);
    const value = cell ? v.phone(cell.value) : undefined;
    if (value === v.INVALID) problems.push({ row, column: cell!.header, issue: 'invalid-value' });
    else if (value !== undefined && !seen.has(phoneKey(value))) {
      seen.add(phoneKey(value));
      out.push(value);
    }
  }
  return out;
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
    const lines = [check(l1, 200), check(l2, 200)].filter(Boolean);
    const cityValue = check(city, 100);
    const stateValue = check(state, 40);
    if (lines.length || cityValue || stateValue)
      out.address = {
        lines,
        ...(cityValue ? { city: cityValue } : {}),
        ...(stateValue ? { state: stateValue } : {}),
      };
    const z = v.zip(value(zipColumn));
    if (z === v.INVALID) problems.push({ row, column: cells.get(zipColumn)!.header, issue: 'invalid-value' });
    else if (z !== undefined) out.zip = z;
    return out;
  }
  return {};
}
