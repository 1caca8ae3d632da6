import { z } from 'zod';
import { CONTACT_OUTCOMES, NOTE_KINDS, SENSITIVITY_TIERS } from './codes';
import { day, defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** The longest note body, in characters (the form says so before saving). */
export const NOTE_BODY_MAX = 100_000;

/** A contact note: a one-on-one, a call, an event conversation or a plain note; about a member, a group or a partner. */
export const noteRecord = defineRecord(
  'note',
  {
    kind: z.enum(NOTE_KINDS),
    /** The member the note is about (absent for a general note). */
    memberId: recordId.optional(),
    /** A note on a working group or committee (its page shows it). */
    groupId: recordId.optional(),
    /** A note on a partner organisation (its page shows it). */
    partnerId: recordId.optional(),
    date: day,
    /** A Y.Text in the document, so two organizers can type into one note. */
    body: z.string().max(NOTE_BODY_MAX),
    nextStep: shortText(500).optional(),
    dueDate: day.optional(),
    done: z.boolean(),
    /** The organizer who had the conversation (defaults to the writing device). */
    author: z.string().min(1).max(200),
    /** The organizer who owns the next step. */
    assignedOrganizer: z.string().min(1).max(200).optional(),
    sensitivity: z.enum(SENSITIVITY_TIERS),
    /** Written while working through a list (list.ts): which list, and what happened. */
    listId: recordId.optional(),
    outcome: z.enum(CONTACT_OUTCOMES).optional(),
  },
  { body: '', done: false, sensitivity: 'standard' as const },
  { body: 'text' },
);
export type Note = RecordOf<typeof noteRecord>;
/** `author` defaults to the writing device. */
export type NoteInput = Omit<InputOf<typeof noteRecord>, 'author'> & { author?: string };
export type NotePatch = PatchOf<typeof noteRecord>;
