import { z } from 'zod';
import { GROUP_KINDS } from './codes';
import { defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** A working group, committee, caucus or branch. Membership lives on the member (`groupIds`). */
export const groupRecord = defineRecord(
  'group',
  {
    name: shortText(200).min(1),
    kind: z.enum(GROUP_KINDS),
    description: shortText(2000).optional(),
    regionId: recordId.optional(),
  },
  { kind: 'working_group' as const },
);
export type Group = RecordOf<typeof groupRecord>;
export type GroupInput = InputOf<typeof groupRecord>;
export type GroupPatch = PatchOf<typeof groupRecord>;
