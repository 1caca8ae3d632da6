import { noteOwner } from '../../../shared/model/follow-ups';
import type { Note } from '../../../shared/model/note';

/** "me" when this device owns the next step; else the organizer as written (device ids shortened). */
export function ownerLabel(note: Note, me: string, meLabel: string): string {
  const owner = noteOwner(note);
  if (owner === me) return meLabel;
  return owner.length > 40 ? `${owner.slice(0, 8)}…` : owner;
}
