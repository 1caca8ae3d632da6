import { z } from 'zod';
import { defineRecord, recordId, shortText, zip } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** A region of the chapter and the ZIP codes it covers. */
export const regionRecord = defineRecord(
  'region',
  {
    name: shortText(200).min(1),
    branch: shortText(100).optional(),
    zips: z.array(zip).max(2000),
    /** Regions an organizer says are next to this one, beyond those the map finds (adjacency.ts). */
    neighborIds: z.array(recordId).max(100),
    /** The shape of the chapter's boundary file this region was drawn from (boundary.ts). */
    boundary: z.strictObject({ boundaryId: recordId, feature: z.number().int().min(0).max(10_000) }).optional(),
  },
  { zips: [], neighborIds: [] },
);
export type Region = RecordOf<typeof regionRecord>;
export type RegionInput = InputOf<typeof regionRecord>;
export type RegionPatch = PatchOf<typeof regionRecord>;

/** ZIP (5 digits; ZIP+4 is cut) → region id. When two regions claim a ZIP, the first by id wins, so every peer agrees. */
export function zipToRegion(regions: readonly Pick<Region, 'id' | 'zips'>[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of [...regions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    for (const z5 of r.zips) if (!map.has(z5.slice(0, 5))) map.set(z5.slice(0, 5), r.id);
  }
  return map;
}

/** The 5-digit ZIP codes in a text an organizer typed or pasted (any separators; ZIP+4 is cut), each once, in order. */
export function zipsInText(text: string): string[] {
  const found = text.match(/(?<![0-9])[0-9]{5}(?:-[0-9]{4})?(?![0-9])/g) ?? [];
  return [...new Set(found.map((z5) => z5.slice(0, 5)))];
}
