import type { SensitivityTier } from './codes';
import type { Note } from './note';

/**
 * How long a note of each tier is kept, in days from its date (null: kept
 * until someone deletes it). Expiry is a deletion that syncs like any other;
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
