/**
 * The national list's column names over the years, mapped to one canonical
 * name each. 2020 files say `AK_ID`, `Mobile_Phone`, `Memb_status`; 2021 adds
 * `Billing_*` / `Mailing_*` addresses and `YDSA Chapter`; late 2022 adds
 * `best_phone`, `p2ptext_optout`, `memb_status_letter`; 2023+ is lower-case
 * with `actionkit_id`, `address1`, `zip`... Matching ignores case, spaces,
 * hyphens and underscores, so "YDSA Chapter", "ydsa_chapter" and
 * "YDSA_Chapter" are one column.
 */

/** Columns the import reads into member fields. */
export const FIELD_COLUMNS = {
  actionkit_id: ['ak_id', 'actionkit_id', 'akid', 'actionkit'],
  first_name: ['first_name', 'firstname', 'given_name'],
  last_name: ['last_name', 'lastname', 'surname', 'family_name'],
  email: ['email', 'email_address', 'e_mail'],
  best_phone: ['best_phone'],
  mobile_phone: ['mobile_phone', 'cell_phone', 'mobile'],
  home_phone: ['home_phone'],
  work_phone: ['work_phone'],
  do_not_call: ['do_not_call', 'dnc'],
  p2ptext_optout: ['p2ptext_optout', 'p2p_text_optout', 'text_optout', 'sms_optout'],
  mailing_pref: ['mailing_pref', 'mail_preference', 'mailing_preference', 'mail_pref'],
  join_date: ['join_date'],
  xdate: ['xdate', 'expiration_date', 'expiry_date'],
  membership_status: ['membership_status'],
  memb_status: ['memb_status'],
  memb_status_letter: ['memb_status_letter'],
  membership_type: ['membership_type', 'memb_type'],
  monthly_dues_status: ['monthly_dues_status', 'monthly_status'],
  yearly_dues_status: ['yearly_dues_status', 'annual_recurring_dues_status', 'annual_dues_status'],
  union_member: ['union_member'],
  union_name: ['union_name'],
  union_local: ['union_local'],
  student: ['student_yes_no', 'student'],
  mailing_address1: ['mailing_address1', 'mailing_address_line_1', 'mailing_address'],
  mailing_address2: ['mailing_address2', 'mailing_address_line_2'],
  mailing_city: ['mailing_city'],
  mailing_state: ['mailing_state'],
  mailing_zip: ['mailing_zip', 'mailing_zip_code'],
  billing_address1: ['billing_address1', 'billing_address_line_1', 'billing_address'],
  billing_address2: ['billing_address2', 'billing_address_line_2'],
  billing_city: ['billing_city'],
  billing_state: ['billing_state'],
  billing_zip: ['billing_zip', 'billing_zip_code'],
  address1: ['address1', 'address_line_1', 'address', 'street'],
  address2: ['address2', 'address_line_2'],
  city: ['city'],
  state: ['state'],
  zip: ['zip', 'zip_code', 'zipcode', 'postal_code'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Columns the national list sends that the member record has no field for:
 * kept in `extra` under one canonical key, so a renamed header next year does
 * not start a second column.
 */
export const EXTRA_COLUMNS = {
  dsa_id: ['dsa_id'],
  middle_name: ['middle_name'],
  suffix: ['suffix'],
  ydsa_chapter: ['ydsa_chapter'],
  dsa_chapter: ['dsa_chapter', 'chapter'],
  accommodations: ['accomodations', 'accommodations'],
  race: ['race'],
  congressional_district: ['congressional_district', 'cd'],
  student_school_name: ['student_school_name'],
  country: ['country', 'billing_country', 'mailing_country'],
} as const satisfies Record<string, readonly string[]>;

export type FieldColumn = keyof typeof FIELD_COLUMNS;
export type ExtraColumn = keyof typeof EXTRA_COLUMNS;

/** Longest header kept as an `extra` key (the model's limit). */
export const MAX_HEADER_LENGTH = 100;

/** What one header of the file became. */
export type HeaderMapping =
  | { readonly kind: 'field'; readonly header: string; readonly column: FieldColumn }
  | { readonly kind: 'extra'; readonly header: string; readonly key: string; readonly known: boolean };

/** `"  YDSA Chapter "` → `ydsa_chapter`: lower case, words joined by one underscore. */
export function snakeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** The form aliases are compared in: no separators at all ("Mobile_Phone" = "mobilephone"). */
function squash(header: string): string {
  return snakeHeader(header).replace(/_/g, '');
}

function aliasIndex<C extends string>(table: Record<C, readonly string[]>): Map<string, C> {
  const index = new Map<string, C>();
  for (const [column, aliases] of Object.entries(table) as [C, readonly string[]][])
    for (const alias of aliases) index.set(squash(alias), column);
  return index;
}

const FIELD_INDEX = aliasIndex<FieldColumn>(FIELD_COLUMNS);
const EXTRA_INDEX = aliasIndex<ExtraColumn>(EXTRA_COLUMNS);

/**
 * Maps every header of the file. Unknown headers become `extra` keys (their
 * snake form, or `column_N` when blank). Returns the index of a known column
 * that appears twice, if any: the caller refuses such a file, since nobody can
 * tell which of the two is right.
 */
export function mapHeaders(headers: readonly string[]): { mappings: HeaderMapping[]; duplicateAt?: number } {
  const seen = new Set<string>();
  const mappings: HeaderMapping[] = [];
  for (const [i, header] of headers.entries()) {
    const squashed = squash(header);
    const field = FIELD_INDEX.get(squashed);
    const extra = EXTRA_INDEX.get(squashed);
    const key =
      field ?? extra ?? uniqueKey(snakeHeader(header).slice(0, MAX_HEADER_LENGTH - 4) || `column_${i + 1}`, seen);
    if (seen.has(key)) return { mappings, duplicateAt: i };
    seen.add(key);
    if (field) mappings.push({ kind: 'field', header, column: field });
    else mappings.push({ kind: 'extra', header, key, known: extra !== undefined });
  }
  return { mappings };
}

/** An unknown header seen twice keeps both columns: `notes`, `notes_2`. */
function uniqueKey(key: string, seen: ReadonlySet<string>): string {
  if (!seen.has(key)) return key;
  let n = 2;
  while (seen.has(`${key}_${n}`)) n++;
  return `${key}_${n}`;
}
