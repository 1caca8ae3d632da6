import { z } from 'zod';
import { DUES_STATUSES, LADDER_STAGES, MAILING_PREFERENCES, MEMBERSHIP_STATUSES, MEMBERSHIP_TYPES } from './codes';
import { codes, day, defineRecord, email, instant, phone, recordId, shortText, zip } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

export const assessmentValue = z.number().int().min(1).max(5);

/** One change of a member's 1–5 assessment: appended, never rewritten. */
export const assessmentChange = z.object({
  value: assessmentValue.nullable(),
  at: instant,
  by: z.string().min(1),
});
export type AssessmentChange = z.infer<typeof assessmentChange>;

/** One change of a member's ladder stage (null = cleared): appended, never rewritten. */
export const ladderChange = z.object({
  stage: z.enum(LADDER_STAGES).nullable(),
  at: instant,
  by: z.string().min(1),
});
export type LadderChange = z.infer<typeof ladderChange>;

/** One change of a member's membership status (null = cleared), as the roster saw it: appended, never rewritten. */
export const statusChange = z.object({
  status: z.enum(MEMBERSHIP_STATUSES).nullable(),
  at: instant,
  by: z.string().min(1),
});
export type StatusChange = z.infer<typeof statusChange>;

/**
 * What the national list last said about a member's email and consent. The
 * import compares the next weekly file with it, so that a change national made
 * (a member opted back in) is told apart from one the chapter made (a member
 * told an organizer "don't call me"), and an address national replaced goes to
 * `emailHistory` instead of piling up in `emails`. Written only by the import.
 */
export const nationalSaid = z.object({
  email: email.optional(),
  doNotCall: z.boolean().optional(),
  textOptOut: z.boolean().optional(),
  mailingPreference: z.enum(MAILING_PREFERENCES).optional(),
});
export type NationalSaid = z.infer<typeof nationalSaid>;

export const address = z.strictObject({
  lines: z.array(shortText(200)).max(4),
  city: shortText(100).optional(),
  state: shortText(40).optional(),
});

export const memberRecord = defineRecord(
  'member',
  {
    firstName: shortText(100).min(1),
    lastName: shortText(100).optional(),
    preferredName: shortText(100).optional(),
    pronouns: shortText(40).optional(),
    emails: z.array(email).max(10),
    /** Addresses national used to send, newest first: no longer written to, kept to recognise old mail. */
    emailHistory: z.array(email).max(20),
    phones: z.array(phone).max(10),
    address: address.optional(),
    zip: zip.optional(),
    regionId: recordId.optional(),
    branch: shortText(100).optional(),
    /**
     * False (the default): region and branch follow the ZIP code, set by the accessors on every write
     * of `zip` (collections.ts). True: an organizer chose them and no ZIP change moves the member.
     */
    regionByHand: z.boolean(),
    // The national list.
    actionkitId: shortText(40).optional(),
    membershipStatus: z.enum(MEMBERSHIP_STATUSES).optional(),
    membershipType: z.enum(MEMBERSHIP_TYPES).optional(),
    duesStatus: z.enum(DUES_STATUSES).optional(),
    joinDate: day.optional(),
    xdate: day.optional(),
    unionMember: z.boolean().optional(),
    unionName: shortText(200).optional(),
    unionLocal: shortText(100).optional(),
    /** The member's own answer to national's union question when it was more than yes or no. */
    unionAnswer: shortText(200).optional(),
    student: z.boolean().optional(),
    // Consent: honoured wherever a list is made.
    doNotCall: z.boolean(),
    textOptOut: z.boolean(),
    mailingPreference: z.enum(MAILING_PREFERENCES).optional(),
    national: nationalSaid.optional(),
    // Structured multi-select values.
    languages: codes,
    needs: codes,
    resources: codes,
    groupIds: z.array(recordId).max(200),
    tags: z.array(shortText(60).min(1)).max(100),
    // Engagement.
    assessment: assessmentValue.optional(),
    /** Maintained by the accessors whenever `assessment` changes; read-only to callers. */
    assessmentHistory: z.array(assessmentChange),
    ladderStage: z.enum(LADDER_STAGES).optional(),
    /** Maintained by the accessors whenever `ladderStage` changes; read-only to callers. */
    ladderHistory: z.array(ladderChange),
    /** Maintained by the accessors whenever `membershipStatus` changes (lapsed and renewed per month). */
    statusHistory: z.array(statusChange),
    assignedOrganizer: z.string().min(1).max(200).optional(),
    /** Columns of an imported file this version does not know: kept, not fatal. */
    extra: z.record(z.string().max(100), z.string().max(2000)).optional(),
    /**
     * When each field a chapter may give a sensitivity tier (TIERED_FIELDS) was last set, so
     * retention can clear it after the tier's days (retention.ts). Maintained by the accessors.
     */
    addressSetAt: instant.optional(),
    needsSetAt: instant.optional(),
    resourcesSetAt: instant.optional(),
    unionAnswerSetAt: instant.optional(),
    extraSetAt: instant.optional(),
  },
  {
    emails: [],
    emailHistory: [],
    phones: [],
    regionByHand: false,
    doNotCall: false,
    textOptOut: false,
    languages: [],
    needs: [],
    resources: [],
    groupIds: [],
    tags: [],
    assessmentHistory: [],
    ladderHistory: [],
    statusHistory: [],
  },
  // Append-only Y.Arrays: two organizers changing a member at once both stay in the history.
  { assessmentHistory: 'log', ladderHistory: 'log', statusHistory: 'log' },
);

export type Member = RecordOf<typeof memberRecord>;
/** The histories only the accessors write. */
export const MEMBER_HISTORIES = ['assessmentHistory', 'ladderHistory', 'statusHistory'] as const;
type History = (typeof MEMBER_HISTORIES)[number];
/** Written by the accessors only: the histories, and when each tiered field was set. */
type Internal = History | `${TieredField}SetAt`;
export type MemberInput = Omit<InputOf<typeof memberRecord>, Internal>;
export type MemberPatch = Omit<PatchOf<typeof memberRecord>, Internal>;
/** Histories the sample chapter writes in the past (MemberCollection.createWithHistory). */
export type MemberHistories = Partial<Pick<Member, History>>;

/**
 * The member fields a chapter may give a sensitivity tier (Settings, chapter rules): what tells about
 * a person's home or circumstances rather than how to reach them. The home address; needs and
 * resources (childcare, a lawyer, a car: what a landlord or an employer could use); the member's own
 * words about their union; and imported columns this version does not know (they may hold anything).
 * Phones, emails and ZIP are left out: the chapter needs them to reach the member, and national's
 * weekly list sends them again anyway.
 */
export const TIERED_FIELDS = ['address', 'needs', 'resources', 'unionAnswer', 'extra'] as const;
export type TieredField = (typeof TIERED_FIELDS)[number];
/** The member key that records when a tiered field was last set. */
export const setAtKey = (field: TieredField) => `${field}SetAt` as const;

/** The name an organizer calls someone by: preferred name first. */
export function displayName(m: Pick<Member, 'firstName' | 'lastName' | 'preferredName'>): string {
  return [m.preferredName || m.firstName, m.lastName].filter(Boolean).join(' ');
}
