/**
 * What one row of the national list changes on a member we already have,
 * field by field. The file speaks for what national keeps (status, dues,
 * dates, ids, names, address); national's current email comes first and the
 * one it replaced goes to the history; phones are merged, never shortened.
 * Consent gets stricter on the file's word alone; it gets looser only when
 * national itself changed its answer, and then only once an organizer accepts
 * it (SECURITY.md, "The national list import"). An empty cell changes
 * nothing: the file adds and updates, it never erases what an organizer entered.
 */
import { phoneKey } from '../model';
import type { Member, MemberInput, MemberPatch, NationalSaid } from '../model';
import type { MemberSnapshot } from './roster-snapshot';
import type { ImportedMember } from './row';

/** Fields where the file's value, when it has one, replaces ours. */
export const NATIONAL_FIELDS = [
  'actionkitId',
  'firstName',
  'lastName',
  'zip',
  'membershipStatus',
  'membershipType',
  'duesStatus',
  'joinDate',
  'xdate',
  'unionMember',
  'unionAnswer',
  'unionName',
  'unionLocal',
  'student',
] as const satisfies readonly (keyof ImportedMember & keyof Member)[];

const MAX_CONTACTS = 10;
const MAX_EMAIL_HISTORY = 20;

/** The consent fields, and the looser value national can give each. */
export const CONSENT_FIELDS = ['doNotCall', 'textOptOut', 'mailingPreference'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

/** National now allows what our record forbids: written only if an organizer accepts it. */
export type Loosened =
  | { readonly field: 'doNotCall' | 'textOptOut'; readonly value: false }
  | { readonly field: 'mailingPreference'; readonly value: 'mail' };

export interface MemberChange {
  readonly patch: MemberPatch;
  /** Changed member fields; `extra.<key>` for a kept column. Not `national` (bookkeeping nobody reads). */
  readonly fields: readonly string[];
  /** Consent national loosened, left out of `patch` until an organizer accepts it. */
  readonly loosened: readonly Loosened[];
}

export function memberChange(ours: MemberSnapshot, file: ImportedMember): MemberChange {
  const patch: Record<string, unknown> = {};
  const fields: string[] = [];
  const set = (field: string, value: unknown) => {
    patch[field] = value;
    fields.push(field);
  };

  for (const field of NATIONAL_FIELDS) {
    const value = file[field];
    if (value !== undefined && value !== ours[field]) set(field, value);
  }
  if (file.address && !sameAddress(ours.address, file.address)) set('address', file.address);

  const emails = currentEmailFirst(ours, file.emails[0]);
  if (emails.emails) set('emails', emails.emails);
  if (emails.history) set('emailHistory', emails.history);
  const phones = mergeContacts(ours.phones, file.phones, phoneKey);
  if (phones) set('phones', phones);

  // Consent tightens on the file's word: if national says do-not-call we set it, whatever we had.
  if (file.doNotCall === true && !ours.doNotCall) set('doNotCall', true);
  if (file.textOptOut === true && !ours.textOptOut) set('textOptOut', true);
  if (file.mailingPreference === 'no_mail' && ours.mailingPreference !== 'no_mail') set('mailingPreference', 'no_mail');
  // "mail" fills an empty preference, but never overrides a "no mail" we recorded.
  if (file.mailingPreference === 'mail' && ours.mailingPreference === undefined) set('mailingPreference', 'mail');
  // It loosens only where national itself said the stricter thing before and now says otherwise: the
  // member opted back in through national. A stricter value national never sent is the chapter's own
  // (the member told an organizer) and no file overrides it. Even then it waits for an organizer.
  const before = ours.national ?? {};
  const loosened: Loosened[] = [];
  if (file.doNotCall === false && ours.doNotCall && before.doNotCall === true)
    loosened.push({ field: 'doNotCall', value: false });
  if (file.textOptOut === false && ours.textOptOut && before.textOptOut === true)
    loosened.push({ field: 'textOptOut', value: false });
  if (
    file.mailingPreference === 'mail' &&
    ours.mailingPreference === 'no_mail' &&
    before.mailingPreference === 'no_mail'
  )
    loosened.push({ field: 'mailingPreference', value: 'mail' });

  const said = nationalSaid(file, before);
  if (!sameSaid(said, before)) patch.national = said;

  const extraChanged = Object.keys(file.extra).filter((k) => ours.extra?.[k] !== file.extra[k]);
  if (extraChanged.length) {
    patch.extra = { ...ours.extra, ...file.extra };
    fields.push(...extraChanged.map((k) => `extra.${k}`));
  }
  return { patch: patch as MemberPatch, fields, loosened };
}

/** A new member from a row (the caller checked there is a first name). */
export function newMember(file: ImportedMember): MemberInput {
  const input: Record<string, unknown> = { firstName: file.firstName, emails: file.emails, phones: file.phones };
  for (const field of NATIONAL_FIELDS) if (file[field] !== undefined) input[field] = file[field];
  if (file.address) input.address = file.address;
  input.doNotCall = file.doNotCall === true;
  input.textOptOut = file.textOptOut === true;
  if (file.mailingPreference) input.mailingPreference = file.mailingPreference;
  const said = nationalSaid(file, {});
  if (Object.keys(said).length) input.national = said;
  if (Object.keys(file.extra).length) input.extra = file.extra;
  return input as unknown as MemberInput;
}

/** What national says now; what it does not say this week stays as it last said it. */
function nationalSaid(file: ImportedMember, before: NationalSaid): NationalSaid {
  const said: NationalSaid = { ...before };
  if (file.emails[0]) said.email = file.emails[0];
  for (const field of CONSENT_FIELDS)
    if (file[field] !== undefined) (said as Record<string, unknown>)[field] = file[field];
  return said;
}

function sameSaid(a: NationalSaid, b: NationalSaid): boolean {
  return a.email === b.email && CONSENT_FIELDS.every((f) => a[f] === b[f]);
}

const lower = (s: string) => s.toLowerCase();

/**
 * National's current address first. The address national sent before, if it
 * now sends another, leaves `emails` for `emailHistory` (newest first); the
 * addresses an organizer added stay. Each list is null when it does not change.
 */
function currentEmailFirst(
  ours: MemberSnapshot,
  current: string | undefined,
): { emails: string[] | null; history: string[] | null } {
  if (!current) return { emails: null, history: null };
  const replaced = ours.national?.email;
  const retired =
    replaced && lower(replaced) !== lower(current) ? ours.emails.filter((e) => lower(e) === lower(replaced)) : [];
  const kept = ours.emails.filter((e) => lower(e) !== lower(current) && !retired.includes(e));
  const same = ours.emails.find((e) => lower(e) === lower(current)) ?? current;
  const emails = [same, ...kept].slice(0, MAX_CONTACTS);
  const inUse = new Set(emails.map(lower));
  const history: string[] = [];
  for (const e of [...retired, ...(ours.emailHistory ?? [])])
    if (!inUse.has(lower(e)) && !history.some((h) => lower(h) === lower(e))) history.push(e);
  const cut = history.slice(0, MAX_EMAIL_HISTORY);
  return {
    emails: sameList(emails, ours.emails) ? null : emails,
    history: sameList(cut, ours.emailHistory ?? []) ? null : cut,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The file's numbers first (it is the newer source), then ours; null when nothing is new. */
function mergeContacts(
  ours: readonly string[],
  theirs: readonly string[],
  key: (s: string) => string,
): string[] | null {
  const known = new Set(ours.map(key));
  const added = theirs.filter((s) => !known.has(key(s)));
  return added.length ? [...added, ...ours].slice(0, MAX_CONTACTS) : null;
}

function sameAddress(a: Member['address'], b: NonNullable<ImportedMember['address']>): boolean {
  return (
    !!a &&
    a.city === b.city &&
    a.state === b.state &&
    a.lines.length === b.lines.length &&
    a.lines.every((line, i) => line === b.lines[i])
  );
}
