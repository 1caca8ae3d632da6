/**
 * Which records (`collection/id`) a Yjs update wrote (the model's layout: one top-level map per
 * collection, one nested map per record; see layout.ts), resolved against the
 * live document: a new record names itself (top-level map key); a field edit
 * points at its record's map, which we walk up to the top-level map. Deletions
 * (delete sets) are not attributed. Best effort: an unresolvable item is skipped.
 */
import * as Y from 'yjs';

export function touchedRecords(doc: Y.Doc, update: Uint8Array): string[] {
  const found = new Set<string>();
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    // An update that does not decode touched no record we can name (the history shows it without names).
    return [];
  }
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const parent = s.parent as unknown;
    if (typeof parent === 'string') {
      if (s.parentSub) found.add(`${parent}/${s.parentSub}`);
      continue;
    }
    if (parent instanceof Y.ID) {
      const record = recordOf(doc, parent);
      if (record) found.add(record);
    }
  }
  return [...found];
}

function recordOf(doc: Y.Doc, id: Y.ID): string | undefined {
  try {
    let item: Y.Item | null = Y.getItem(doc.store, id) as Y.Item;
    for (let depth = 0; item && depth < 8; depth++) {
      const type = item.parent as Y.AbstractType<unknown>;
      if (type._item === null) return item.parentSub ? `${Y.findRootTypeKey(type)}/${item.parentSub}` : undefined;
      item = type._item;
    }
  } catch {
    // GC'd or not in this doc: not attributable.
  }
  return undefined;
}
