/**
 * The one table of a member's fields on the profile: for each field, the section it belongs to, its
 * label, how it reads, how it is edited, and how the stored member becomes a form value and back.
 * The profile's read view, its per-section edit forms, their drafts and the patch Save writes all
 * come from this table (ARCHITECTURE.md "Where a new thing goes": a new member field is its schema
 * line in shared/model/member.ts, one line here, and its words in en.json and es.json).
 */
import {
  DUES_STATUSES,
  LADDER_STAGES,
  MAILING_PREFERENCES,
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_TYPES,
} from '../../../shared/model/codes';
import type { Member, MemberPatch } from '../../../shared/model/member';
import type { CodeKind } from '../../app/useLabels';
import { listToText, optional, textToList } from './fields';

/** The profile's editable sections, in the order a person is read. */
export const SECTIONS = ['name', 'contact', 'location', 'engagement', 'offers', 'groups', 'membership'] as const;
export type SectionKey = (typeof SECTIONS)[number];

export type DraftValue = string | boolean | string[];

/** How a field is edited. */
export type FieldEdit =
  | { readonly kind: 'text'; readonly type?: 'text' | 'date'; readonly required?: boolean }
  /** Several values typed in one box, separated by commas. */
  | { readonly kind: 'list' }
  | { readonly kind: 'lines' }
  | { readonly kind: 'check' }
  | { readonly kind: 'code'; readonly codes: readonly string[]; readonly label: CodeKind }
  /** 1–5 in the chapter's own words (dashboard settings). */
  | { readonly kind: 'assessment' }
  /** Several codes from the chapter's catalogue (shared/model/catalogue.ts). */
  | { readonly kind: 'catalogue'; readonly catalogue: 'need' | 'resource' | 'language' }
  | { readonly kind: 'groups' }
  /** "Follows the ZIP code" or a region chosen by hand; the branch comes with a region chosen by hand. */
  | { readonly kind: 'region' }
  | { readonly kind: 'branch' };

/**
 * How a field reads on the profile. `consent` says both answers in words (a person may be called, or
 * not), so no one mistakes a missing "do not call" for a missing field.
 */
export type FieldRead = 'text' | 'list' | 'lines' | 'code' | 'day' | 'yes' | 'consent' | 'assessment' | 'region';

export interface MemberField<K extends string = string> {
  readonly key: K;
  readonly section: SectionKey;
  /** i18n key of the label on the form (the read view uses `member.read.<key>` when it has one). */
  readonly label: string;
  readonly read: FieldRead;
  readonly edit: FieldEdit;
  /** The stored member as this field's form value. */
  from(member: Member): DraftValue;
  /** This field's part of the patch Save writes; a field written with another returns {}. */
  to(draft: Readonly<Record<string, DraftValue>>, member: Member): MemberPatch;
}

type Key = keyof MemberPatch & string;
const str = (d: Readonly<Record<string, DraftValue>>, key: string): string => d[key] as string;
const field = <K extends string>(
  key: K,
  section: SectionKey,
  read: FieldRead,
  edit: FieldEdit,
  from: MemberField['from'],
  to: MemberField['to'],
): MemberField<K> => ({ key, section, label: `member.field.${key}`, read, edit, from, to });

/** An optional text stored as is (trimmed; empty = not set). */
const text = <K extends Key>(key: K, section: SectionKey, type: 'text' | 'date' = 'text') =>
  field(
    key,
    section,
    type === 'date' ? 'day' : 'text',
    { kind: 'text', type },
    (m) => (m[key] as string | undefined) ?? '',
    (d) => ({ [key]: optional(str(d, key)) }),
  );
const list = <K extends 'emails' | 'phones' | 'tags'>(key: K, section: SectionKey) =>
  field(
    key,
    section,
    'list',
    { kind: 'list' },
    (m) => listToText(m[key]),
    (d) => ({ [key]: textToList(str(d, key)) }),
  );
const check = <K extends 'unionMember' | 'student' | 'doNotCall' | 'textOptOut'>(
  key: K,
  section: SectionKey,
  read: FieldRead = 'yes',
) =>
  field(
    key,
    section,
    read,
    { kind: 'check' },
    (m) => m[key] ?? false,
    // An unset optional yes/no reads as "no": left unset unless the box changed.
    (d, m) => ({ [key]: d[key] === (m[key] ?? false) ? m[key] : (d[key] as boolean) }),
  );
const code = <K extends Key>(key: K & CodeKind, section: SectionKey, codes: readonly string[]) =>
  field(
    key,
    section,
    'code',
    { kind: 'code', codes, label: key },
    (m) => (m[key] as string | undefined) ?? '',
    (d) => ({ [key]: optional(str(d, key)) }) as MemberPatch,
  );
