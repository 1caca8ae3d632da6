/**
 * The national list's column names over the years, mapped to one canonical
 * name each. 2020 files say `AK_ID`, `Mobile_Phone`, `Memb_status`; 2021 adds
 * `Billing_*` / `Mailing_*` addresses and `YDSA Chapter`; late 2022 adds
 * `best_phone`, `p2ptext_optout`, `memb_status_letter`; 2023+ is lower-case
 * with `actionkit_id`, `address1`, `zip`... Matching ignores case, spaces,
 * hyphens and underscores, so "YDSA Chapter", "ydsa_chapter" and
 * "YDSA_Chapter" are one column.
 */

/**
 * Columns the import reads into member fields. Each column's names are listed
 * newest first: when a file of the transition years carries two names of one
 * column (`annual_recurring_dues_status` beside `yearly_dues_status`), the
 * newer name is read and the other is kept in `extra`.
 */
export const FIELD_COLUMNS = {
  actionkit_id: ['actionkit_id', 'ak_id', 'akid', 'actionkit'],
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
  | {
      readonly kind: 'field';
      readonly header: string;
      readonly column: FieldColumn;
      /** Read into this column because the chapter chose so (not one of the column's known names). */
      readonly chosen?: boolean;
    }
  | {
      readonly kind: 'extra';
      readonly header: string;
      readonly key: string;
      readonly known: boolean;
      /** Another header of the file holds the same column under a newer name (or one the app knows): that one is read. */
      readonly supersededBy?: string;
    };

/** The chapter's own header → column choices (`importColumnMap` of the space), by `snakeHeader`. */
export type ColumnChoices = Readonly<Record<string, string>>;

export function isFieldColumn(column: string): column is FieldColumn {
  return Object.hasOwn(FIELD_COLUMNS, column);
}

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

/** Each alias's column and its rank among the column's names (0 = newest). */
function aliasIndex<C extends string>(table: Record<C, readonly string[]>): Map<string, { column: C; rank: number }> {
  const index = new Map<string, { column: C; rank: number }>();
  for (const [column, aliases] of Object.entries(table) as [C, readonly string[]][])
    aliases.forEach((alias, rank) => index.set(squash(alias), { column, rank }));
  return index;
}

const FIELD_INDEX = aliasIndex<FieldColumn>(FIELD_COLUMNS);
const EXTRA_INDEX = aliasIndex<ExtraColumn>(EXTRA_COLUMNS);
/** A chapter's choice ranks after every name the app knows: a known header of the same column wins. */
const CHOSEN_RANK = 1_000;

interface Claim {
  readonly at: number;
  readonly kind: 'field' | 'extra';
  readonly column: string;
  readonly rank: number;
  readonly squashed: string;
}

/**
 * Maps every header of the file. Unknown headers become `extra` keys (their
 * snake form, or `column_N` when blank), unless the chapter chose a column for
 * them (`choices`). When two headers name one column, the newer name is read
 * and the other kept in `extra`. Returns the index of a header that repeats a
 * known header exactly, if any: the caller refuses such a file, since nobody
 * can tell which of the two is right.
 */
export function mapHeaders(
  headers: readonly string[],
  choices: ColumnChoices = {},
): { mappings: HeaderMapping[]; duplicateAt?: number } {
  // Which header each known column is read from: the lowest rank wins.
  const claims: (Claim | undefined)[] = headers.map((header, at) => {
    const squashed = squash(header);
    const field = FIELD_INDEX.get(squashed);
    if (field) return { at, kind: 'field', column: field.column, rank: field.rank, squashed };
    const extra = EXTRA_INDEX.get(squashed);
    if (extra) return { at, kind: 'extra', column: extra.column, rank: extra.rank, squashed };
    const chosen = Object.hasOwn(choices, snakeHeader(header)) ? choices[snakeHeader(header)]! : undefined;
    if (chosen !== undefined && isFieldColumn(chosen))
      return { at, kind: 'field', column: chosen, rank: CHOSEN_RANK, squashed };
    return undefined;
  });
  const winner = new Map<string, Claim>();
  for (const claim of claims) {
    if (!claim) continue;
    const id = `${claim.kind}:${claim.column}`;
    const held = winner.get(id);
    if (held && held.squashed === claim.squashed) return { mappings: [], duplicateAt: claim.at };
    if (!held || claim.rank < held.rank) winner.set(id, claim);
  }

  // Canonical extra keys first, so that no header's own key takes one.
  const seen = new Set<string>([...winner.values()].flatMap((c) => (c.kind === 'extra' ? [c.column] : [])));
  const mappings: HeaderMapping[] = [];
  const ownKey = (header: string, i: number) =>
    uniqueKey(snakeHeader(header).slice(0, MAX_HEADER_LENGTH - 4) || `column_${i + 1}`, seen);
  for (const [i, header] of headers.entries()) {
    const claim = claims[i];
    const won = claim ? winner.get(`${claim.kind}:${claim.column}`) : undefined;
    if (claim && won === claim) {
      if (claim.kind === 'field') {
        const column = claim.column as FieldColumn;
        mappings.push(
          claim.rank === CHOSEN_RANK
            ? { kind: 'field', header, column, chosen: true }
            : { kind: 'field', header, column },
        );
      } else {
        mappings.push({ kind: 'extra', header, key: claim.column, known: true });
      }
      continue;
    }
    const key = ownKey(header, i);
    seen.add(key);
    if (claim && won)
      mappings.push({ kind: 'extra', header, key, known: claim.rank !== CHOSEN_RANK, supersededBy: headers[won.at]! });
    else mappings.push({ kind: 'extra', header, key, known: false });
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
