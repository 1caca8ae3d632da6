/**
 * The vault's second copy in the benchmarks' path: each vault database writes through a
 * MirrorWriter into main's real backup folder code (MirrorStore, real files, fsync on every append)
 * in a temporary folder on the same disk, as the app does over IPC. BENCH_MIRROR=0 leaves it out,
 * so the two runs side by side give its cost.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MirrorStore } from '../../electron/backup/mirror-store';
import type { IdbEnvironment } from '../../shared/store/indexeddb-types';
import { APPEND_LIMITS } from '../../renderer/vault/backups';
import { MirrorWriter } from '../../shared/store/mirror-writer';

export const MIRRORED = process.env.BENCH_MIRROR !== '0';

const copies = new Map<string, { dir: string; store: Promise<MirrorStore> }>();

/** `env` with a second copy of its own (when MIRRORED). */
export function withCopy(env: IdbEnvironment & { name: string }): IdbEnvironment & { name: string } {
  if (!MIRRORED) return env;
  let copy = copies.get(env.name);
  if (!copy) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-copy-'));
    copy = { dir, store: MirrorStore.open(dir) };
    copies.set(env.name, copy);
  }
  const store = copy.store;
  return {
    ...env,
    mirror: new MirrorWriter({ append: async (frames) => (await store).append(frames) }, APPEND_LIMITS),
  };
}

/** The backup folder of database `name`, if it has one. */
export function copyOf(name: string): Promise<MirrorStore> | undefined {
  return copies.get(name)?.store;
}

/** Bytes of the copy of database `name` on disk (0 without one). */
export function copyBytes(name: string): number {
  const copy = copies.get(name);
  if (!copy) return 0;
  return readdirSync(copy.dir).reduce((n, f) => n + statSync(path.join(copy.dir, f)).size, 0);
}

/** Closes and deletes the copy of database `name`. */
export async function dropCopy(name: string): Promise<void> {
  const copy = copies.get(name);
  if (!copy) return;
  copies.delete(name);
  await (await copy.store).close();
  rmSync(copy.dir, { recursive: true, force: true });
}
