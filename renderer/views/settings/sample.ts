/**
 * The sample chapter (made-up members, notes, regions, groups and skills), for trying the app: made
 * from Settings and from the first run's "start from the sample chapter". The generator and its name
 * lists load on demand, so they stay out of the main bundle.
 */
import type { SpaceData } from '../../../shared/model/space-data';

/** Notes per member: a few (one per five members), or the benchmark's five per member (50,000 for 10,000). */
export const SAMPLE_NOTES = [0.2, 5] as const;

export async function createSampleChapter(
  data: SpaceData,
  members: number,
  notesPerMember: number = SAMPLE_NOTES[0],
): Promise<void> {
  const { generateChapter } = await import('../../../shared/sample/generate');
  generateChapter(
    { members, memberSkills: Math.round(members / 5), notes: Math.round(members * notesPerMember), seed: 1 },
    data.doc,
  );
}
