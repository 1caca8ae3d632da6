/**
 * Cell values of the national list, turned into the model's codes. Each
 * parser returns `undefined` for an empty cell and `INVALID` for a value it
 * cannot read, so the caller can report the row instead of guessing.
 */
import { email as emailSchema, phone as phoneSchema } from '../model';
import type { DuesStatus, MailingPreference, MembershipStatus, MembershipType } from '../model';

export const INVALID = Symbol('invalid');
export type Parsed<T> = T | undefined | typeof INVALID;

/** Lower case, separators as single spaces: "Member_In Good-Standing " → "member in good standing". */
function words(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s_\-/]+/g, ' ');
}

function lookup<T>(table: Record<string, T>, cell: string): Parsed<T> {
  const key = words(cell);
  if (!key) return undefined;
  return Object.hasOwn(table, key) ? table[key] : INVALID;
}

/**
 * `expired` (files before 2021) means what `lapsed` means today: both become
 * `lapsed`, so "newly lapsed" is one comparison. The letter codes come from
 * `memb_status_letter`.
 */
const STATUSES: Record<string, MembershipStatus> = {
  'member in good standing': 'good_standing',
  'good standing': 'good_standing',
  'in good standing': 'good_standing',
  g: 'good_standing',
  member: 'member',
  m: 'member',
  lapsed: 'lapsed',
  l: 'lapsed',
  expired: 'lapsed',
  e: 'lapsed',
  x: 'lapsed',
};
export const membershipStatus = (cell: string): Parsed<MembershipStatus> => lookup(STATUSES, cell);

const TYPES: Record<string, MembershipType> = {
  'one time': 'one_time',
  onetime: 'one_time',
  'one time payment': 'one_time',
  yearly: 'yearly',
  annual: 'yearly',
  annually: 'yearly',
  'annual recurring': 'yearly',
  monthly: 'monthly',
  'monthly recurring': 'monthly',
  'income based': 'income_based',
  'income based dues': 'income_based',
};
export const membershipType = (cell: string): Parsed<MembershipType> => lookup(TYPES, cell);

const DUES: Record<string, DuesStatus> = {
  never: 'never',
  active: 'active',
  'past due': 'past_due',
  overdue: 'overdue',
  lapsed: 'lapsed',
  '2mo plus failed': '2mo_plus_failed',
  manual: 'manual',
  canceled: 'canceled',
  cancelled: 'canceled',
};
/** Every `canceled_by_admin` / `canceled_by_processor` / `cancelled_by_user`... is `canceled`. */
export function duesStatus(cell: string): Parsed<DuesStatus> {
  const key = words(cell);
  if (/^cancell?ed( by .*)?$/.test(key)) return 'canceled';
  return lookup(DUES, cell);
}

const YES = new Set(['yes', 'y', 'true', 't', '1', 'x']);
const NO = new Set(['no', 'n', 'false', 'f', '0']);
/**
 * TRUE/FALSE, Yes/No, Y/N, 1/0. `union_member` answers are sentences
 * ("Yes, current union member", "No, but former union member"): their first
 * word decides.
 */
export function yesNo(cell: string): Parsed<boolean> {
  const key = words(cell);
  if (!key) return undefined;
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  const first = key.split(/[\s,.;:]+/)[0] ?? '';
  if (first === 'yes') return true;
  if (first === 'no') return false;
  return INVALID;
}

/** `mailing_pref`: whether the member wants mail from the organization. */
export function mailingPreference(cell: string): Parsed<MailingPreference> {
  const key = words(cell);
  if (!key) return undefined;
  if (/^(no|n|false|0|none|opt out|opted out|do not mail|no mail)\b/.test(key)) return 'no_mail';
  if (/^(yes|y|true|1|mail|all|all mail|opt in|membership card only|card only)\b/.test(key)) return 'mail';
  return INVALID;
}

/**
 * A calendar day as `YYYY-MM-DD`, from `M/D/YYYY` (the national list),
 * `M/D/YY` (a file saved by Excel: years 00–49 are 2000s, 50–99 are 1900s),
 * or ISO with or without a time. Impossible dates (Feb 30) are invalid.
 */
export function day(cell: string): Parsed<string> {
  const s = cell.trim();
  if (!s) return undefined;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?: [0-9:]+(?: ?[AP]M)?)?$/i.exec(s);
  if (m) {
    const y = Number(m[3]);
    const year = m[3]!.length === 2 ? (y < 50 ? 2000 + y : 1900 + y) : y;
    return calendarDay(year, Number(m[1]), Number(m[2]));
  }
  return INVALID;
}

