/**
 * Turns a parsed national list into a plan against the roster: new members,
 * changed records (with the fields that change), newly lapsed members,
 * consent national loosened (waiting for an organizer), members who dropped
 * off the list, a warning when the file looks cut short, and rows with
 * problems. Nothing is written until `applyImport`, which writes the whole
 * plan in one transaction (one change-log entry), so an organizer reviews the
 * plan first and a re-import of the same file changes nothing.
 */
import * as Y from 'yjs';
import { displayName, lastImportRows, memberRecord, setLastImportRows } from '../model';
import type { Member, MemberInput, MemberPatch, SpaceData } from '../model';
import { memberChange, newMember } from './merge';
import type { ConsentField, Loosened } from './merge';
import type { NationalList } from './national-list';
import { memberSnapshot, type MemberSnapshot } from './roster-snapshot';
import type { ImportedMember, RowProblem } from './row';

/**
 * How a row found its member. The ActionKit id is national's own key and is
 * tried first; the e-mail is the fallback because organizers add people by
 * hand (at a meeting, from a sign-in sheet) before national lists them, and
 * those records have no id yet: the e-mail links them instead of duplicating
 * them, and the import then fills in their id.
 */
export type MatchedBy = 'actionkitId' | 'email';

export interface PlannedNew {
  readonly row: number;
  readonly name: string;
  readonly input: MemberInput;
}

export interface PlannedChange {
  readonly row: number;
  readonly memberId: string;
  readonly name: string;
  readonly matchedBy: MatchedBy;
  readonly fields: readonly string[];
  readonly patch: MemberPatch;
  /** Was a member (in good standing or not) and the file now says lapsed. */
  readonly newlyLapsed: boolean;
  /** Consent national loosened: not in `patch`; added when an organizer accepts it (`consentKey`). */
  readonly loosened: readonly Loosened[];
}

/** A member on our roster with national's id whom this file does not list. */
export interface DroppedOff {
  readonly memberId: string;
  readonly name: string;
  readonly membershipStatus?: Member['membershipStatus'];
}

/** Why the file may have been cut short: it is applied all the same if the organizer says so. */
export interface Truncation {
  /** Data rows in this file. */
  readonly rows: number;
  /** Data rows of the last list applied in this space, when there was one. */
  readonly previousRows?: number;
  /** Members with national's id that this file does not list. */
  readonly missing: number;
}

/** A header read in place of another that names the same column (the other is kept in `extra`). */
export interface SupersededColumn {
  readonly header: string;
  readonly by: string;
}

export interface ImportPlan {
  readonly created: readonly PlannedNew[];
  readonly changed: readonly PlannedChange[];
  readonly newlyLapsed: readonly PlannedChange[];
  /** Rows that matched a member and change nothing the member's record shows. */
  readonly unchanged: number;
  /**
   * Rows that change only what national last said (`Member.national`): written with the plan, shown to
   * nobody, since nothing the organizer sees changes. Those with consent to accept are in `loosened`.
   */
  readonly recorded: readonly PlannedChange[];
  /** Changes (in `changed` or `recorded`) where national loosened consent; each waits for an organizer. */
  readonly loosened: readonly PlannedChange[];
  /** Members with national's id that this file does not list (including lapsed ones). */
  readonly droppedOff: readonly DroppedOff[];
  /** Set when the file looks cut short: far fewer rows than last time, or many members missing. */
  readonly truncation: Truncation | null;
  /** Rows (or values in rows) that were left out, with the reason. */
  readonly problems: readonly RowProblem[];
  /** Rows skipped whole (their cells slid): the rest of the file can still be applied. */
  readonly skippedRows: number;
  /** Headers the app does not know; kept in each member's `extra`. */
  readonly unknownColumns: readonly string[];
  /** Headers read into a column because the chapter chose so. */
  readonly chosenColumns: readonly { readonly header: string; readonly column: string }[];
  /** Headers left in `extra` because another header names the same column. */
  readonly supersededColumns: readonly SupersededColumn[];
  /** The file, to plan again if the roster changed before the plan was applied. */
  readonly list: NationalList;
  /** The roster's Yjs state vector when the plan was made. */
  readonly basis: Uint8Array;
}

export interface ImportResult {
  readonly created: number;
  readonly updated: number;
  readonly newlyLapsed: number;
  /** Consent changes national made that the organizer accepted and were written. */
  readonly consentAccepted: number;
  /** True when the roster had changed since the plan (a sync arrived) and it was planned again. */
  readonly replanned: boolean;
}

export interface ApplyOptions {
  /** The loosened consent an organizer accepted, by `consentKey`. Anything else stays as it is. */
  readonly acceptedConsent?: ReadonlySet<string>;
}

/** Names one loosened consent field of one member (stable across a new plan of the same file). */
export function consentKey(memberId: string, field: ConsentField): string {
  return `${memberId}/${field}`;
}

/**
 * A file with fewer than this share of the last list's rows, or missing more than this share of our
 * national members, may have been cut short.
 */
