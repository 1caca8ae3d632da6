/**
 * What one row of the national list changes on a member we already have,
 * field by field. The file speaks for what national keeps (status, dues,
 * dates, ids, names, address); contact lists are merged, never shortened;
 * consent only ever gets stricter. An empty cell changes nothing: the file
 * adds and updates, it never erases what an organizer entered.
 */
import { phoneKey } from '../model';
import type { Member, MemberInput, MemberPatch } from '../model';
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
  'unionName',
  'unionLocal',
  'student',
] as const satisfies readonly (keyof ImportedMember & keyof Member)[];

const MAX_CONTACTS = 10;

export interface MemberChange {
  readonly patch: MemberPatch;
  /** Changed member fields; `extra.<key>` for a kept column. */
  readonly fields: readonly string[];
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

  const emails = mergeContacts(ours.emails, file.emails, (e) => e.toLowerCase());
  if (emails) set('emails', emails);
  const phones = mergeContacts(ours.phones, file.phones, phoneKey);
  if (phones) set('phones', phones);

  // Consent only tightens. A member who told the chapter "don't call me" outranks a national
  // flag that is absent or stale (national may not know, or may lag weeks behind): if the file
  // says do-not-call we set it, and if only our record says so we keep ours.
  if (file.doNotCall === true && !ours.doNotCall) set('doNotCall', true);
  if (file.textOptOut === true && !ours.textOptOut) set('textOptOut', true);
  if (file.mailingPreference === 'no_mail' && ours.mailingPreference !== 'no_mail') set('mailingPreference', 'no_mail');
  // "mail" fills an empty preference, but never overrides a "no mail" we recorded.
  if (file.mailingPreference === 'mail' && ours.mailingPreference === undefined) set('mailingPreference', 'mail');

  const extraChanged = Object.keys(file.extra).filter((k) => ours.extra?.[k] !== file.extra[k]);
  if (extraChanged.length) {
    patch.extra = { ...ours.extra, ...file.extra };
    fields.push(...extraChanged.map((k) => `extra.${k}`));
  }
  return { patch: patch as MemberPatch, fields };
}

/** A new member from a row (the caller checked there is a first name). */
export function newMember(file: ImportedMember): MemberInput {
  const input: Record<string, unknown> = { firstName: file.firstName, emails: file.emails, phones: file.phones };
  for (const field of NATIONAL_FIELDS) if (file[field] !== undefined) input[field] = file[field];
  if (file.address) input.address = file.address;
  input.doNotCall = file.doNotCall === true;
  input.textOptOut = file.textOptOut === true;
  if (file.mailingPreference) input.mailingPreference = file.mailingPreference;
  if (Object.keys(file.extra).length) input.extra = file.extra;
  return input as unknown as MemberInput;
}

/** The file's addresses first (it is the newer source), then ours; null when nothing is new. */
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
