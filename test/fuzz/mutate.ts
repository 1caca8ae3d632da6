/**
 * Structure-aware inputs for the decoders: valid encodings, the same with a few mutations (a bit
 * flipped, a byte set, cut short, extended, a range spliced out or copied, a length overwritten
 * with a huge value), two encodings spliced together, and plain random bytes.
 */
import fc from 'fast-check';

type Mutation = (bytes: Uint8Array) => Uint8Array;

/** Encodings of lengths and counts that decoders must not trust: var-uints and big-endian u32s. */
const HUGE: readonly (readonly number[])[] = [
  [0x00],
  [0x7f],
  [0x80, 0x01],
  [0xff, 0xff, 0xff, 0xff, 0x0f], // var-uint 2^32 - 1
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], // var-uint past 2^53
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], // var-uint that never fits
  [0xff, 0xff, 0xff, 0xff], // u32 max
  [0x7f, 0xff, 0xff, 0xff],
  [0x01, 0x00, 0x00, 0x01], // u32 just past 16 MiB
];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const position = fc.nat({ max: 1 << 20 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(position, fc.integer({ min: 0, max: 7 })).map(([at, bit]): Mutation => (b) => {
    if (b.length === 0) return b;
    const out = b.slice();
    out[at % b.length]! ^= 1 << bit;
    return out;
  }),
  fc.tuple(position, fc.integer({ min: 0, max: 255 })).map(([at, value]): Mutation => (b) => {
    if (b.length === 0) return b;
    const out = b.slice();
    out[at % b.length] = value;
    return out;
  }),
  position.map(
    (n): Mutation =>
      (b) =>
        b.subarray(0, n % (b.length + 1)),
  ),
  fc.uint8Array({ maxLength: 64 }).map(
    (extra): Mutation =>
      (b) =>
        concat(b, extra),
  ),
  fc
    .tuple(position, fc.nat({ max: 32 }), fc.uint8Array({ maxLength: 32 }))
    .map(([at, cut, insert]): Mutation => (b) => {
      const i = at % (b.length + 1);
      return concat(b.subarray(0, i), insert, b.subarray(Math.min(b.length, i + cut)));
    }),
  fc.tuple(position, fc.constantFrom(...HUGE)).map(([at, huge]): Mutation => (b) => {
    const i = at % (b.length + 1);
    return concat(b.subarray(0, i), Uint8Array.from(huge), b.subarray(Math.min(b.length, i + huge.length)));
  }),
  fc.tuple(position, position, fc.nat({ max: 64 })).map(([from, to, length]): Mutation => (b) => {
    if (b.length === 0) return b;
    const f = from % b.length;
    const t = to % (b.length + 1);
    return concat(b.subarray(0, t), b.subarray(f, f + length), b.subarray(t));
  }),
);

export interface MutationOptions {
  /** Longest random input (default 256 bytes). */
  readonly maxRandomBytes?: number;
}

/** Valid seeds, mutated seeds, spliced seeds and random bytes (mostly mutated seeds). */
export function mutatedBytes(seeds: readonly Uint8Array[], options: MutationOptions = {}): fc.Arbitrary<Uint8Array> {
  if (seeds.length === 0) throw new Error('mutatedBytes needs at least one valid seed');
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    { weight: 1, arbitrary: seed },
    {
      weight: 8,
      arbitrary: fc
        .tuple(seed, fc.array(mutation, { minLength: 1, maxLength: 4 }))
        .map(([s, ms]) => ms.reduce((b, m) => m(b), s)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(seed, seed, position, position)
        .map(([a, b, i, j]) => concat(a.subarray(0, i % (a.length + 1)), b.subarray(j % (b.length + 1)))),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: options.maxRandomBytes ?? 256 }) },
  );
}

/** Text seeds mutated as UTF-8 bytes and decoded back (lossily), plus arbitrary Unicode strings. */
export function mutatedText(seeds: readonly string[]): fc.Arbitrary<string> {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return fc.oneof(
    { weight: 6, arbitrary: mutatedBytes(seeds.map((s) => encoder.encode(s))).map((b) => decoder.decode(b)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

/** Any value a structured clone (IndexedDB) or JSON could hold, including byte arrays. */
export const anyValue: fc.Arbitrary<unknown> = fc.anything({
  withTypedArray: true,
  withNullPrototype: true,
  withMap: true,
  withSet: true,
  withBigInt: true,
  withDate: true,
  maxDepth: 3,
});

/** A copy of `value` with one field (at any depth) deleted or replaced by anything. */
export function mutatedValue(seeds: readonly unknown[]): fc.Arbitrary<unknown> {
  const edit = fc.tuple(fc.nat(), fc.nat(), fc.boolean(), anyValue);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...seeds) },
    {
      weight: 8,
      arbitrary: fc
        .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 3 }))
        .map(([seed, edits]) =>
          edits.reduce(
            (v, [pathSeed, keySeed, remove, replacement]) => edited(v, pathSeed, keySeed, remove, replacement),
            seed,
          ),
        ),
    },
    { weight: 1, arbitrary: anyValue },
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !(v instanceof Map) && !(v instanceof Set);
}

function edited(value: unknown, pathSeed: number, keySeed: number, remove: boolean, replacement: unknown): unknown {
  if (!isPlainObject(value)) return replacement;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  if (keys.length === 0) return replacement;
  const key = keys[keySeed % keys.length]!;
  // Go one level deeper on odd path seeds while there is a deeper object.
  if (pathSeed % 2 === 1 && isPlainObject(copy[key])) {
    copy[key] = edited(copy[key], pathSeed >> 1, keySeed >> 1, remove, replacement);
  } else if (remove) delete copy[key];
  else copy[key] = replacement;
  return copy;
}
