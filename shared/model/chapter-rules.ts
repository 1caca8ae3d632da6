/**
 * Rules a chapter sets for itself, kept in the space's `meta` map beside its
 * name, so every organizer of the space shares them (they sync like any other
 * change). A peer may have written anything there: every reader checks what it
 * finds and falls back to the default.
 * - `activeRule`: "active = attended `min` of the last `last` events of kind
 *   `kind`". One value: the three numbers are chosen together.
 * - `roleTermLimit.<kind>`: a role kind's term length and limit of terms in a
 *   row. One meta key per kind (not a nested map, which two laptops creating it
 *   at once would each replace), so two organizers setting different kinds at
 *   once both win.
 * - `fieldTier.<field>`: a member field's sensitivity tier (retention.ts clears it after the
 *   tier's days), one key per field for the same reason.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import { EVENT_KINDS, ROLE_KINDS, SENSITIVITY_TIERS } from './codes';
import type { RoleKind, SensitivityTier } from './codes';
import { TIERED_FIELDS, type TieredField } from './member';
import type { ActiveKind } from './attendance';
import { metaMap } from './layout';
import type { TermLimit, TermLimits } from './role';
import type { SpaceData } from './space-data';

export const META_ACTIVE_RULE = 'activeRule';
export const META_ROLE_TERM_LIMIT = (kind: RoleKind) => `roleTermLimit.${kind}`;

export interface ActiveRule {
  readonly kind: ActiveKind;
  /** How many of the latest events count (M). */
  readonly last: number;
  /** How many of them a member must have attended (N). */
  readonly min: number;
}

/** Until the chapter says otherwise: two of the last three general meetings. */
export const DEFAULT_ACTIVE_RULE: ActiveRule = { kind: 'general_meeting', last: 3, min: 2 };

const activeRuleSchema = z
  .strictObject({
    kind: z.enum(['any', ...EVENT_KINDS]),
    last: z.number().int().min(1).max(100),
    min: z.number().int().min(1).max(100),
  })
  .refine((r) => r.min <= r.last, 'min ≤ last');

const termLimitSchema = z.strictObject({
  termMonths: z.number().int().min(1).max(120).optional(),
  maxTerms: z.number().int().min(1).max(50).optional(),
});

/** The chapter's definition of an active member (the default when none is set or it cannot be read). */
export function activeRule(data: Pick<SpaceData, 'doc'>): ActiveRule {
  const parsed = activeRuleSchema.safeParse(metaMap(data.doc).get(META_ACTIVE_RULE));
  return parsed.success ? parsed.data : DEFAULT_ACTIVE_RULE;
}

export function setActiveRule(data: SpaceData, rule: ActiveRule): void {
  const parsed = activeRuleSchema.safeParse(rule);
  if (!parsed.success) throw new AppError('invalid-data', 'active rule: 1 ≤ min ≤ last ≤ 100, a known kind');
  data.transact(() => metaMap(data.doc).set(META_ACTIVE_RULE, { ...parsed.data }));
}

/** Term length and limit per role kind, as the chapter set them (kinds without a valid rule are left out). */
export function termLimits(data: Pick<SpaceData, 'doc'>): TermLimits {
  const meta = metaMap(data.doc);
  const out: Partial<Record<RoleKind, TermLimit>> = {};
  for (const kind of ROLE_KINDS) {
    const parsed = termLimitSchema.safeParse(meta.get(META_ROLE_TERM_LIMIT(kind)));
    if (parsed.success && Object.keys(parsed.data).length > 0) out[kind] = parsed.data;
  }
  return out;
}

/** Sets one kind's rule; an empty rule removes it. */
export function setTermLimit(data: SpaceData, kind: RoleKind, limit: TermLimit): void {
  const parsed = termLimitSchema.safeParse(limit);
  if (!(ROLE_KINDS as readonly string[]).includes(kind) || !parsed.success)
    throw new AppError('invalid-data', 'term limit: months 1–120, terms 1–50');
  const clean = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  data.transact(() => {
    const meta = metaMap(data.doc);
    if (Object.keys(clean).length === 0) meta.delete(META_ROLE_TERM_LIMIT(kind));
    else meta.set(META_ROLE_TERM_LIMIT(kind), clean);
  });
}

/** `fieldTier.<field>`: the sensitivity tier the chapter gave a member field (TIERED_FIELDS); none: standard. */
export const META_FIELD_TIER = (field: TieredField) => `fieldTier.${field}`;

/** The tier of each member field the chapter may tier (standard when unset or unreadable). */
export function fieldTiers(data: Pick<SpaceData, 'doc'>): Record<TieredField, SensitivityTier> {
  const meta = metaMap(data.doc);
  const read = (field: TieredField): SensitivityTier => {
    const value = meta.get(META_FIELD_TIER(field));
    return (SENSITIVITY_TIERS as readonly unknown[]).includes(value) ? (value as SensitivityTier) : 'standard';
  };
  return Object.fromEntries(TIERED_FIELDS.map((f) => [f, read(f)])) as Record<TieredField, SensitivityTier>;
}

/** Gives `field` a tier; standard removes the rule. One meta key per field, as term limits. */
export function setFieldTier(data: SpaceData, field: TieredField, tier: SensitivityTier): void {
  if (!(TIERED_FIELDS as readonly string[]).includes(field) || !(SENSITIVITY_TIERS as readonly string[]).includes(tier))
    throw new AppError('invalid-data', 'field tier: a tiered member field and a known tier');
  data.transact(() => {
    const meta = metaMap(data.doc);
    if (tier === 'standard') meta.delete(META_FIELD_TIER(field));
    else meta.set(META_FIELD_TIER(field), tier);
  });
}
