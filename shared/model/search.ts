import type { Member } from './member';
import { displayName } from './member';
import { normalizeForSearch, phoneDigits, phoneKey } from './normalize';

type Searchable = Pick<Member, 'id' | 'firstName' | 'lastName' | 'preferredName' | 'emails' | 'phones'>;

/** Characters a typed phone number may contain; a query made only of them is a phone search. */
const PHONE_QUERY = /^[\d\s().+\-/]+$/;
const SEP = '\u0001';

/**
 * A prebuilt search index over members: names and e-mails (normalized, see
 * normalizeForSearch) and phone digits. Every query token must match
 * somewhere (as a substring); members whose name starts with a token rank
 * first. Incremental: `upsert`/`remove` one member as the doc changes, e.g.
 * from `members.observe`. A linear scan over precomputed strings: 10,000
 * members answer in about a millisecond, well within one frame.
 */
export class MemberSearchIndex {
  private readonly slot = new Map<string, number>();
  private ids: string[] = [];
  /** `\u0001` + normalized words, so " " + token finds word starts. */
  private text: string[] = [];
  private digits: string[] = [];
  private names: string[] = [];
  /** Slots in name order, rebuilt lazily after changes, so results need no sort per query. */
  private order: number[] | null = null;

  constructor(members: Iterable<Searchable> = []) {
    for (const m of members) this.upsert(m);
  }

  get size(): number {
    return this.slot.size;
  }

  upsert(m: Searchable): void {
    const name = normalizeForSearch(displayName(m));
    const text = [m.firstName, m.lastName, m.preferredName, ...m.emails]
      .filter((s): s is string => !!s)
      .map(normalizeForSearch)
      .join(SEP);
    const digits = m.phones.map(phoneKey).join(SEP);
    const at = this.slot.get(m.id);
    this.order = null;
    if (at === undefined) {
      this.slot.set(m.id, this.ids.length);
      this.ids.push(m.id);
      this.text.push(SEP + text.replace(/ /g, SEP));
      this.digits.push(digits);
      this.names.push(name);
    } else {
      this.text[at] = SEP + text.replace(/ /g, SEP);
      this.digits[at] = digits;
      this.names[at] = name;
    }
  }

  /** O(1): the last slot moves into the freed one. */
  remove(id: string): void {
    const at = this.slot.get(id);
    if (at === undefined) return;
    this.order = null;
    const last = this.ids.length - 1;
    if (at !== last) {
      this.ids[at] = this.ids[last]!;
      this.text[at] = this.text[last]!;
      this.digits[at] = this.digits[last]!;
      this.names[at] = this.names[last]!;
      this.slot.set(this.ids[at]!, at);
    }
    this.ids.pop();
    this.text.pop();
    this.digits.pop();
    this.names.pop();
    this.slot.delete(id);
  }

  /**
   * Member ids matching `query`, best first (members whose words start with
   * every token, then the others; each by name), at most `limit`. An empty
   * query matches nobody.
   */
  search(query: string, limit = Infinity): string[] {
    const trimmed = query.trim();
    if (!trimmed) return [];
    const isPhone = PHONE_QUERY.test(trimmed) && phoneDigits(trimmed).length >= 3;
    if (isPhone) return this.searchPhone(phoneKey(trimmed), limit);
    const tokens = normalizeForSearch(trimmed).split(' ');
    const starts = tokens.map((t) => SEP + t);
    // A token of digits may also be part of a phone number.
    const digitTokens = tokens.map((t) => (/^\d{3,}$/.test(t) ? t : ''));
    const strong: number[] = [];
    const weak: number[] = [];
    outer: for (const i of this.sorted()) {
      if (strong.length >= limit) break;
      const text = this.text[i]!;
      let allStart = true;
      for (let t = 0; t < tokens.length; t++) {
        if (text.indexOf(tokens[t]!) >= 0) {
          if (allStart && text.indexOf(starts[t]!) < 0) allStart = false;
        } else if (digitTokens[t] && this.digits[i]!.indexOf(digitTokens[t]!) >= 0) {
          allStart = false;
        } else continue outer;
      }
      (allStart ? strong : weak).push(i);
    }
    return [...strong, ...weak].slice(0, limit).map((i) => this.ids[i]!);
  }

  private searchPhone(digits: string, limit: number): string[] {
    const hits: string[] = [];
    for (const i of this.sorted()) {
      if (hits.length >= limit) break;
      if (this.digits[i]!.includes(digits)) hits.push(this.ids[i]!);
    }
    return hits;
  }

  private sorted(): number[] {
    if (!this.order) {
      const names = this.names;
      const ids = this.ids;
      this.order = names
        .map((_, i) => i)
        .sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : ids[a]! < ids[b]! ? -1 : 1));
    }
    return this.order;
  }
}
