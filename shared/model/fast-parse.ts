import type { z } from 'zod';

/**
 * A fast path for reading stored records: a parser compiled once from a zod
 * schema that gives zod's exact output for every input zod accepts, and
 * `REFUSED` for the rest. Callers then run zod itself, so issues (and the
 * "bad record is reported" path) are zod's own. Only the walk over objects,
 * arrays, optionals, enums and primitive types is re-implemented; every check
 * (lengths counted in code points, formats, trims, integer ranges) is zod's
 * own check object, so no rule is written twice. Anything else (records,
 * unions, transforms, defaults, async checks) is handed to zod for that
 * sub-value only.
 *
 * Why, measured on the benchmark chapter (10k members, 2k member-skills,
 * 50k notes; Node 20, CPU time of a first list()): zod cost 50–100 µs per
 * member and the plain copy of each Y.Map another chunk; members.list went
 * from 1,780 ms to 330–410 ms, notes.list from 1,840 ms to ~610 ms (the rest
 * is Y.Map reads, freezing and GC of a 60k-record doc). Invalid records
 * still take zod's path, so what is reported is unchanged.
 */

export const REFUSED: unique symbol = Symbol('refused');
/** What a lookup returns for a key the record does not have (`undefined` is a stored value). */
export const ABSENT: unique symbol = Symbol('absent');
export type FastParse<T> = ((input: unknown) => T | typeof REFUSED) & {
  /** Objects that strip unknown keys only: the same parse, reading fields through `get` instead of from an object. */
  readonly fromLookup?: (get: (key: string) => unknown) => T | typeof REFUSED;
};

/** The parts of zod 4's internal (documented for library authors) `_zod` we read. */
interface Payload {
  value: unknown;
  issues: unknown[];
}
interface CheckNode {
  _zod: { def: { when?: (p: Payload) => boolean }; check: (p: Payload) => unknown };
}
interface Node {
  _zod: {
    def: {
      type: string;
      checks?: CheckNode[];
      innerType?: Node;
      element?: Node;
      shape?: Record<string, Node>;
      catchall?: Node;
      coerce?: boolean;
    };
    traits: Set<string>;
    optin?: string;
    optout?: string;
    values?: Set<unknown>;
  };
}

export function compileFastParse<S extends z.ZodType>(schema: S): FastParse<z.output<S>> {
  return compile(schema as unknown as Node) as FastParse<z.output<S>>;
}

/** Paths (dotted) of sub-schemas the fast path leaves to zod: for tests, so a hot field does not silently fall back. */
export function delegatedPaths(schema: z.ZodType): string[] {
  const out: string[] = [];
  compile(schema as unknown as Node, '', out);
  return out;
}

function compile(node: Node, path = '', delegated?: string[]): FastParse<unknown> {
  const zod = node._zod;
  const def = zod.def;
  const checks = runChecks(
    zod.traits.has('$ZodCheck') ? [node as unknown as CheckNode, ...(def.checks ?? [])] : def.checks,
  );
  const viaZod = () => {
    delegated?.push(path);
    return delegate(node);
  };
  if (def.coerce) return viaZod();
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? checks(v) : REFUSED);
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? checks(v) : REFUSED);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? checks(v) : REFUSED);
    case 'enum': {
      const values = zod.values;
      if (!values) return viaZod();
      return (v) => (values.has(v) ? checks(v) : REFUSED);
    }
    case 'optional':
    case 'nullable': {
      const inner = def.innerType!;
      // A defaulted inner value substitutes for absence: zod's own business.
      if (inner._zod.optin === 'defaulted' || def.checks?.length) return viaZod();
      const parse = compile(inner, path, delegated);
      const empty = def.type === 'optional' ? undefined : null;
      return (v) => (v === empty ? v : parse(v));
    }
    case 'array': {
      const element = compile(def.element!, `${path}[]`, delegated);
      // An array whose every element comes out as it went in (strings, numbers) is returned itself, not
      // copied: a record read from a Y.Map then shares the stored array instead of holding a second one
      // (10,000 members hold eight lists each). Its content is zod's output all the same.
      return (v) => {
        if (!Array.isArray(v)) return REFUSED;
        let out: unknown[] | null = null;
        for (let i = 0; i < v.length; i++) {
          const r = element(v[i]);
          if (r === REFUSED) return REFUSED;
          if (out === null && r !== v[i]) out = v.slice(0, i);
          if (out !== null) out.push(r);
        }
        return checks(out ?? v);
      };
    }
    case 'object':
      return compileObject(node, path, checks, delegated) ?? viaZod();
    default:
      return viaZod();
  }
}

