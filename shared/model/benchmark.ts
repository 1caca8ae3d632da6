import { z } from 'zod';
import { BENCHMARK_METRICS, LADDER_STAGES } from './codes';
import { day, defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** An engagement target ("200 members at `active` in the Eastside by June"). */
export const benchmarkRecord = defineRecord(
  'benchmark',
  {
    name: shortText(200).min(1),
    metric: z.enum(BENCHMARK_METRICS),
    /** For `members_at_stage`: the rung counted (and every rung above it). */
    ladderStage: z.enum(LADDER_STAGES).optional(),
    /** For `skill_teachers`. */
    skillId: recordId.optional(),
    target: z.number().int().nonnegative().max(10_000_000),
    dueDate: day.optional(),
    regionId: recordId.optional(),
    groupId: recordId.optional(),
  },
  {},
);
export type Benchmark = RecordOf<typeof benchmarkRecord>;
export type BenchmarkInput = InputOf<typeof benchmarkRecord>;
export type BenchmarkPatch = PatchOf<typeof benchmarkRecord>;
