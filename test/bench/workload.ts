/**
 * The benchmark workload (README.md "Set up"): 10,000 members
 * (~15 fields), 2,000 member-skill records, 50,000 notes, from the data
 * model's own fixture generator, as one Yjs update both sides start from.
 */
import * as Y from 'yjs';
import { generateChapter } from '../../shared/sample/generate';

let cached: Uint8Array | undefined;

export function chapterUpdate(): Uint8Array {
  if (!cached) {
    const doc = new Y.Doc();
    generateChapter({ members: 10_000, memberSkills: 2_000, notes: 50_000 }, doc);
    cached = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  return cached;
}
