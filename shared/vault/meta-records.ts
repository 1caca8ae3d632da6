/**
 * The vault's small sealed records (META): the manifest, each space's name
 * record and other modules' private records, each checked against the
 * manifest on reading (SECURITY.md "At rest"). What does not match is
 * reported and not used. Each read takes the records and the manifest
 * together while no write is under way (BoundStore.exclusive), so a write
 * in flight is never mistaken for tampering.
 */
import type { SpaceId } from '../crypto';
import { AppError } from '../errors';
import { privateRef, spaceKeysRef, TamperError } from '../store/binding';
import type { BoundStore } from '../store/bound-store';
import type { Database } from '../store/database';
import { openManifest, type Manifest } from '../store/manifest';
import type { StoreProblem, TamperFinding } from '../store/problems';
import {
  MANIFEST_KEY,
  META,
  PRIVATE_KEY_PREFIX,
  SPACE_KEY_PREFIX,
  readManifestRecord,
  readSpaceKeysRecord,
} from '../store/records';
import { openPrivate, openSpaceSecrets, type MasterKeys, type SpaceSecrets } from './keys';
import { TamperedSpaceError } from '../store/problems';
import { Findings } from './space-check';

/** The manifest, or why it cannot be trusted. */
export async function readManifest(
  db: Database,
  keys: MasterKeys,
): Promise<{ manifest: Manifest } | { manifest: null; finding: TamperFinding }> {
  const value = await db.get(META, MANIFEST_KEY);
  if (value === undefined) return { manifest: null, finding: { record: 'manifest', change: 'removed', count: 1 } };
  try {
    return { manifest: openManifest(keys.meta, readManifestRecord(value)) };
  } catch {
    return { manifest: null, finding: { record: 'manifest', change: 'altered', count: 1 } };
  }
}

type Report = (problem: StoreProblem) => void;

function tampered(report: Report, finding: TamperFinding): void {
  report({ kind: 'tampered', finding });
}

/**
 * The spaces the manifest lists, with their names. A name record that is
 * missing or not the one the vault wrote is reported, and its space listed
 * without a name (opening it says what happened). When the manifest cannot
 * be trusted, the name records there are listed.
 */
export async function listSpaceNames(
  store: BoundStore,
  keys: MasterKeys,
  report: Report,
): Promise<{ id: SpaceId; name: string }[]> {
  const { rows, manifest } = await store.exclusive(async () => ({
    rows: await store.db.rows(META),
    manifest: store.manifest,
  }));
  const stored = new Map<SpaceId, unknown>();
  for (const row of rows) {
    if (typeof row.key === 'string' && row.key.startsWith(SPACE_KEY_PREFIX)) {
      stored.set(row.key.slice(SPACE_KEY_PREFIX.length) as SpaceId, row.value);
    }
  }
  const ids = manifest ? [...manifest.spaces.keys()] : [...stored.keys()];
  const out: { id: SpaceId; name: string }[] = [];
  for (const id of ids) {
    try {
      out.push({
        id,
        name: manifest ? spaceName(manifest, keys, id, stored.get(id)).name : ownName(keys, id, stored.get(id)),
      });
    } catch (e) {
      if (e instanceof TamperedSpaceError) e.findings.forEach((f) => tampered(report, f));
      out.push({ id, name: '' });
    }
  }
  for (const id of stored.keys()) {
    if (manifest && !manifest.spaces.has(id))
      tampered(report, { record: 'space', change: 'added', space: id, count: 1 });
  }
  return out;
}

/** The name a record holds, checked against nothing but its own seal (the manifest cannot be trusted). */
function ownName(keys: MasterKeys, space: SpaceId, value: unknown): string {
  const record = readSpaceKeysRecord(value);
  return openSpaceSecrets(keys, space, record, record.generation).name;
}

/**
 * A space's name record, checked. Throws AppError('unknown-space') for a
 * space the vault does not hold, TamperedSpaceError when the record is not
 * the one the vault wrote (or the manifest cannot be trusted).
 */
export async function readSpaceName(store: BoundStore, keys: MasterKeys, space: SpaceId): Promise<SpaceSecrets> {
  const ref = spaceKeysRef(space);
  const { manifest, value } = await store.exclusive(async () => ({
    value: await store.db.get(ref.store, ref.key),
    manifest: store.manifest,
  }));
  return spaceName(manifest, keys, space, value);
}

function spaceName(manifest: Manifest | null, keys: MasterKeys, space: SpaceId, value: unknown): SpaceSecrets {
  const findings = new Findings(space);
  if (!manifest) {
    findings.add('manifest', 'altered');
    throw new TamperedSpaceError(findings.list());
  }
  const named = manifest.records.get(spaceKeysRef(space).name);
  if (value === undefined) {
    if (!manifest.spaces.has(space)) throw new AppError('unknown-space', 'this device does not belong to that space');
    findings.add('space', 'removed');
    throw new TamperedSpaceError(findings.list());
  }
  try {
    return openSpaceSecrets(keys, space, readSpaceKeysRecord(value), named);
  } catch (e) {
    findings.addError('space', e);
    throw new TamperedSpaceError(findings.list());
  }
}

/**
 * A private record, or undefined when there is none. One that is not the
 * record the vault last wrote under this name (an older copy put back, one
 * deleted, or any while the manifest cannot be trusted) is reported and
 * treated as absent: a pending invite once used or deleted never comes back.
 */
export async function getPrivate(
  store: BoundStore,
  keys: MasterKeys,
  name: string,
  report: Report,
): Promise<Uint8Array | undefined> {
  const ref = privateRef(name);
  const { manifest, value } = await store.exclusive(async () => ({
    value: await store.db.get(ref.store, ref.key),
    manifest: store.manifest,
  }));
  if (!manifest) return undefined;
  const named = manifest.records.get(ref.name);
  if (value === undefined) {
    if (named !== undefined) tampered(report, { record: 'private', change: 'removed', count: 1 });
    return undefined;
  }
  try {
    return openPrivate(keys, name, value, named);
  } catch (e) {
    const change = e instanceof TamperError ? e.change : 'altered';
    const record = e instanceof TamperError && e.ofManifest ? 'manifest' : 'private';
    tampered(report, { record, change, count: 1 });
    return undefined;
  }
}

/** Names of private records starting with `prefix`, as the manifest lists them. */
export function listPrivate(store: BoundStore, prefix: string): string[] {
  const start = privateRef(prefix).name;
  const names = [...(store.manifest?.records.keys() ?? [])];
  return names.filter((n) => n.startsWith(start)).map((n) => n.slice(PRIVATE_KEY_PREFIX.length));
}
