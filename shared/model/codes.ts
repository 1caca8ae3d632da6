/**
 * Stable codes for every enumerated value. They are stored in the document and
 * never renamed: the UI translates them, so a Spanish-speaking organizer and an
 * English-speaking one edit the same value.
 */

/** National list `membership_status` (older files say `expired`). */
export const MEMBERSHIP_STATUSES = ['good_standing', 'member', 'lapsed', 'expired'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** National list `membership_type`. */
export const MEMBERSHIP_TYPES = ['one_time', 'yearly', 'monthly', 'income_based'] as const;
export type MembershipType = (typeof MEMBERSHIP_TYPES)[number];

/** Monthly / yearly dues status; every `canceled_by_…` variant becomes `canceled`. */
export const DUES_STATUSES = [
  'never',
  'active',
  'past_due',
  'overdue',
  'lapsed',
  '2mo_plus_failed',
  'canceled',
  'manual',
] as const;
export type DuesStatus = (typeof DUES_STATUSES)[number];

export const MAILING_PREFERENCES = ['mail', 'no_mail'] as const;
export type MailingPreference = (typeof MAILING_PREFERENCES)[number];

/** Engagement ladder, lowest rung first (the order is meaningful). */
export const LADDER_STAGES = ['contact', 'member', 'participant', 'active', 'leader', 'organizer'] as const;
export type LadderStage = (typeof LADDER_STAGES)[number];

/** Skill levels, lowest first (the order is meaningful: "at least can_do"). */
export const SKILL_LEVELS = ['interested', 'learning', 'can_do', 'can_teach'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export const SKILL_CATEGORIES = [
  'communications',
  'facilitation',
  'language',
  'tech',
  'design',
  'legal',
  'health',
  'logistics',
  'research',
  'finance',
  'other',
] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export const NOTE_KINDS = ['one_on_one', 'call', 'event', 'note'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/**
 * Sensitivity tier of a note: decides how long it is kept (see retention.ts)
 * and where it is shown. Who can READ it is decided only by the space it lives
 * in: a `restricted` note belongs in a space with fewer organizers.
 */
export const SENSITIVITY_TIERS = ['standard', 'sensitive', 'restricted'] as const;
export type SensitivityTier = (typeof SENSITIVITY_TIERS)[number];

export const GROUP_KINDS = ['working_group', 'committee', 'caucus', 'branch', 'other'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const ROLE_KINDS = [
  'co_chair',
  'coordinator',
  'branch_coordinator',
  /** Lead of a working group or committee. */
  'group_lead',
  'steering_committee',
  'secretary',
  'treasurer',
  'other',
] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

export const EVENT_KINDS = [
  'general_meeting',
  'branch_meeting',
  'group_meeting',
  'action',
  'training',
  'social',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const PARTNER_KINDS = ['union', 'tenant', 'community', 'faith', 'student', 'political', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/**
 * What an engagement target counts (target.ts). "Flow" metrics count what
 * happened within a period; "level" metrics count members at the period's end.
 */
export const TARGET_METRICS = [
  'one_on_ones',
  'members_at_stage',
  'reached_stage',
  'meeting_turnout',
  'active_members',
  'skill_teachers',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/** How often a target is counted afresh. */
export const TARGET_PERIODS = ['month', 'quarter', 'year'] as const;
export type TargetPeriod = (typeof TARGET_PERIODS)[number];

/** What happened when an organizer worked through a list member (recorded as a note). */
export const CONTACT_OUTCOMES = ['reached', 'left_message', 'wrong_number', 'not_interested', 'follow_up'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** How a list reaches its members: each honours its own consent (shared/csv/export.ts). */
export const LIST_CHANNELS = ['call', 'text', 'mail'] as const;
export type ListChannel = (typeof LIST_CHANNELS)[number];

/** Suggested values for the open multi-select lists; chapters may add codes of their own. */
export const KNOWN_NEEDS = [
  'childcare',
  'ride',
  'translation',
  'accessibility',
  'food',
  'evening_only',
  'remote_only',
] as const;
export const KNOWN_RESOURCES = [
  'has_car',
  'can_host',
  'can_translate',
  'has_printer',
  'can_cook',
  'has_truck',
  'can_childcare',
] as const;
export const KNOWN_LANGUAGES = ['en', 'es', 'ko', 'zh', 'tl', 'vi', 'hy', 'fa', 'ru', 'ar', 'asl'] as const;

/**
 * Which resources meet which need, as the app ships it: the chapter's catalogue
 * (catalogue.ts) starts from this and may add or remove matches.
 */
export const KNOWN_NEED_MATCHES: Readonly<Record<(typeof KNOWN_NEEDS)[number], readonly string[]>> = {
  childcare: ['can_childcare'],
  ride: ['has_car'],
  translation: ['can_translate'],
  accessibility: [],
  food: ['can_cook'],
  evening_only: [],
  remote_only: [],
};

/** The open lists a chapter keeps its own catalogue of (catalogue.ts). */
export const CATALOGUE_KINDS = ['need', 'resource', 'language', 'tag'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];
