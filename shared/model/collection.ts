import * as Y from 'yjs';
import type { z } from 'zod';
import { AppError } from '../errors';
import type { FieldKind, InputOf, PatchOf, RecordKind, RecordOf } from './fields';
import { collectionMap } from './layout';
import type { CollectionName, RecordMap } from './layout';
import { ABSENT, fastParseOf, REFUSED } from './fast-parse';
import { invalidData, issueCodes, issueFields } from './problems';
import type { Listing, ReadOne, RecordProblem } from './problems';
import { mapToRaw, plainValue, recordToMap, writeField } from './record-map';

/** What every collection of a space shares: the doc, who writes, the clock, ids. */
export interface ModelContext {
  readonly doc: Y.Doc;
  /** Device id stamped as createdBy / updatedBy. */
  readonly author: string;
  readonly now: () => number;
  readonly newId: () => string;
  /** Transaction origin of our writes, so the change log can tell them from remote updates. */
  readonly origin: unknown;
  /** Throws if this version must not write the doc (see SpaceData). */
  assertWritable(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = RecordKind<any, any>;

/**
 * Typed access to one top-level collection. Every write is validated first
 * (bad input → AppError('invalid-data'), doc untouched) and stamped; every
 * read is validated and a bad record reported, not thrown. Writes touch only
 * the keys they change, so fields written by a newer version survive.
 * Records returned are frozen and cached until they change.
 */
export class Collection<K extends AnyKind, T = RecordOf<K>, I = InputOf<K>, P = PatchOf<K>> {
  readonly map: Y.Map<RecordMap>;
  private readonly cache = new Map<string, ReadOne<T>>();
  /** Where `warm` goes on from: a live iterator over the stored ids (a Map's iterator sees later changes). */
  private warming: Iterator<string> | null = null;
  /** The last `list()`, until a record changes: 10,000 records listed again are one copy, not 10,000 reads. */
  private listed: { readonly records: T[]; readonly problems: RecordProblem[] } | null = null;
  private readonly fastStored;
  /** Fields only the accessors write (e.g. the assessment history). */
  protected readonly internal: ReadonlySet<string> = new Set();

  constructor(
    protected readonly ctx: ModelContext,
    readonly name: CollectionName,
    readonly kind: K,
  ) {
    this.map = collectionMap(ctx.doc, name);
    this.fastStored = fastParseOf(kind.stored);
    this.observe((ids) => ids.forEach((id) => this.forget(id)));
  }

  get size(): number {
    return this.map.size;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  ids(): string[] {
    return [...this.map.keys()];
  }

  create(input: I): string {
    return this.createWithId(this.ctx.newId(), input);
  }

  protected createWithId(id: string, input: I, derived: Record<string, unknown> = {}): string {
    this.ctx.assertWritable();
    this.refuseInternal(input as object);
    const candidate = { ...this.kind.defaults, ...(input as object) };
    const parsed = this.kind.input.safeParse(candidate);
    if (!parsed.success) throw invalidData(this.kind.name, parsed.error);
    const now = this.ctx.now();
    const by = this.ctx.author;
    const data = parsed.data as Record<string, unknown>;
    const defaults = this.kind.defaults as Record<string, unknown>;
    const kinds = this.kind.kinds as Record<string, FieldKind | undefined>;
    const fields: Record<string, unknown> = {};
    for (const key in data) {
      const value = key in derived ? derived[key] : data[key];
      // Plain values equal to their default (empty lists, false) are not stored: reads fill them in, and 10,000
      // members stay small. Y types are always created, so that concurrent first edits merge inside one of them.
      if (key in defaults && (kinds[key] ?? 'value') === 'value' && isDefault(value, defaults[key])) continue;
      fields[key] = value;
    }
    for (const key in derived) if (!(key in data)) fields[key] = derived[key];
    fields.createdBy = by;
    fields.createdAt = now;
    fields.updatedBy = by;
    fields.updatedAt = now;
    this.transact(() => this.map.set(id, recordToMap(fields, this.kind.kinds)));
    this.forget(id);
    return id;
  }

  update(id: string, patch: P): void {
    this.ctx.assertWritable();
    this.refuseInternal(patch as object);
    const parsed = this.kind.patch.safeParse(patch);
    if (!parsed.success) throw invalidData(this.kind.name, parsed.error);
    const record = this.map.get(id);
    if (!record) throw new AppError('record-missing', `${this.kind.name}: no such record`);
    const keys = Object.keys(patch as object);
    if (keys.length === 0) return;
    const clean = parsed.data as Record<string, unknown>;
    const raw = mapToRaw(record);
    this.checkMerged(raw, clean, new Set(keys));
    const derived = this.derive(id, raw, clean);
    this.transact(() => {
      for (const key of keys) writeField(record, key, clean[key], this.kind.kinds[key] ?? 'value');
      for (const [key, value] of Object.entries(derived))
        writeField(record, key, value, this.kind.kinds[key] ?? 'value');
      record.set('updatedBy', this.ctx.author);
      record.set('updatedAt', this.ctx.now());
    });
    this.forget(id);
  }

  /** Removes the record; false if there was none. */
  delete(id: string): boolean {
    this.ctx.assertWritable();
    if (!this.map.has(id)) return false;
    this.transact(() => this.map.delete(id));
    this.forget(id);
    return true;
  }

  get(id: string): T | undefined {
    const r = this.read(id);
    return r.ok ? r.record : undefined;
  }

  read(id: string): ReadOne<T> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const map = this.map.get(id);
    const result: ReadOne<T> =
      map instanceof Y.Map
        ? (this.readFast(id, map) ?? this.validate(id, { ...this.kind.defaults, ...mapToRaw(map) }))
        : { ok: false, problem: this.problem(id, [], ['record:not_a_map'], true) };
    if (map !== undefined) this.cache.set(id, result);
    return result;
  }

  /**
   * Reads, and keeps, records not read yet, going on where the last call stopped, until `enough()` says so
   * (asked every WARM_STRIDE records); true once every record has been read. Only fills the cache `read` uses:
   * what a read returns is the same, warmed or not, and a record changed meanwhile is read again when asked
   * for. So a view can have 10,000 records read in slices, one per task, before it lists them
   * (ARCHITECTURE.md "Views read what they show").
   */
  warm(enough: () => boolean): boolean {
    for (let n = 1; ; n++) {
      this.warming ??= this.map.keys();
      const next = this.warming.next();
      if (next.done) {
        this.warming = null;
        return true;
      }
      if (!this.cache.has(next.value)) this.read(next.value);
      if (n % WARM_STRIDE === 0 && enough()) return false;
    }
  }

  /** Every stored key of a record, including fields this version does not know. */
  raw(id: string): Record<string, unknown> | undefined {
    const map = this.map.get(id);
    return map instanceof Y.Map ? mapToRaw(map) : undefined;
  }

  /** Every record read (each from the cache, or read now), in the map's order; new arrays the caller may sort. */
  list(): Listing<T> {
    if (!this.listed) {
      const records: T[] = [];
      const problems: RecordProblem[] = [];
      for (const id of this.map.keys()) {
        const r = this.read(id);
        if (r.ok) records.push(r.record);
        if (r.problem) problems.push(r.problem);
      }
      this.listed = { records, problems };
    }
    return { records: this.listed.records.slice(), problems: this.listed.problems.slice() };
  }

  /** The valid records only (problems are in `list()`). */
  all(): T[] {
    return this.list().records as T[];
  }

  /** Calls `listener` after each transaction that changed records, with their ids (created, changed or deleted). */
  observe(listener: (ids: ReadonlySet<string>, origin: unknown) => void): () => void {
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
      const ids = new Set<string>();
      for (const e of events) {
        if (e.target === this.map) (e as Y.YMapEvent<unknown>).keysChanged.forEach((k) => ids.add(k));
        else if (typeof e.path[0] === 'string') ids.add(e.path[0]);
      }
      if (ids.size) listener(ids, tr.origin);
    };
    this.map.observeDeep(handler);
    return () => this.map.unobserveDeep(handler);
  }

  /** Drops the cached read of a record (and the listing) after a change; a subclass that changed one in place (its nested set, say) calls it. */
  protected forget(id: string): void {
    this.cache.delete(id);
    this.listed = null;
  }

  /** Extra internal fields written along with a patch (e.g. an assessment history entry). */
  protected derive(
    _id: string,
    _current: Record<string, unknown>,
    _patch: Record<string, unknown>,
  ): Record<string, unknown> {
    return {};
  }

  protected transact(fn: () => void): void {
    this.ctx.doc.transact(fn, this.ctx.origin);
  }

  private refuseInternal(fields: object): void {
    const bad = Object.keys(fields).filter((k) => this.internal.has(k));
    if (bad.length)
      throw new AppError('invalid-data', `${this.kind.name}: ${bad.join(', ')} cannot be written directly`);
  }

  /**
   * The record as it would be after the patch must validate. Bad optional
   * fields the patch does not touch are tolerated (they stay as they are); a
   * patch may also repair a record that is invalid today.
   */
  private checkMerged(raw: Record<string, unknown>, patch: Record<string, unknown>, keys: Set<string>): void {
    const merged: Record<string, unknown> = { ...this.kind.defaults, ...raw };
    for (const key of keys) {
      if (patch[key] === undefined) delete merged[key];
      else merged[key] = patch[key];
    }
    const r = this.kind.stored.safeParse(merged);
    if (r.success) return;
    const blocking = r.error.issues.filter((i) => {
      const field = String(i.path[0] ?? '');
      // A salvageable field (optional, or a log's bad entries: validate() sets them aside) does not block.
      return keys.has(field) || !(this.kind.optional.has(field) || this.isLog(field));
    });
    if (blocking.length) throw invalidData(this.kind.name, { ...r.error, issues: blocking } as typeof r.error);
  }

  /**
   * The fast path (fast-parse.ts): the very record zod would return for a
   * valid stored record, read straight from its Y.Map; undefined when zod
   * must look (an invalid record, reported by validate()).
   */
  private readFast(id: string, map: RecordMap): ReadOne<T> | undefined {
    const defaults = this.kind.defaults as Record<string, unknown>;
    const fast = this.fastStored.fromLookup?.((key) => {
      const value = map.get(key);
      if (value !== undefined || map.has(key)) return plainValue(value);
      return key in defaults ? defaults[key] : ABSENT;
    });
    if (fast === undefined || fast === REFUSED) return undefined;
    (fast as Record<string, unknown>).id = id;
    return { ok: true, record: freeze(fast) as T };
  }

  private validate(id: string, candidate: Record<string, unknown>): ReadOne<T> {
    const first = this.kind.stored.safeParse(candidate);
    if (first.success) return { ok: true, record: freeze({ ...first.data, id }) as T };
    const fields = issueFields(first.error);
    const codes = issueCodes(first.error);
    // A log (append-only history) keeps its valid entries: a peer's malformed entry is set aside, so it
    // cannot hide the whole record (say, a member from the roster) by pushing one bad item.
    if (!fields.every((f) => this.kind.optional.has(f) || this.isLog(f))) {
      return { ok: false, problem: this.problem(id, fields, codes, true) };
    }
    for (const f of fields) {
      if (!this.isLog(f)) {
        delete candidate[f];
        continue;
      }
      const entry = (this.kind.shape[f] as unknown as z.ZodArray<z.ZodType>).element;
      const items = Array.isArray(candidate[f]) ? (candidate[f] as unknown[]) : [];
      candidate[f] = items.filter((item) => entry.safeParse(item).success);
    }
    const second = this.kind.stored.safeParse(candidate);
    if (!second.success) return { ok: false, problem: this.problem(id, fields, codes, true) };
    return { ok: true, record: freeze({ ...second.data, id }) as T, problem: this.problem(id, fields, codes, false) };
  }

  private isLog(field: string): boolean {
    return (this.kind.kinds as Record<string, FieldKind | undefined>)[field] === 'log';
  }

  private problem(id: string, fields: string[], issues: string[], hidden: boolean): RecordProblem {
    return { collection: this.name, id, fields, issues, hidden };
  }
}

/** How many records `warm` reads between two questions to its `enough`. */
const WARM_STRIDE = 16;

/** Defaults are scalars or empty lists. */
function isDefault(value: unknown, def: unknown): boolean {
  if (Array.isArray(def)) return def.length === 0 && Array.isArray(value) && value.length === 0;
  return value === def;
}

function freeze<T extends object>(record: T): T {
  for (const value of Object.values(record)) if (typeof value === 'object' && value !== null) Object.freeze(value);
  return Object.freeze(record);
}
