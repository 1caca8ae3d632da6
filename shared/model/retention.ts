import { fieldTiers } from './chapter-rules';
import type { SensitivityTier } from './codes';
import { memberRecord, setAtKey, TIERED_FIELDS, type Member, type TieredField } from './member';
import type { Note } from './note';
import type { SpaceData } from './space-data';

/**
 * How long a note of each tier is kept, in days from its date (null: kept
 * until someone deletes it). Expiry is a deletion that syncs like any other,
 * and every device also applies it to its own copy and compacts (expireNotes);
 * it does not claim to erase copies a removed organizer already has.
 */
export const RETENTION_DAYS: Readonly<Record<SensitivityTier, number | null>> = {
  standard: null,
  sensitive: 730,
  restricted: 180,
};

/** Notes whose tier's retention has run out by `onDay` (YYYY-MM-DD). */
export function notesPastRetention<N extends Note>(notes: readonly N[], onDay: string): N[] {
  const today = Date.parse(`${onDay}T00:00:00Z`);
  return notes.filter((n) => {
    const days = RETENTION_DAYS[n.sensitivity];
    return days !== null && Date.parse(`${n.date}T00:00:00Z`) + days * 86_400_000 <= today;
  });
}

/**
 * Deletes the notes whose tier's retention has run out by `onDay`, in one transaction; returns how
 * many. Deleting is not erasing: the text stays in the change log and the stored document's history
 * until the space is compacted (ARCHITECTURE.md "Checkpoints and compaction"), which the caller does
 * next when this returns more than 0. Yjs garbage-collects the deleted text (the document must
 * keep `gc` on, as `new Y.Doc()` does), so the compacted state no longer holds it.
 */
export function expireNotes(data: SpaceData, onDay: string): number {
  const expired = notesPastRetention(data.notes.all(), onDay);
  if (expired.length > 0) data.transact(() => expired.forEach((n) => data.notes.delete(n.id)));
  return expired.length;
}

const DAY_MS = 86_400_000;

/** A member's tiered field that is due to be cleared, and the day it is (YYYY-MM-DD, UTC). */
export interface FieldExpiry {
  readonly memberId: string;
  readonly field: TieredField;
  readonly clearedOn: string;
}

/**
 * When each tiered field of `member` that holds a value will be cleared: its tier's days after it was
 * last set (the day of the write, kept beside it as `<field>SetAt`). Standard fields, and fields
 * with no recorded write, never are.
 */
export function fieldExpiries(member: Member, tiers: Readonly<Record<TieredField, SensitivityTier>>): FieldExpiry[] {
  const out: FieldExpiry[] = [];
  for (const field of TIERED_FIELDS) {
    const days = RETENTION_DAYS[tiers[field]];
    const setAt = member[setAtKey(field)];
    if (days === null || setAt === undefined) continue;
    const day = new Date(Math.floor(setAt / DAY_MS) * DAY_MS + days * DAY_MS).toISOString().slice(0, 10);
    out.push({ memberId: member.id, field, clearedOn: day });
  }
  return out;
}

/** Tiered fields due to be cleared by `onDay` (YYYY-MM-DD). */
export function fieldsPastRetention(data: SpaceData, onDay: string): FieldExpiry[] {
  const tiers = fieldTiers(data);
  if (TIERED_FIELDS.every((f) => RETENTION_DAYS[tiers[f]] === null)) return [];
  return data.members.all().flatMap((m) => fieldExpiries(m, tiers).filter((e) => e.clearedOn <= onDay));
}

/**
 * Clears the tiered member fields past their tier's days by `onDay`, in one transaction; returns
 * how many. As with notes, the old value stays on disk until the space is compacted (the caller
 * does that next when this returns more than 0).
 */
export function expireFields(data: SpaceData, onDay: string): number {
  const due = fieldsPastRetention(data, onDay);
  // Cleared to the field's default: a list becomes empty, anything else is removed.
  const cleared = (field: TieredField) => (memberRecord.defaults as Record<string, unknown>)[field];
  if (due.length > 0)
    data.transact(() => due.forEach((e) => data.members.update(e.memberId, { [e.field]: cleared(e.field) })));
  return due.length;
}
