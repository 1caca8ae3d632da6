/**
 * Turns a parsed national list into a plan against the roster: new members,
 * changed records (with the fields that change), newly lapsed members and
 * rows with problems. Nothing is written until `applyImport`, which writes the
 * whole plan in one transaction (one change-log entry), so an organizer
 * reviews the plan first and a re-import of the same file changes nothing.
 */
import * as Y from 'yjs';
import { displayName, memberRecord } from '../model';
import type { Member, MemberInput, MemberPatch, SpaceData } from '../model';
import { memberChange, newMember } from './merge';
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
}

export interface ImportPlan {
  readonly created: readonly PlannedNew[];
  readonly changed: readonly PlannedChange[];
  readonly newlyLapsed: readonly PlannedChange[];
  /** Rows that matched a member and change nothing. */
  readonly unchanged: number;
  /** Rows (or values in rows) that were left out, with the reason. */
  readonly problems: readonly RowProblem[];
  /** Headers the app does not know; kept in each member's `extra`. */
  readonly unknownColumns: readonly string[];
  /** The file, to plan again if the roster changed before the plan was applied. */
  readonly list: NationalList;
  /** The roster's Yjs state vector when the plan was made. */
  readonly basis: Uint8Array;
}

export interface ImportResult {
  readonly created: number;
  readonly updated: number;
  readonly newlyLapsed: number;
  /** True when the roster had changed since the plan (a sync arrived) and it was planned again. */
  readonly replanned: boolean;
}

const MEMBER_STATUSES = new Set<Member['membershipStatus']>(['good_standing', 'member']);

export function planImport(data: SpaceData, list: NationalList): ImportPlan {
  return planAgainst(data.members.all().map(memberSnapshot), list, Y.encodeStateVector(data.doc));
}

/**
 * The plan from plain data only: the roster as `memberSnapshot` gives it and
 * the document's state vector at that moment (`basis`). Needs no Y.Doc, so it
 * runs in the import's Web Worker.
 */
export function planAgainst(members: readonly MemberSnapshot[], list: NationalList, basis: Uint8Array): ImportPlan {
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
      const { patch, fields } = memberChange(match.member, file);
      if (!fields.length) {
        unchanged++;
        continue;
      }
      const rejected = rejectedField(memberRecord.patch.safeParse(patch));
      if (rejected) {
        problems.push({ row, column: rejected, issue: 'rejected' });
        continue;
      }
      const newlyLapsed = file.membershipStatus === 'lapsed' && MEMBER_STATUSES.has(match.member.membershipStatus);
      changed.push({
        row,
        memberId: match.member.id,
        name: displayName(match.member),
        matchedBy: match.by,
        fields,
        patch,
        newlyLapsed,
      });
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
  return {
    created,
    changed,
    newlyLapsed: changed.filter((c) => c.newlyLapsed),
    unchanged,
    problems,
    unknownColumns: list.unknownColumns,
    list,
    basis,
  };
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
 */
export function applyImport(data: SpaceData, plan: ImportPlan): ImportResult {
  const current = isPlanCurrent(data, plan) ? plan : planImport(data, plan.list);
  if (current.created.length || current.changed.length)
    data.transact(() => {
      for (const c of current.created) data.members.create(c.input);
      for (const c of current.changed) data.members.update(c.memberId, c.patch);
    });
  return {
    created: current.created.length,
    updated: current.changed.length,
    newlyLapsed: current.newlyLapsed.length,
    replanned: current !== plan,
  };
}

/** False when the document changed since the plan was made: apply would need a new plan. */
export function isPlanCurrent(data: SpaceData, plan: Pick<ImportPlan, 'basis'>): boolean {
  return sameBytes(Y.encodeStateVector(data.doc), plan.basis);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