const TRUNCATION_SHARE = 0.1;
/** Fewer missing members than this is an ordinary week, whatever the share. */
const TRUNCATION_MIN_MISSING = 10;

const MEMBER_STATUSES = new Set<Member['membershipStatus']>(['good_standing', 'member']);

/** What planning needs from the space besides its members. */
export interface PlanContext {
  /** Data rows of the last list applied in this space (`lastImportRows`). */
  readonly previousRows?: number;
}

export function planImport(data: SpaceData, list: NationalList): ImportPlan {
  const previousRows = lastImportRows(data);
  return planAgainst(
    data.members.all().map(memberSnapshot),
    list,
    Y.encodeStateVector(data.doc),
    previousRows === undefined ? {} : { previousRows },
  );
}

/**
 * The plan from plain data only: the roster as `memberSnapshot` gives it and
 * the document's state vector at that moment (`basis`). Needs no Y.Doc, so it
 * runs in the import's Web Worker.
 */
export function planAgainst(
  members: readonly MemberSnapshot[],
  list: NationalList,
  basis: Uint8Array,
  context: PlanContext = {},
): ImportPlan {
  const byActionkitId = new Map<string, MemberSnapshot>();
  const byEmail = new Map<string, MemberSnapshot[]>();
  for (const m of members) {
    if (m.actionkitId) byActionkitId.set(m.actionkitId, m);
    for (const e of m.emails) {
      const key = e.toLowerCase();
      const same = byEmail.get(key);
      if (!same) byEmail.set(key, [m]);
      else if (!same.includes(m)) same.push(m);
    }
  }

  const problems: RowProblem[] = [...list.problems];
  const created: PlannedNew[] = [];
  const changed: PlannedChange[] = [];
  const recorded: PlannedChange[] = [];
  let unchanged = 0;
  const claimed = new Set<string>();
  const seenIds = new Set<string>();

  for (const { row, member: file } of list.rows) {
    const email = file.emails[0]?.toLowerCase();
    const rowKey = file.actionkitId ? `ak:${file.actionkitId}` : email ? `email:${email}` : undefined;
    if (!rowKey) {
      problems.push({ row, column: 'actionkitId', issue: 'no-id' });
      continue;
    }
    if (seenIds.has(rowKey)) {
      problems.push({ row, column: file.actionkitId ? 'actionkitId' : 'emails', issue: 'duplicate-id' });
      continue;
    }
    seenIds.add(rowKey);

    const match = findMember(file, email, byActionkitId, byEmail, claimed);
    if (match === 'ambiguous') {
      problems.push({ row, column: 'emails', issue: 'ambiguous-email' });
      continue;
    }
    if (match) {
      claimed.add(match.member.id);
      const { patch, fields, loosened } = memberChange(match.member, file);
      if (!fields.length && !Object.keys(patch).length && !loosened.length) {
        unchanged++;
        continue;
      }
      const rejected = rejectedField(memberRecord.patch.safeParse(patch));
      if (rejected) {
        problems.push({ row, column: rejected, issue: 'rejected' });
        continue;
      }
      const newlyLapsed = file.membershipStatus === 'lapsed' && MEMBER_STATUSES.has(match.member.membershipStatus);
      const change = {
        row,
        memberId: match.member.id,
        name: displayName(match.member),
        matchedBy: match.by,
        fields,
        patch,
        newlyLapsed,
        loosened,
      };
      if (fields.length) changed.push(change);
      else {
        unchanged++;
        recorded.push(change);
      }
      continue;
    }
    if (!file.firstName) {
      problems.push({ row, column: 'firstName', issue: 'no-first-name' });
      continue;
    }
    const input = newMember(file);
    // Checked now with the model's own schema, so that applying cannot fail half way.
    const rejected = rejectedField(memberRecord.input.safeParse({ ...memberRecord.defaults, ...input }));
    if (rejected) {
      problems.push({ row, column: rejected, issue: 'rejected' });
      continue;
    }
    created.push({ row, name: displayName({ firstName: file.firstName, lastName: file.lastName }), input });
  }

  problems.sort((a, b) => a.row - b.row);
  const droppedOff = missingFromList(members, list);
  return {
    created,
    changed,
    newlyLapsed: changed.filter((c) => c.newlyLapsed),
    unchanged,
    recorded,
    loosened: [...changed, ...recorded].filter((c) => c.loosened.length > 0).sort((a, b) => a.row - b.row),
    droppedOff,
    truncation: truncation(members, list, droppedOff.length, context.previousRows),
    problems,
    skippedRows: problems.filter((p) => p.skipped).length,
    unknownColumns: list.unknownColumns,
    chosenColumns: list.headers.flatMap((h) =>
      h.kind === 'field' && h.chosen ? [{ header: h.header, column: h.column }] : [],
    ),
    supersededColumns: list.headers.flatMap((h) =>
      h.kind === 'extra' && h.supersededBy !== undefined ? [{ header: h.header, by: h.supersededBy }] : [],
    ),
    list,
    basis,
  };
}

