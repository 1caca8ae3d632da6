import type { SensitivityTier } from './codes';
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
