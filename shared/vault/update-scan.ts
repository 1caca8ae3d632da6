/**
 * A one-pass reader of a Yjs v1 update that builds nothing, for every update a
 * member sends (SECURITY.md "The access log against its own members").
 *
 * Yjs's applyUpdate allocates an array as long as each client's claimed number
 * of structs before reading them, so a few bytes claiming millions cost a
 * receiver a second and hundreds of MB. This scanner walks the format (lib0
 * varints and strings; Yjs's clients, structs, item contents and delete set)
 * and refuses an update whose claimed counts exceed what its remaining bytes
 * could hold (every struct, value or range takes at least one byte), that
 * ends early, that has bytes past its end, or that Yjs's own reader refuses
 * (unknown struct or content kinds, invalid UTF-8 or JSON). It is stricter
 * than Yjs in three ways an honest update never meets: bytes after the delete
 * set, values nested deeper than MAX_DEPTH, and sub-documents (the app never
 * makes them).
 */
import { AppError } from '../errors';

/** Deepest nesting of arrays and objects in a stored value. */
const MAX_DEPTH = 100;

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;

/** Content kinds (the low five bits of a struct's info byte), Yjs's contentRefs. */
const DELETED = 1;
const JSON_VALUES = 2;
const BINARY = 3;
const STRING = 4;
const EMBED = 5;
const FORMAT = 6;
const TYPE = 7;
const ANY = 8;
/** Shared types (Yjs's typeRefs): 3 XmlElement and 5 XmlHook carry a name. */
const TYPE_KINDS = 7;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Thrown for any update that does not read; the only error `scanUpdate` throws. */
function refuse(): never {
  throw new AppError('bad-entry', 'the update in the entry does not read');
}

class Scanner {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  get left(): number {
    return this.bytes.length - this.pos;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) refuse();
    return this.bytes[this.pos++]!;
  }

  /** lib0 varUint: 7 bits a byte, low first, at most a safe integer. */
  uint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const r = this.byte();
      num += (r & 127) * mult;
      if (r < 128) return num;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER) refuse();
    }
  }

  /** A count of things that each take at least `min` bytes. */
  count(min = 1): number {
    const n = this.uint();
    if (n * min > this.left) refuse();
    return n;
  }

  /** lib0 varInt: sign and 6 bits in the first byte. */
  int(): void {
    let r = this.byte();
    let num = r & 63;
    let mult = 64;
    while (r >= 128) {
      r = this.byte();
      num += (r & 127) * mult;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER) refuse();
    }
  }

  skip(n: number): void {
    if (n > this.left) refuse();
    this.pos += n;
  }

  buffer(): void {
    this.skip(this.uint());
  }

  /** A varString: valid UTF-8 (lib0 decodes with a fatal TextDecoder). */
  string(): void {
    const len = this.uint();
    if (len > this.left) refuse();
    if (!validUtf8(this.bytes, this.pos, this.pos + len)) refuse();
    this.pos += len;
  }

  /** A string Yjs hands to JSON.parse (rare content kinds: text formats, embeds, legacy JSON). */
  json(allowUndefined: boolean): void {
    const len = this.uint();
    if (len > this.left) refuse();
    let text: string;
    try {
      text = strictUtf8.decode(this.bytes.subarray(this.pos, this.pos + len));
      if (!(allowUndefined && text === 'undefined')) JSON.parse(text);
    } catch {
      refuse();
    }
    this.pos += len;
  }

  /** lib0 readAny. */
  any(depth: number): void {
    if (depth > MAX_DEPTH) refuse();
    switch (this.byte()) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125:
        return this.int();
      case 124:
        return this.skip(4);
      case 123:
      case 122: // float64, bigint64
        return this.skip(8);
      case 119:
        return this.string();
      case 118: {
        const n = this.count(2);
        for (let i = 0; i < n; i++) {
          this.string();
          this.any(depth + 1);
        }
        return;
      }
      case 117: {
        const n = this.count();
        for (let i = 0; i < n; i++) this.any(depth + 1);
        return;
      }
      case 116:
        return this.buffer();
      default:
        refuse();
    }
  }

  content(kind: number): void {
    switch (kind) {
      case DELETED:
        this.uint();
        return;
      case JSON_VALUES: {
        const n = this.count();
        for (let i = 0; i < n; i++) this.json(true);
        return;
      }
      case BINARY:
        return this.buffer();
      case STRING:
        return this.string();
      case EMBED:
        return this.json(false);
      case FORMAT:
        this.string();
        return this.json(false);
      case TYPE: {
        const type = this.uint();
        if (type >= TYPE_KINDS) refuse();
        if (type === 3 || type === 5) this.string();
        return;
      }
      case ANY: {
        const n = this.count();
        for (let i = 0; i < n; i++) this.any(0);
        return;
      }
      default: // 9: sub-document (never made by the app); 10 with other bits set: Yjs's reader refuses it too
        refuse();
    }
  }

  /** One struct (Yjs's lazyStructReaderGenerator). */
  struct(): void {
    const info = this.byte();
    if (info === 10) {
      this.uint(); // skip: length
      return;
    }
    const kind = info & BITS5;
    if (kind === 0) {
      this.uint(); // GC: length
      return;
    }
    if (info & BIT8) this.id(); // origin
    if (info & BIT7) this.id(); // right origin
    if ((info & (BIT7 | BIT8)) === 0) {
      if (this.uint() === 1)
        this.string(); // parent: a root type's name ...
      else this.id(); // ... or the id of the item holding it
      if (info & BIT6) this.string(); // key in a map
    }
    this.content(kind);
  }

  id(): void {
    this.uint();
    this.uint();
  }
}

/** Throws AppError('bad-entry') unless `update` reads whole as a Yjs v1 update. */
export function scanUpdate(update: Uint8Array): void {
  const s = new Scanner(update);
  const clients = s.count(3);
  for (let c = 0; c < clients; c++) {
    const structs = s.count();
    s.uint(); // client
    s.uint(); // first clock
    for (let i = 0; i < structs; i++) s.struct();
  }
  const deleting = s.count(2);
  for (let c = 0; c < deleting; c++) {
    s.uint(); // client
    const ranges = s.count(2);
    for (let i = 0; i < ranges; i++) {
      s.uint(); // clock
      s.uint(); // length
    }
  }
  if (s.left !== 0) refuse();
}

/** UTF-8 as the WHATWG decoder accepts it: no overlong forms, no surrogates, nothing past U+10FFFF. */
function validUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const x = b[i++]!;
    if (x < 0x80) continue;
    let more: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) more = 1;
    else if (x >= 0xe0 && x <= 0xef) {
      more = 2;
      if (x === 0xe0) lo = 0xa0;
      else if (x === 0xed) hi = 0x9f;
    } else if (x >= 0xf0 && x <= 0xf4) {
      more = 3;
      if (x === 0xf0) lo = 0x90;
      else if (x === 0xf4) hi = 0x8f;
    } else return false;
    if (i + more > end) return false;
    const y = b[i++]!;
    if (y < lo || y > hi) return false;
    for (let k = 1; k < more; k++) {
      const z = b[i++]!;
      if (z < 0x80 || z > 0xbf) return false;
    }
  }
  return true;
}
