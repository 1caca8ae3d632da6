import * as Y from 'yjs';
import type { FieldKind } from './fields';
import type { RecordMap } from './layout';

/** Converting between plain records and their Y.Map layout (see layout.ts). */

type Kinds = Partial<Record<string, FieldKind>>;

/** A new, not yet integrated record map holding `fields` (cheap: one Y item per field). */
export function recordToMap(fields: Record<string, unknown>, kinds: Kinds): RecordMap {
  const map: RecordMap = new Y.Map();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) map.set(key, toYValue(value, kinds[key] ?? 'value'));
  }
  return map;
}

/** Every key of a stored record as plain data, unknown keys and unknown Y types included. */
export function mapToRaw(map: RecordMap): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  map.forEach((value, key) => {
    raw[key] = plainValue(value);
  });
  return raw;
}

/** Writes one field of an integrated record map; `undefined` removes it. Call inside a transaction. */
export function writeField(map: RecordMap, key: string, value: unknown, kind: FieldKind): void {
  if (value === undefined) {
    map.delete(key);
    return;
  }
  const current = map.get(key);
  if (kind === 'text' && current instanceof Y.Text) return replaceText(current, value as string);
  if (kind === 'set' && current instanceof Y.Map) return replaceSet(current, value as string[]);
  if (kind === 'log' && current instanceof Y.Array) return appendNew(current, value as unknown[]);
  if (kind === 'value' && sameJson(current, value)) return; // no change: keep the old writer's stamp
  map.set(key, toYValue(value, kind));
}

function toYValue(value: unknown, kind: FieldKind): unknown {
  switch (kind) {
    case 'text':
      return new Y.Text(value as string);
    case 'log':
      return Y.Array.from(value as never[]);
    case 'set': {
      const set = new Y.Map<true>();
      for (const item of value as string[]) set.set(item, true);
      return set;
    }
    default:
      return value;
  }
}

/** One stored field as plain data (a Y.Text as its string, a set as its sorted keys). */
export function plainValue(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.Array) return value.toArray();
  if (value instanceof Y.Map) return [...value.keys()].sort();
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

/** Replaces only the changed middle of a text, so a concurrent edit elsewhere in it survives. */
export function replaceText(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  const removed = prev.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted) text.insert(start, inserted);
}

function replaceSet(set: Y.Map<unknown>, next: readonly string[]): void {
  const wanted = new Set(next);
  for (const key of [...set.keys()]) if (!wanted.has(key)) set.delete(key);
  for (const key of wanted) if (!set.has(key)) set.set(key, true);
}

/** A log only grows: entries not already present are appended. */
function appendNew(log: Y.Array<unknown>, next: readonly unknown[]): void {
  const have = new Set(log.toArray().map((e) => JSON.stringify(e)));
  const fresh = next.filter((e) => !have.has(JSON.stringify(e)));
  if (fresh.length) log.push(fresh);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
