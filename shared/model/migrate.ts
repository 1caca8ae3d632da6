import * as Y from 'yjs';
import { AppError } from '../errors';
import { collectionMap, metaMap, META_SCHEMA_VERSION, SCHEMA_VERSION, storedSchemaVersion } from './layout';

/**
 * Schema migrations. Each step rewrites the doc from version n to n+1 inside
 * one transaction; the result syncs like any other change. Steps are written
 * so that two peers migrating the same doc concurrently converge: they write
 * the same values, and last-writer-wins between equal values is harmless.
 */
type Step = (doc: Y.Doc) => void;

const STEPS: Record<number, Step> = {
  /** v0 (written before the version stamp existed) has the v1 layout. */
  0: () => {},
  /**
   * v1 → v2: a member's single `phone` / `email` strings become the lists
   * `phones` / `emails`; a note `body` stored as a plain string becomes a
   * Y.Text so that two organizers can edit one note.
   */
  1: (doc) => {
    collectionMap(doc, 'members').forEach((member) => {
      if (!(member instanceof Y.Map)) return;
      singleToList(member, 'phone', 'phones');
      singleToList(member, 'email', 'emails');
    });
    collectionMap(doc, 'notes').forEach((note) => {
      if (!(note instanceof Y.Map)) return;
      const body = note.get('body');
      if (typeof body === 'string') note.set('body', new Y.Text(body));
    });
  },
};

function singleToList(record: Y.Map<unknown>, from: string, to: string): void {
  if (!record.has(from)) return;
  const single = record.get(from);
  const list = Array.isArray(record.get(to)) ? [...(record.get(to) as unknown[])] : [];
  if (typeof single === 'string' && single.trim() && !list.includes(single.trim())) list.unshift(single.trim());
  record.set(to, list);
  record.delete(from);
}

export interface MigrationResult {
  /** The version found (`undefined`: an empty doc, nothing to migrate). */
  readonly from: number | undefined;
  readonly to: number | undefined;
}

/**
 * Brings a doc to SCHEMA_VERSION. An empty doc is left alone (it may be about
 * to receive a peer's state). A doc from a newer version is left alone too:
 * SpaceData then refuses writes with 'schema-too-new'.
 */
export function migrate(doc: Y.Doc, origin: unknown = 'migration'): MigrationResult {
  const from = storedSchemaVersion(doc);
  if (from === undefined || from >= SCHEMA_VERSION) return { from, to: from };
  doc.transact(() => {
    for (let v = from; v < SCHEMA_VERSION; v++) {
      const step = STEPS[v];
      if (!step) throw new AppError('invalid-data', `no migration from schema version ${v}`);
      step(doc);
    }
    metaMap(doc).set(META_SCHEMA_VERSION, SCHEMA_VERSION);
  }, origin);
  return { from, to: SCHEMA_VERSION };
}
