import { z } from 'zod';
import type { ContactOutcome } from './codes';
import { CONTACT_OUTCOMES, LIST_CHANNELS } from './codes';
import { defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';
import type { Member } from './member';
import type { Note } from './note';

/** Most members one list holds (a whole 10,000-member roster fits twice). */
export const MAX_LIST_MEMBERS = 20_000;

/**
 * A call, text or mail list: members in the order they are to be reached,
 * made from a roster view (its filters, search and sort) or a selection, and
 * assigned to an organizer. The members are fixed when the list is made, so
 * the order does not move under the organizer working it. What happened with
 * each member is not stored here: every outcome is a note (note.ts `listId`,
 * `outcome`), so it shows in the member's timeline and syncs like any note,
 * and two organizers working one list at once both keep theirs.
 */
/**
 * What a list was made from, kept as a code and not as words, so every organizer reads it in their own
 * language: the roster's filters, a saved view (by its name), or a selection of so many members.
 */
export const listSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('roster') }),
  z.object({ kind: z.literal('view'), name: shortText(200).min(1) }),
  z.object({ kind: z.literal('selection'), count: z.number().int().min(1).max(MAX_LIST_MEMBERS) }),
]);
export type ListSource = z.infer<typeof listSource>;

export const listRecord = defineRecord(
  'list',
  {
    name: shortText(200).min(1),
    channel: z.enum(LIST_CHANNELS),
    memberIds: z.array(recordId).max(MAX_LIST_MEMBERS),
    assignedOrganizer: z.string().trim().min(1).max(200).optional(),
    /** What it was made from (a saved view, the roster's filters, a selection). */
    source: listSource.optional(),
  },
  { memberIds: [] },
);
export type ContactList = RecordOf<typeof listRecord>;
export type ContactListInput = InputOf<typeof listRecord>;
export type ContactListPatch = PatchOf<typeof listRecord>;

/**
 * Whether a list may reach this member today: consent is read again at every
 * use (working the list, its CSV, its call sheet), not only when the list was
 * made, so "don't call me" said after that is honoured at once. The same
 * rules as the CSV export (shared/csv/export.ts): a do-not-call member's
 * phone is never handed out, not even for texts.
 */
export function reachableBy(member: Member, channel: ContactList['channel']): boolean {
  switch (channel) {
    case 'call':
      return mayCall(member) && member.phones.length > 0;
    case 'text':
      return mayText(member) && member.phones.length > 0;
    case 'mail':
      return mayMail(member) && (member.address?.lines.length ?? 0) > 0;
  }
}

/** The member has not asked not to be called: their phone may be handed out. */
export const mayCall = (m: Pick<Member, 'doNotCall'>): boolean => !m.doNotCall;
/** Texts need both: a do-not-call member's phone is never handed out, not even for texts. */
export const mayText = (m: Pick<Member, 'doNotCall' | 'textOptOut'>): boolean => !m.textOptOut && !m.doNotCall;
export const mayMail = (m: Pick<Member, 'mailingPreference'>): boolean => m.mailingPreference !== 'no_mail';

/** Where each member of a list stands. */
export type ListEntryState = 'open' | 'done' | 'unreachable' | 'gone';

export interface ListEntry {
  readonly memberId: string;
  readonly member?: Member;
  readonly state: ListEntryState;
  /** The latest outcome recorded for this member on this list. */
  readonly outcome?: ContactOutcome;
}

export interface ListProgress {
  readonly entries: readonly ListEntry[];
  readonly total: number;
  /** Members with an outcome. */
  readonly done: number;
  /** Still to reach. */
  readonly open: number;
  /** Withdrew consent (or lost the phone or address) since the list was made: left out. */
  readonly unreachable: number;
  /** No longer on the roster. */
  readonly gone: number;
  readonly byOutcome: Readonly<Record<ContactOutcome, number>>;
}

/** The latest outcome per member from this list's notes (by note date, then time written). */
export function listOutcomes(listId: string, notes: readonly Note[]): Map<string, ContactOutcome> {
  return outcomesByList(notes).get(listId) ?? new Map();
}

/** Every list's latest outcome per member, in one pass over the notes. */
export function outcomesByList(notes: readonly Note[]): Map<string, Map<string, ContactOutcome>> {
  const latest = new Map<string, Map<string, Note>>();
  for (const n of notes) {
    if (n.listId === undefined || n.outcome === undefined || n.memberId === undefined) continue;
    let list = latest.get(n.listId);
    if (!list) latest.set(n.listId, (list = new Map()));
    const seen = list.get(n.memberId);
    if (!seen || n.date > seen.date || (n.date === seen.date && n.createdAt >= seen.createdAt)) list.set(n.memberId, n);
  }
  return new Map(
    [...latest].map(([listId, members]) => [listId, new Map([...members].map(([id, n]) => [id, n.outcome!]))]),
  );
}

/** Each member's state and the counts, in the list's order. */
export function listProgress(
  list: ContactList,
  member: (id: string) => Member | undefined,
  outcomes: ReadonlyMap<string, ContactOutcome>,
): ListProgress {
  const byOutcome = Object.fromEntries(CONTACT_OUTCOMES.map((o) => [o, 0])) as Record<ContactOutcome, number>;
  const counts = { done: 0, open: 0, unreachable: 0, gone: 0 };
  const entries = list.memberIds.map((memberId): ListEntry => {
    const m = member(memberId);
    const outcome = outcomes.get(memberId);
    const state: ListEntryState = !m
      ? 'gone'
      : outcome !== undefined
        ? 'done'
        : reachableBy(m, list.channel)
          ? 'open'
          : 'unreachable';
    counts[state]++;
    if (outcome !== undefined && state === 'done') byOutcome[outcome]++;
    return { memberId, member: m, state, outcome };
  });
  return { entries, total: entries.length, ...counts, byOutcome };
}

/** The next member to reach after `afterIndex` (wrapping round), or undefined when none is open. */
export function nextOpen(
  progress: ListProgress,
  afterIndex = -1,
  skipped: ReadonlySet<string> = new Set(),
): number | undefined {
  const n = progress.entries.length;
  for (let step = 1; step <= n; step++) {
    const i = (afterIndex + step + n) % n;
    const e = progress.entries[i]!;
    if (e.state === 'open' && !skipped.has(e.memberId)) return i;
  }
  return undefined;
}

/** Distinct member ids, in order, capped at MAX_LIST_MEMBERS (what a new list is made from). */
export function listMemberIds(members: readonly Pick<Member, 'id'>[]): string[] {
  return [...new Set(members.map((m) => m.id))].slice(0, MAX_LIST_MEMBERS);
}