interface Field {
  readonly key: string;
  readonly parse: FastParse<unknown>;
  /** Absent is fine and adds nothing to the output (zod's optin/optout "optional"). */
  readonly omittable: boolean;
}

/** zod's z.object (unknown keys stripped) and z.strictObject (unknown keys refused); null for other catch-alls. */
function compileObject(
  node: Node,
  path: string,
  checks: (v: unknown) => unknown,
  delegated?: string[],
): FastParse<unknown> | null {
  const def = node._zod.def;
  const strict = def.catchall?._zod.def.type === 'never';
  if (def.catchall && !strict) return null;
  const shape = def.shape!;
  const keys = Object.keys(shape);
  // zod skips a `__proto__` key and also reads symbol keys: rare enough to leave to zod.
  if (Object.getOwnPropertySymbols(shape).length || keys.includes('__proto__')) return null;
  // Only the two plain rungs: required, and .optional(). Defaults and the like go to zod.
  const plain = (el: Node['_zod']) =>
    el.optin === undefined ? el.optout === undefined : el.optin === 'optional' && el.optout === 'optional';
  if (!keys.every((key) => plain(shape[key]!._zod))) return null;
  const fields: Field[] = keys.map((key) => ({
    key,
    parse: compile(shape[key]!, path ? `${path}.${key}` : key, delegated),
    omittable: shape[key]!._zod.optin === 'optional',
  }));
  const known = new Set(fields.map((f) => f.key));
  const parse = (v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return REFUSED;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (!(f.key in input)) {
        if (f.omittable) continue;
        return REFUSED;
      }
      const r = f.parse(input[f.key]);
      if (r === REFUSED) return REFUSED;
      out[f.key] = r;
    }
    if (strict) for (const key in input) if (!known.has(key)) return REFUSED;
    return checks(fastProperties(out));
  };
  if (strict) return parse;
  // The same walk over a keyed store (a record's Y.Map): no plain copy of the stored record is made.
  const fromLookup = (get: (key: string) => unknown) => {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const value = get(f.key);
      if (value === ABSENT) {
        if (f.omittable) continue;
        return REFUSED;
      }
      const r = f.parse(value);
      if (r === REFUSED) return REFUSED;
      out[f.key] = r;
    }
    return checks(fastProperties(out));
  };
  return Object.assign(parse, { fromLookup });
}

/**
 * V8 turns an object that got more than a dozen properties by keyed stores
 * (`out[key] = …`, as here and in zod) into a slow dictionary; a spread copy
 * has fast properties again. Measured on 60k 30-field records: reads 14×,
 * freezing 20× faster.
 */
function fastProperties<T extends object>(o: T): T {
  return { ...o };
}

/** Runs zod's own check objects in order, as zod does on a value it accepted; any issue → REFUSED. */
function runChecks(list: readonly CheckNode[] | undefined): (v: unknown) => unknown {
  if (!list?.length) return (v) => v;
  const payload: Payload = { value: undefined, issues: [] };
  return (v) => {
    payload.value = v;
    payload.issues.length = 0;
    for (const ch of list) {
      const when = ch._zod.def.when;
      if (when && !when(payload)) continue;
      const r = ch._zod.check(payload);
      if (payload.issues.length || r instanceof Promise) return REFUSED;
    }
    const out = payload.value;
    payload.value = undefined;
    return out;
  };
}

function delegate(node: Node): FastParse<unknown> {
  const schema = node as unknown as z.ZodType;
  return (v) => {
    const r = schema.safeParse(v);
    return r.success ? r.data : REFUSED;
  };
}

const compiled = new WeakMap<z.ZodType, FastParse<unknown>>();

/** compileFastParse, once per schema (every open space shares the record kinds' schemas). */
export function fastParseOf<S extends z.ZodType>(schema: S): FastParse<z.output<S>> {
  let parse = compiled.get(schema);
  if (!parse) compiled.set(schema, (parse = compileFastParse(schema)));
  return parse as FastParse<z.output<S>>;
}
