/**
 * Member lists as CSV, made the way consent asks: a call list never holds the
 * phone of someone who asked not to be called, a text list leaves out whoever
 * opted out of texts, a mailing list leaves out "no mail". Column names are
 * the national list's 2023 ones, so a file exported here imports back
 * unchanged. Every cell is safe to open in a spreadsheet (no formulas).
 */
import Papa from 'papaparse';
import { mayCall, mayMail, reachableBy } from '../model';
import type { Member } from '../model';

export const EXPORT_LISTS = ['call', 'text', 'mail', 'roster'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

const STATUS_WORDS: Record<NonNullable<Member['membershipStatus']>, string> = {
  good_standing: 'member in good standing',
  member: 'member',
  lapsed: 'lapsed',
  expired: 'lapsed',
};
const TYPE_WORDS: Record<NonNullable<Member['membershipType']>, string> = {
  one_time: 'one-time',
  yearly: 'yearly',
  monthly: 'monthly',
  income_based: 'income-based',
};

type Column = readonly [header: string, value: (m: Member) => string | undefined];

const flag = (b: boolean) => (b ? 'TRUE' : 'FALSE');
const callable = mayCall;
const mailable = mayMail;

const id: Column = ['actionkit_id', (m) => m.actionkitId];
const first: Column = ['first_name', (m) => m.firstName];
const last: Column = ['last_name', (m) => m.lastName];
/** The phone column of every list: empty for do-not-call, whichever list it is. */
const phone: Column = ['best_phone', (m) => (callable(m) ? m.phones[0] : undefined)];
const addressColumns: Column[] = [
  ['address1', (m) => (mailable(m) ? m.address?.lines[0] : undefined)],
  ['address2', (m) => (mailable(m) ? m.address?.lines.slice(1).join(', ') : undefined)],
  ['city', (m) => (mailable(m) ? m.address?.city : undefined)],
  ['state', (m) => (mailable(m) ? m.address?.state : undefined)],
];
const zip: Column = ['zip', (m) => m.zip];
const status: Column = ['membership_status', (m) => m.membershipStatus && STATUS_WORDS[m.membershipStatus]];

interface ListSpec {
  readonly include: (m: Member) => boolean;
  readonly columns: readonly Column[];
}

const LISTS: Record<ExportList, ListSpec> = {
  // Consent is the model's (shared/model/list.ts reachableBy), so a list worked on screen and its CSV agree.
  call: { include: (m) => reachableBy(m, 'call'), columns: [id, first, last, phone, zip, status] },
  text: { include: (m) => reachableBy(m, 'text'), columns: [id, first, last, phone, zip, status] },
  mail: { include: (m) => reachableBy(m, 'mail'), columns: [id, first, last, ...addressColumns, zip] },
  roster: {
    include: () => true,
    columns: [
      id,
      first,
      last,
      ['email', (m) => m.emails[0]],
      phone,
      ...addressColumns,
      zip,
      status,
      ['membership_type', (m) => m.membershipType && TYPE_WORDS[m.membershipType]],
      ['join_date', (m) => m.joinDate],
      ['xdate', (m) => m.xdate],
      ['do_not_call', (m) => flag(m.doNotCall)],
      ['p2ptext_optout', (m) => flag(m.textOptOut)],
      ['mailing_pref', (m) => (m.mailingPreference === 'no_mail' ? 'no mail' : m.mailingPreference)],
    ],
  },
};

/** Which members a list would hold (for a count before saving). */
export function membersInList(members: readonly Member[], list: ExportList): Member[] {
  return members.filter(LISTS[list].include);
}

/** The list as CSV text: UTF-8 BOM (so Excel reads accents), CRLF line ends, header row first. */
export function exportMembers(members: readonly Member[], list: ExportList): string {
  const spec = LISTS[list];
  const rows = membersInList(members, list).map((m) => spec.columns.map(([, value]) => value(m) ?? ''));
  return gridCsv([spec.columns.map(([h]) => h), ...rows]);
}

/** Rows of cells as CSV text the same way: UTF-8 BOM, CRLF, every cell safe to open in a spreadsheet. */
export function gridCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + Papa.unparse(rows.map((row) => row.map(safeCell)) as string[][], { newline: '\r\n' });
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab /
 * carriage return before one) gets a leading apostrophe: shown as text, never
 * executed (CSV injection, OWASP).
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
