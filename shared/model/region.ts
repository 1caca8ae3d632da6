import { z } from 'zod';
import { defineRecord, shortText, zip } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** A region of the chapter and the ZIP codes it covers. */
export const regionRecord = defineRecord(
  'region',
  {
    name: shortText(200).min(1),
    branch: shortText(100).optional(),
    zips: z.array(zip).max(2000),
  },
  { zips: [] },
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