const catalogue = <K extends 'languages' | 'needs' | 'resources'>(key: K, kind: 'need' | 'resource' | 'language') =>
  field(
    key,
    'offers',
    'list',
    { kind: 'catalogue', catalogue: kind },
    (m) => [...m[key]],
    (d) => ({ [key]: d[key] as string[] }),
  );

/** Written by `addressLines` for all three (they are one stored `address`). */
const addressPart = <K extends 'city' | 'state'>(key: K) =>
  field(
    key,
    'location',
    'text',
    { kind: 'text' },
    (m) => m.address?.[key] ?? '',
    () => ({}),
  );

export const MEMBER_FIELDS = [
  field(
    'firstName',
    'name',
    'text',
    { kind: 'text', required: true },
    (m) => m.firstName,
    (d) => ({ firstName: str(d, 'firstName').trim() }),
  ),
  text('lastName', 'name'),
  text('preferredName', 'name'),
  text('pronouns', 'name'),
  list('emails', 'contact'),
  list('phones', 'contact'),
  check('doNotCall', 'contact', 'consent'),
  check('textOptOut', 'contact', 'consent'),
  code('mailingPreference', 'contact', MAILING_PREFERENCES),
  field(
    'addressLines',
    'location',
    'lines',
    { kind: 'lines' },
    (m) => (m.address?.lines ?? []).join('\n'),
    (d) => {
      const lines = str(d, 'addressLines')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      const [city, state] = [optional(str(d, 'city')), optional(str(d, 'state'))];
      return { address: lines.length > 0 || city || state ? { lines, city, state } : undefined };
    },
  ),
  addressPart('city'),
  addressPart('state'),
  text('zip', 'location'),
  field(
    'regionId',
    'location',
    'region',
    { kind: 'region' },
    (m) => (m.regionByHand ? (m.regionId ?? '') : ''),
    (d, m) => placePatch(m, str(d, 'regionId'), str(d, 'branch')),
  ),
  field(
    'branch',
    'location',
    'text',
    { kind: 'branch' },
    (m) => m.branch ?? '',
    () => ({}), // written with the region (placePatch)
  ),
  code('ladderStage', 'engagement', LADDER_STAGES),
  field(
    'assessment',
    'engagement',
    'assessment',
    { kind: 'assessment' },
    (m) => (m.assessment ? String(m.assessment) : ''),
    (d) => ({ assessment: str(d, 'assessment') ? Number(str(d, 'assessment')) : undefined }),
  ),
  text('assignedOrganizer', 'engagement'),
  catalogue('languages', 'language'),
  catalogue('needs', 'need'),
  catalogue('resources', 'resource'),
  field(
    'groupIds',
    'groups',
    'list',
    { kind: 'groups' },
    (m) => [...m.groupIds],
    (d) => ({ groupIds: d.groupIds as string[] }),
  ),
  list('tags', 'groups'),
  text('actionkitId', 'membership'),
  code('membershipStatus', 'membership', MEMBERSHIP_STATUSES),
  code('membershipType', 'membership', MEMBERSHIP_TYPES),
  code('duesStatus', 'membership', DUES_STATUSES),
  text('joinDate', 'membership', 'date'),
  text('xdate', 'membership', 'date'),
  check('unionMember', 'membership'),
  text('unionName', 'membership'),
  text('unionLocal', 'membership'),
  check('student', 'membership'),
] as const;

export type FieldKey = (typeof MEMBER_FIELDS)[number]['key'];
export type Draft = Record<FieldKey, DraftValue>;

export function fieldsOf(section: SectionKey): readonly MemberField[] {
  return MEMBER_FIELDS.filter((f) => f.section === section);
}

/** The form values of one section (or of every field) for a stored member. */
export function toDraft(member: Member, section?: SectionKey): Partial<Draft> {
  const fields = section ? fieldsOf(section) : MEMBER_FIELDS;
  return Object.fromEntries(fields.map((f) => [f.key, f.from(member)])) as Partial<Draft>;
}

/** What a section's Save writes: every field's part (unchanged ones are dropped by `changedFields`). */
export function toPatch(draft: Partial<Draft>, member: Member, section?: SectionKey): MemberPatch {
  const fields = section ? fieldsOf(section) : MEMBER_FIELDS;
  return Object.assign({}, ...fields.map((f) => f.to(draft, member))) as MemberPatch;
}

/**
 * Where the member belongs, as a patch: back to "follows the ZIP code" (the accessors place them),
 * or a region and branch chosen by hand; nothing when neither changed.
 */
export function placePatch(m: Member, regionId: string, branchText: string): MemberPatch {
  if (!regionId) return m.regionByHand ? { regionByHand: false } : {};
  const branch = optional(branchText);
  if (m.regionByHand && m.regionId === regionId && m.branch === branch) return {};
  return { regionId, branch, regionByHand: true };
}
