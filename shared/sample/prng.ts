/** A small seeded PRNG (sfc32) for reproducible fixtures; never for secrets. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Up to `max` distinct items. */
  some<T>(items: readonly T[], max: number): T[] {
    const n = this.int(max + 1);
    const out = new Set<T>();
    for (let i = 0; i < n; i++) out.add(this.pick(items));
    return [...out];
  }

  /** A base64url id of `length` characters. */
  id(length = 22): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[this.int(64)];
    return s;
  }

  /** A day between two ISO days, inclusive. */
  day(from: string, to: string): string {
    const a = dayNumber(from);
    return dayString(a + this.int(dayNumber(to) - a + 1));
  }
}

const dayNumbers = new Map<string, number>();
function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) dayNumbers.set(day, (n = Date.parse(`${day}T00:00:00Z`) / 86_400_000));
  return n;
}
const dayStrings = new Map<number, string>();
function dayString(n: number): string {
  let s = dayStrings.get(n);
  if (s === undefined) dayStrings.set(n, (s = new Date(n * 86_400_000).toISOString().slice(0, 10)));
  return s;
}