function calendarDay(year: number, month: number, dayOfMonth: number): Parsed<string> {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || dayOfMonth < 1) return INVALID;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (dayOfMonth > daysInMonth) return INVALID;
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/**
 * States (and the military's Europe address, AE) whose ZIPs start with 0:
 * New England, New Jersey, Puerto Rico, the Virgin Islands.
 */
const ZERO_ZIP_STATES = new Set([
  'ct',
  'connecticut',
  'ma',
  'massachusetts',
  'me',
  'maine',
  'nh',
  'new hampshire',
  'nj',
  'new jersey',
  'ri',
  'rhode island',
  'vt',
  'vermont',
  'pr',
  'puerto rico',
  'vi',
  'virgin islands',
  'us virgin islands',
  'ae',
]);

/** A ZIP whose leading zero may have been dropped: it is put back only where the state's ZIPs start with 0. */
export const ZIP_NEEDS_REVIEW = Symbol('zip-needs-review');

/**
 * A US ZIP as `12345` or `12345-6789`. A four-digit ZIP is a ZIP whose leading
 * zero a spreadsheet dropped ("2134" → "02134") only in a state whose ZIPs
 * start with 0; anywhere else (or with no state) it may as well be a typo
 * ("9001" in California), so it is not guessed: the row is flagged for review.
 */
export function zip(cell: string, state = ''): Parsed<string> | typeof ZIP_NEEDS_REVIEW {
  const s = cell.trim();
  if (!s) return undefined;
  const digits = s.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return INVALID;
  const short = digits.length === 4 || digits.length === 8;
  if (short && !ZERO_ZIP_STATES.has(words(state).replace(/\./g, ''))) return ZIP_NEEDS_REVIEW;
  if (digits.length === 4 || digits.length === 5) return digits.padStart(5, '0');
  if (digits.length === 8 || digits.length === 9) {
    const full = digits.padStart(9, '0');
    return `${full.slice(0, 5)}-${full.slice(5)}`;
  }
  return INVALID;
}

/** Tolerant, as the model is: national files hold addresses a strict check would refuse. */
export function email(cell: string): Parsed<string> {
  const s = cell.trim();
  if (!s) return undefined;
  return emailSchema.safeParse(s).success ? s : INVALID;
}

/** Kept as typed; it must hold a few digits and only phone punctuation. */
export function phone(cell: string): Parsed<string> {
  const s = cell.trim();
  if (!s) return undefined;
  return phoneSchema.safeParse(s).success ? s : INVALID;
}

/**
 * A cell may hold several numbers ("363-211-1181, 3632111181" or one per
 * line, as chapter tools export them): each is read on its own. Returns the
 * numbers read and whether any part could not be read.
 */
export function phones(cell: string): { numbers: string[]; invalid: boolean } {
  const numbers: string[] = [];
  let invalid = false;
  for (const part of cell.split(/[,;|\n\r]+|\s+(?:or|o|and|y)\s+|\s+\/\s+/i)) {
    const value = phone(part);
    if (value === INVALID) invalid = true;
    else if (value !== undefined) numbers.push(value);
  }
  return { numbers, invalid };
}

/**
 * `union_member`: a yes or no, or the member's own words. A sentence that
 * starts with yes or no ("Yes, current union member", "No, but former union
 * member") still says which; any other answer ("Currently organizing my
 * workplace") says neither, and is kept as written: it is what a
 * labor-focused organizer looks for.
 */
export function unionAnswer(cell: string): { member?: boolean; answer?: string } {
  const s = cell.trim().replace(/\s+/g, ' ');
  if (!s) return {};
  const member = yesNo(s);
  const bare = YES.has(words(s)) || NO.has(words(s));
  return {
    ...(member === INVALID ? {} : { member }),
    ...(bare ? {} : { answer: s.slice(0, MAX_UNION_ANSWER) }),
  };
}
/** The model's limit for `unionAnswer`: a longer answer is cut there rather than lost. */
const MAX_UNION_ANSWER = 200;

/** Free text up to the model's length for that field. */
export function text(max: number): (cell: string) => Parsed<string> {
  return (cell) => {
    const s = cell.trim();
    if (!s) return undefined;
    return s.length <= max ? s : INVALID;
  };
}
