import { z } from 'zod';
import { ROLE_KINDS } from './codes';
import type { RoleKind } from './codes';
import { day, defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';
import { normalizeForSearch } from './normalize';

/**
 * One term of a leadership role: who held it, for what, from when to when.
 * A new term (re-election or a new person) is a new record, so the records of
 * one seat are its history.
 */
export const roleRecord = defineRecord(
  'role',
  {
    role: z.enum(ROLE_KINDS),
    /** Free title for `other` or a local name ("Tenant WG co-chair"). */
    title: shortText(200).optional(),
    holderId: recordId,
    groupId: recordId.optional(),
    branch: shortText(100).optional(),
    termStart: day,
    termEnd: day.optional(),
  },
  {},
);
export type Role = RecordOf<typeof roleRecord>;
export type RoleInput = InputOf<typeof roleRecord>;
export type RolePatch = PatchOf<typeof roleRecord>;

/** A chapter's rule for one kind of role: how long a term runs, and how many terms in a row one person may serve. */
export interface TermLimit {
  readonly termMonths?: number;
  readonly maxTerms?: number;
}
export type TermLimits = Readonly<Partial<Record<RoleKind, TermLimit>>>;

/**
 * A seat: what a term is a term of (the kind, its group or branch, and for
 * `other` its title). Co-chairs share a seat; each holds their own terms in it.
 */
export function seatOf(r: Pick<Role, 'role' | 'groupId' | 'branch' | 'title'>): string {
  const title = r.role === 'other' ? normalizeForSearch(r.title ?? '') : '';
  return [r.role, r.groupId ?? '', normalizeForSearch(r.branch ?? ''), title].join('\u0001');
}

export type TermStatus =
  /** Starts after the day. */
  | 'upcoming'
  /** Running, its end not near. */
  | 'ok'
  /** Ends within the warning window, and nobody is recorded to take over. */
  | 'due'
  /** Its end has passed and nobody is recorded to take over: the seat is held past its term. */
  | 'overdue'
  /** Running with no end date set. */
  | 'no_end'
  /** Over, and a next term is recorded. */
  | 'ended';

export interface TermView {
  readonly role: Role;
  readonly seat: string;
  readonly status: TermStatus;
  /** Terms in a row this holder has served in this seat, this one included. */
  readonly consecutive: number;
  /** This is the holder's last term allowed in a row: at its end someone else takes the seat. */
  readonly lastAllowed: boolean;
  /** The holder is past the chapter's limit of terms in a row. */
  readonly overLimit: boolean;
  /** The term that follows this one in the seat, if recorded. */
  readonly next?: Role;
  /**
   * This is the holder's current term in this seat: the one covering the day, or else their latest begun.
   * A holder's earlier and upcoming terms in the seat are its history and its future, not seats to rotate.
   */
  readonly current: boolean;
  /** Rotation is due for this seat and holder (see `rotation`). */
  readonly rotationDue: boolean;
}

/** Days between one term's end and the next term's start that still make them "in a row". */
const GAP_DAYS = 31;

/**
 * Every term with its rotation status on `onDay`: `withinDays` is the warning
 * window before a term's end. A term is followed when its seat has another
 * term starting on or after its end (co-chairs' overlapping terms do not
 * follow each other). Rotation is due for a holder's current term only (one
 * per holder and seat), and only once it ends within the window or is over:
 * with nobody recorded to take over, or with its holder past the limit.
 */
export function rotation(
  roles: readonly Role[],
  opts: { readonly onDay: string; readonly withinDays?: number; readonly limits?: TermLimits },
): TermView[] {
  const warnFrom = addDays(opts.onDay, opts.withinDays ?? 60);
  const bySeat = new Map<string, Role[]>();
  for (const r of roles) {
    const seat = seatOf(r);
    bySeat.set(seat, [...(bySeat.get(seat) ?? []), r]);
  }
  const streak = new Map<string, number>();
  const inARow = (r: Role, seat: Role[]): number => {
    const known = streak.get(r.id);
    if (known !== undefined) return known;
    streak.set(r.id, 1); // a cycle of hand-made records cannot loop
    const before = seat.find(
      (p) =>
        p.id !== r.id &&
        p.holderId === r.holderId &&
        p.termStart < r.termStart &&
        p.termEnd !== undefined &&
        p.termEnd >= addDays(r.termStart, -GAP_DAYS),
    );
    const n = before ? 1 + inARow(before, seat) : 1;
    streak.set(r.id, n);
    return n;
  };
  const out: TermView[] = [];
  for (const [seat, terms] of bySeat) {
    const current = currentTerms(terms, opts.onDay);
    for (const r of terms) {
      const next =
        r.termEnd === undefined
          ? undefined
          : terms
              .filter((o) => o.id !== r.id && o.termStart >= r.termEnd! && o.termStart > r.termStart)
              .sort((a, b) => cmp(a.termStart, b.termStart))[0];
      const status: TermStatus =
        r.termStart > opts.onDay
          ? 'upcoming'
          : r.termEnd === undefined
            ? 'no_end'
            : r.termEnd < opts.onDay
              ? next
                ? 'ended'
                : 'overdue'
              : !next && r.termEnd <= warnFrom
                ? 'due'
                : 'ok';
      const consecutive = inARow(r, terms);
      const max = opts.limits?.[r.role]?.maxTerms;
      const overLimit = max !== undefined && consecutive > max;
      const endsSoon = r.termEnd !== undefined && r.termEnd <= warnFrom;
      out.push({
        role: r,
        seat,
        status,
        consecutive,
        lastAllowed: max !== undefined && consecutive === max,
        overLimit,
        ...(next && { next }),
        current: current.has(r.id),
        rotationDue:
          current.has(r.id) &&
          (status === 'due' || status === 'overdue' || (overLimit && endsSoon && status !== 'ended')),
      });
    }
  }
  return out.sort((a, b) => cmp(b.role.termStart, a.role.termStart) || cmp(a.role.id, b.role.id));
}

/**
 * Terms whose rotation is due on `onDay`, one per holder and seat: ended (or
 * ending within `withinDays`) with nobody recorded to take over, or with the
 * holder past the chapter's limit of terms in a row. Soonest end first.
 */
export function rolesDueForRotation(
  roles: readonly Role[],
  onDay: string,
  withinDays = 0,
  limits: TermLimits = {},
): Role[] {
  return rotation(roles, { onDay, withinDays, limits })
    .filter(isRotationDue)
    .map((v) => v.role)
    .sort((a, b) => cmp(a.termEnd ?? '9999', b.termEnd ?? '9999') || cmp(a.id, b.id));
}

/** Rotation is due for this term: its holder's current one in the seat, ended or ending soon with nobody recorded to take over or with the holder past the limit. */
export function isRotationDue(v: TermView): boolean {
  return v.rotationDue;
}

/**
 * The ids of each holder's current term among one seat's terms on `onDay`: the one covering the day
 * (the latest begun, if several do), or else their latest begun. A holder with only upcoming terms has none.
 */
function currentTerms(terms: readonly Role[], onDay: string): Set<string> {
  const best = new Map<string, Role>();
  const covers = (r: Role) => r.termEnd === undefined || r.termEnd >= onDay;
  for (const r of terms) {
    if (r.termStart > onDay) continue;
    const held = best.get(r.holderId);
    const better =
      !held ||
      (covers(r) && !covers(held)) ||
      (covers(r) === covers(held) && (cmp(r.termStart, held.termStart) || cmp(r.id, held.id)) > 0);
    if (better) best.set(r.holderId, r);
  }
  return new Set([...best.values()].map((r) => r.id));
}

/** The terms of each seat, newest first: who held it, and when. */
export function seatHistory(roles: readonly Role[]): Map<string, Role[]> {
  const seats = new Map<string, Role[]>();
  for (const r of roles) seats.set(seatOf(r), [...(seats.get(seatOf(r)) ?? []), r]);
  for (const terms of seats.values()) terms.sort((a, b) => cmp(b.termStart, a.termStart) || cmp(a.id, b.id));
  return seats;
}

/** The last day of a term of `months` starting on `start` (a year from 2025-01-01 ends 2025-12-31). */
export function termEndAfter(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1 + months, d));
  // A start day the end month does not have (the 31st, the 29th of February): the term ends on that month's last day.
  if (next.getUTCDate() !== d) {
    next.setUTCDate(0);
    return next.toISOString().slice(0, 10);
  }
  return addDays(next.toISOString().slice(0, 10), -1);
}

export function addDays(isoDay: string, days: number): string {
  const t = Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
