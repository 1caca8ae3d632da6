/**
 * What planning an import reads of each member we already have: the ids it
 * matches on, the fields a national row can change, and the name it shows.
 * A plain object (no Yjs), so the roster can be handed to the import's Web
 * Worker; notes, skills and history stay behind.
 */
import type { Member } from '../model';
import { NATIONAL_FIELDS } from './merge';

/** Every field merge.ts reads: the national ones it replaces, and those it merges or only ever tightens. */
export const SNAPSHOT_FIELDS = [
  'id',
  ...NATIONAL_FIELDS,
  'preferredName',
  'address',
  'emails',
  'emailHistory',
  'phones',
  'doNotCall',
  'textOptOut',
  'mailingPreference',
  'national',
  'extra',
] as const satisfies readonly (keyof Member)[];

export type MemberSnapshot = Pick<Member, (typeof SNAPSHOT_FIELDS)[number]>;

export function memberSnapshot(m: Member): MemberSnapshot {
  const out: Record<string, unknown> = {};
  for (const field of SNAPSHOT_FIELDS) if (m[field] !== undefined) out[field] = m[field];
  return out as MemberSnapshot;
}
