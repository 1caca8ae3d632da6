/**
 * A store written back from its second copy (restored, or caught up after it lost commits) has
 * the copy's manifest but not its snapshots: the copy holds none (ARCHITECTURE.md "The second
 * copy"), so a snapshot the manifest names may be missing or older. At the next unlock the vault
 * drops every snapshot and its name from the manifest, in one write; the spaces then open from
 * their entries, which the manifest still checks (SECURITY.md "Crash safety and backups").
 * Someone who sets the mark on disk gains nothing but a slower unlock: snapshots are dropped, never
 * used unchecked.
 */
import type { SpaceId } from '../crypto';
import { readIndexRef, snapshotRef } from '../store/binding';
import type { BoundStore } from '../store/bound-store';
import type { Database } from '../store/database';
import { clearSnapshotsBehind, snapshotsBehind } from '../store/mirror-copy';

const SNAPSHOT_NAME = snapshotRef('' as SpaceId).name;

export async function dropSnapshotsBehind(db: Database, store: BoundStore): Promise<void> {
  const manifest = store.manifest;
  if (!manifest || !(await snapshotsBehind(db))) return;
  const spaces = [...manifest.records.keys()]
    .filter((name) => name.startsWith(SNAPSHOT_NAME))
    .map((name) => name.slice(SNAPSHOT_NAME.length) as SpaceId);
  // The read index describes the snapshot it was written with: it goes with it (read-index.ts).
  if (spaces.length > 0) await store.commit({ remove: spaces.flatMap((s) => [snapshotRef(s), readIndexRef(s)]) });
  await clearSnapshotsBehind(db);
}
