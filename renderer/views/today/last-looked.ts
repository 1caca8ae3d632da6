/**
 * When this organizer last looked at Today, per space, on this device only
 * (localStorage, like the other UI preferences in renderer/app/preferences.ts;
 * never member data and never synced: SECURITY.md "Today screen").
 *
 * Two days are kept: `seen` (the latest visit) and `before` (the visit before
 * that day). Within one day Today keeps showing what is new since `before`,
 * so opening it twice does not empty it.
 */
const PREFIX = 'sealed-roster.today-looked.';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Looked {
  readonly seen: string;
  readonly before?: string;
}

function read(spaceId: string): Looked | null {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(PREFIX + spaceId) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const { seen, before } = raw as Record<string, unknown>;
    if (typeof seen !== 'string' || !DAY.test(seen)) return null;
    return typeof before === 'string' && DAY.test(before) ? { seen, before } : { seen };
  } catch {
    return null; // an unreadable value counts as a first visit
  }
}

/**
 * Records a visit on `onDay` and returns the day to count "new" from
 * (undefined on the first visit to this space on this device).
 */
export function lookToday(spaceId: string, onDay: string): string | undefined {
  const last = read(spaceId);
  const before = !last ? undefined : last.seen < onDay ? last.seen : last.before;
  const next: Looked = before ? { seen: onDay, before } : { seen: onDay };
  try {
    globalThis.localStorage?.setItem(PREFIX + spaceId, JSON.stringify(next));
  } catch {
    // Storage full or refused: Today still works, it only forgets the visit.
  }
  return before;
}
