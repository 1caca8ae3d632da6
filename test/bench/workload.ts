/**
 * The benchmark workload (README.md "Set up"): 10,000 members
 * (~15 fields), 2,000 member-skill records, 50,000 notes, from the data
 * model's own fixture generator, as one Yjs update both sides start from.
 *
 * The growth workload (`npm run bench growth`) is five times that: five such chapters with seeds
 * 1 to 5 (50,000 members, 10,000 skill records, 250,000 notes), as five updates, the first being the
 * 10k workload itself. Five, not one: a single local change that large (225 MB) would be one entry
 * past what an entry may unpack to (shared/log/content-payload.ts MAX_UNPACKED_UPDATE), and a
 * chapter grows by many changes.
 */
import * as Y from 'yjs';
import { generateChapter } from '../../shared/sample/generate';

const cached = new Map<number, Uint8Array>();

/** The 10k workload with generator seed `seed` (1, the default, is the benchmark's chapter). */
export function chapterUpdate(seed = 1): Uint8Array {
  let update = cached.get(seed);
  if (!update) {
    const doc = new Y.Doc();
    generateChapter({ members: 10_000, memberSkills: 2_000, notes: 50_000, seed }, doc);
    update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    cached.set(seed, update);
  }
  return update;
}

/** `times` 10k chapters (seeds 1…times) as one update each: the 10k workload grown `times`-fold. */
export function grownChapter(times: number): Uint8Array[] {
  return Array.from({ length: times }, (_, i) => chapterUpdate(i + 1));
}