/** Members with national's id whom no row of the file names (a row skipped whole still names its id). */
function missingFromList(members: readonly MemberSnapshot[], list: NationalList): DroppedOff[] {
  const listed = new Set(list.unreadIds);
  for (const { member } of list.rows) if (member.actionkitId) listed.add(member.actionkitId);
  const out: DroppedOff[] = [];
  for (const m of members) {
    if (!m.actionkitId || listed.has(m.actionkitId)) continue;
    out.push({
      memberId: m.id,
      name: displayName(m),
      ...(m.membershipStatus ? { membershipStatus: m.membershipStatus } : {}),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A file cut off at a row boundary reads without a single bad row; what gives
 * it away is what is missing: far fewer rows than the last list applied, or
 * (the first time) many of our national members absent.
 */
function truncation(
  members: readonly MemberSnapshot[],
  list: NationalList,
  missing: number,
  previousRows: number | undefined,
): Truncation | null {
  const base = { rows: list.rowCount, missing, ...(previousRows === undefined ? {} : { previousRows }) };
  if (
    previousRows !== undefined &&
    previousRows - list.rowCount >= TRUNCATION_MIN_MISSING &&
    list.rowCount < previousRows * (1 - TRUNCATION_SHARE)
  )
    return base;
  const national = members.filter((m) => m.actionkitId).length;
  if (missing >= TRUNCATION_MIN_MISSING && missing > national * TRUNCATION_SHARE) return base;
  return null;
}

function findMember(
  file: ImportedMember,
  email: string | undefined,
  byActionkitId: ReadonlyMap<string, MemberSnapshot>,
  byEmail: ReadonlyMap<string, readonly MemberSnapshot[]>,
  claimed: ReadonlySet<string>,
): { member: MemberSnapshot; by: MatchedBy } | 'ambiguous' | null {
  const byId = file.actionkitId ? byActionkitId.get(file.actionkitId) : undefined;
  if (byId) return { member: byId, by: 'actionkitId' };
  if (!email) return null;
  // A record that already carries a different ActionKit id is another national member who
  // shares the address (a couple, a family): not a match.
  const candidates = (byEmail.get(email) ?? []).filter(
    (m) => !claimed.has(m.id) && (!file.actionkitId || !m.actionkitId),
  );
  if (candidates.length > 1) return 'ambiguous';
  return candidates[0] ? { member: candidates[0], by: 'email' } : null;
}

function rejectedField(result: { success: boolean; error?: { issues: readonly { path: PropertyKey[] }[] } }) {
  if (result.success) return null;
  return String(result.error?.issues[0]?.path[0] ?? 'member');
}

/**
 * Writes the plan in one transaction. If the roster changed since the plan was
 * made (a sync arrived, someone edited), the same file is planned again first,
 * so nobody is created twice and no newer change is overwritten by a stale diff.
 * Consent national loosened is written only where `acceptedConsent` names it.
 */
export function applyImport(data: SpaceData, plan: ImportPlan, options: ApplyOptions = {}): ImportResult {
  const current = isPlanCurrent(data, plan) ? plan : planImport(data, plan.list);
  const accepted = options.acceptedConsent ?? new Set<string>();
  let consentAccepted = 0;
  const writes = [...current.changed, ...current.recorded];
  if (current.created.length || writes.length || lastImportRows(data) !== current.list.rowCount)
    data.transact(() => {
      for (const c of current.created) data.members.create(c.input);
      for (const c of writes) {
        const patch = withAcceptedConsent(c, accepted);
        consentAccepted += Object.keys(patch).length - Object.keys(c.patch).length;
        if (Object.keys(patch).length) data.members.update(c.memberId, patch);
      }
      recordListRows(data, current.list);
    });
  return {
    created: current.created.length,
    updated: current.changed.length,
    newlyLapsed: current.newlyLapsed.length,
    consentAccepted,
    replanned: current !== plan,
  };
}

/** The change's patch, plus the loosened consent an organizer accepted. */
export function withAcceptedConsent(change: PlannedChange, accepted: ReadonlySet<string>): MemberPatch {
  const ok = change.loosened.filter((l) => accepted.has(consentKey(change.memberId, l.field)));
  if (!ok.length) return change.patch;
  const patch: Record<string, unknown> = { ...change.patch };
  for (const l of ok) patch[l.field] = l.value;
  return patch as MemberPatch;
}

/** Remembers the list's size for next week's truncation check (only when it differs: a Y.Map set is a write). */
export function recordListRows(data: SpaceData, list: Pick<NationalList, 'rowCount'>): void {
  if (lastImportRows(data) !== list.rowCount) setLastImportRows(data, list.rowCount);
}

/** False when the document changed since the plan was made: apply would need a new plan. */
export function isPlanCurrent(data: SpaceData, plan: Pick<ImportPlan, 'basis'>): boolean {
  return sameBytes(Y.encodeStateVector(data.doc), plan.basis);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
