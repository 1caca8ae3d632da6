import { z } from 'zod';
import { GROUP_KINDS } from './codes';
import { defineRecord, email, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** A working group, committee, caucus or branch. Membership lives on the member (`groupIds`). */
export const groupRecord = defineRecord(
  'group',
  {
    name: shortText(200).min(1),
    kind: z.enum(GROUP_KINDS),
    description: shortText(2000).optional(),
    /** When and where it meets ("2nd Tuesday, 7 pm, union hall"). */
    meets: shortText(300).optional(),
    /** How to reach the group (a list address, a shared inbox). */
    contactEmail: email.optional(),
    regionId: recordId.optional(),
  },
  { kind: 'working_group' as const },
);
export type Group = RecordOf<typeof groupRecord>;
export type GroupInput = InputOf<typeof groupRecord>;
export type GroupPatch = PatchOf<typeof groupRecord>;
