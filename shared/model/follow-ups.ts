import type { Note } from './note';

/** Who owns a note's next step: its assigned organizer, else its author. */
export function noteOwner(note: Pick<Note, 'assignedOrganizer' | 'author'>): string {
  return note.assignedOrganizer ?? note.author;
}

/**
 * Follow-ups due on or before `onDay` (YYYY-MM-DD) and not done: the ones
 * owned by `me` first, then the oldest due date first (then note date, id).
 */
export function followUpsDue<N extends Note>(
  notes: readonly N[],
  opts: { readonly onDay: string; readonly me?: string },
): N[] {
  const mine = (n: N) => (opts.me !== undefined && noteOwner(n) === opts.me ? 0 : 1);
  return notes
    .filter((n) => !n.done && n.dueDate !== undefined && n.dueDate <= opts.onDay)
    .sort((a, b) => mine(a) - mine(b) || cmp(a.dueDate!, b.dueDate!) || cmp(a.date, b.date) || cmp(a.id, b.id));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
