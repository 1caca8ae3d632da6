/**
 * Likely duplicate members: the same e-mail or phone number, or, among the
 * people at one meeting, the same name. The usual cause is a walk-in typed on
 * two laptops at once (each makes its own member, with its own id); an
 * organizer looks at each pair and merges it (merge-members.ts). Nothing here
 * merges on its own: two people may share a phone or a name.
 */
import type { Member } from './member';
import { displayName } from './member';
import { foldForSearch, phoneKey } from './normalize';

export type DuplicateReason = 'email' | 'phone' | 'name';

export interface LikelyDuplicate {
  /** The two member ids, in id order. */
  readonly a: string;
  readonly b: string;
  readonly reasons: readonly DuplicateReason[];
}

const SHARED_BY_MANY = 6;

type Contact = Pick<Member, 'emails' | 'phones'>;

/** The keys two records of one person would share: e-mails lower-cased, phones as their last digits. */
export function contactKeys(m: Contact): string[] {
  const keys = m.emails.map((e) => `email:${e.trim().toLowerCase()}`);
  for (const p of m.phones) {
    const k = phoneKey(p);
    if (k.length >= 7) keys.push(`phone:${k}`);
  }
  return keys;
}

/** Members by each of their contact keys: built once, asked at every keystroke of the walk-in form. */
export function contactIndex<M extends Member>(members: readonly M[]): Map<string, M[]> {
  const index = new Map<string, M[]>();
  for (const m of members) {
    for (const k of new Set(contactKeys(m))) {
      const list = index.get(k);
      if (list) list.push(m);
      else index.set(k, [m]);
    }
  }
  return index;
}

/** Members already on the roster with one of these e-mails or phone numbers (the walk-in form asks "is it them?"). */
export function sameContact<M extends Member>(index: ReadonlyMap<string, readonly M[]>, contact: Contact): M[] {
  const found = new Set<M>();
  for (const k of contactKeys(contact)) for (const m of index.get(k) ?? []) found.add(m);
  return [...found];
}

/**
 * Pairs of likely duplicates that involve at least one member of `among`
 * (the people at a meeting): same e-mail or phone anywhere on the roster, or
 * the same name inside `among`.
 */
export function likelyDuplicates(members: readonly Member[], among: ReadonlySet<string>): LikelyDuplicate[] {
  const pairs = new Map<string, Set<DuplicateReason>>();
  const add = (x: string, y: string, reason: DuplicateReason) => {
    if (x === y) return;
    const key = x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
    const reasons = pairs.get(key) ?? new Set<DuplicateReason>();
    reasons.add(reason);
    pairs.set(key, reasons);
  };
  for (const [key, holders] of contactIndex(members)) {
    const ids = holders.map((m) => m.id);
    // A number or address many people share (an office line) says nothing about any two of them.
    if (ids.length < 2 || ids.length > SHARED_BY_MANY || !ids.some((id) => among.has(id))) continue;
    const reason: DuplicateReason = key.startsWith('email:') ? 'email' : 'phone';
    for (const x of ids) for (const y of ids) if (x < y && (among.has(x) || among.has(y))) add(x, y, reason);
  }
  const byName = new Map<string, string[]>();
  for (const m of members) {
    if (!among.has(m.id)) continue;
    const name = foldForSearch(displayName(m));
    byName.set(name, [...(byName.get(name) ?? []), m.id]);
  }
  for (const ids of byName.values()) for (const x of ids) for (const y of ids) if (x < y) add(x, y, 'name');
  const order: DuplicateReason[] = ['email', 'phone', 'name'];
  return [...pairs]
    .map(([key, reasons]) => {
      const [a, b] = key.split('\u0000') as [string, string];
      return { a, b, reasons: order.filter((r) => reasons.has(r)) };
    })
    .sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : 1));
}
