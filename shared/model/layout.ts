import type * as Y from 'yjs';

/**
 * How a space's Y.Doc is laid out (ARCHITECTURE.md):
 * - one top-level Y.Map per collection, keyed by random record ids;
 * - each record is a nested Y.Map, one key per field, so two organizers
 *   editing different fields of one member both win (field-level
 *   last-writer-wins);
 * - a note body is a Y.Text (character-level merge), an assessment history a
 *   Y.Array (append-only: concurrent appends both stay), an attendance list a
 *   nested Y.Map used as a set (concurrent check-ins both stay);
 * - the other lists (emails, phones, languages, tags, …) are plain JSON
 *   arrays inside the record map: they are edited as a whole in one
 *   multi-select, last writer wins for the whole list, and 10,000 members ×
 *   6 lists as Y types would cost tens of MB of heap and a much larger
 *   update for a merge that organizers rarely need;
 * - a `meta` map holds `schemaVersion` and the space's name.
 */
export const COLLECTIONS = [
  'members',
  'skills',
  'memberSkills',
  'notes',
  'groups',
  'regions',
  'roles',
  'attendance',
  'partners',
  'targets',
  'catalogue',
  'boundaries',
  'lists',
] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/**
 * The collections a space's snapshot holds last (shared/vault/snapshot-pieces.ts): the roster reads
 * every other one (members, regions, groups, catalogue, memberSkills, attendance for its filters…).
 */
export const OPENED_LATER: readonly CollectionName[] = ['notes'];

/**
 * Bumped only for changes an older client cannot write safely (a field renamed
 * or retyped). Adding a field does NOT bump it: older clients keep fields they
 * do not know (they write only the keys they change).
 */
export const SCHEMA_VERSION = 2;

export const META = 'meta';
export const META_SCHEMA_VERSION = 'schemaVersion';
export const META_SPACE_NAME = 'spaceName';

export type RecordMap = Y.Map<unknown>;

export function collectionMap(doc: Y.Doc, name: CollectionName): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(name);
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META);
}

/** The version stamped in the doc; `undefined` for a doc that holds nothing yet. 0 = data written before versioning. */
export function storedSchemaVersion(doc: Y.Doc): number | undefined {
  const v = metaMap(doc).get(META_SCHEMA_VERSION);
  if (typeof v === 'number') return v;
  return COLLECTIONS.some((c) => collectionMap(doc, c).size > 0) ? 0 : undefined;
}
