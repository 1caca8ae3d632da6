import { z } from 'zod';
import { EVENT_KINDS, LADDER_STAGES, TARGET_METRICS, TARGET_PERIODS } from './codes';
import { day, defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/**
 * An engagement target the chapter sets per period: "40 one-on-ones a month",
 * "300 members at `leader` or above by the end of each quarter", "a turnout of
 * 60 per general meeting in the Eastside". Named "target" so it is never
 * confused with the performance benchmarks (`npm run bench`). What each metric
 * counts is in engagement.ts (`targetValue`).
 */
export const targetRecord = defineRecord(
  'target',
  {
    name: shortText(200).min(1),
    metric: z.enum(TARGET_METRICS),
    period: z.enum(TARGET_PERIODS),
    target: z.number().int().nonnegative().max(10_000_000),
    /** For `members_at_stage` and `reached_stage`: the rung counted (and every rung above it). */
    ladderStage: z.enum(LADDER_STAGES).optional(),
    /** For `meeting_turnout` (and the chapter's events for `active_members`). */
    eventKind: z.enum(EVENT_KINDS).optional(),
    /** For `skill_teachers`. */
    skillId: recordId.optional(),
    /** Counts only members of this region / working group (their region and groups today). */
    regionId: recordId.optional(),
    groupId: recordId.optional(),
    /** The target is met when reached by this day (shown beside it; periods go on after it). */
    dueDate: day.optional(),
  },
  { period: 'month' as const },
);
export type Target = RecordOf<typeof targetRecord>;
export type TargetInput = InputOf<typeof targetRecord>;
export type TargetPatch = PatchOf<typeof targetRecord>;
