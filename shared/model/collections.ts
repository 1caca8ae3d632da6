import * as Y from 'yjs';
import { AppError } from '../errors';
import { Collection } from './collection';
import type { ModelContext } from './collection';
import { memberRecord } from './member';
import { MEMBER_HISTORIES, setAtKey, TIERED_FIELDS } from './member';
import type { Member, MemberHistories, MemberInput, MemberPatch } from './member';
import { noteRecord } from './note';
import type { Note, NoteInput, NotePatch } from './note';
import { memberSkillId, memberSkillRecord } from './skill';
import type { MemberSkill, MemberSkillInput, MemberSkillPatch } from './skill';
import type { LadderStage, MembershipStatus, SkillLevel } from './codes';
import type { CollectionName } from './layout';
import { regionRecord } from './region';
import type { Region, RegionInput, RegionPatch } from './region';

/** The histories a member may be created with (createWithHistory), checked by the record's own schema. */
const HISTORIES = memberRecord.input
  .pick({ assessmentHistory: true, ladderHistory: true, statusHistory: true })
  .partial()
  .strict();

/** Collections with behaviour beyond create/update/delete. */

export class MemberCollection extends Collection<typeof memberRecord, Member, MemberInput, MemberPatch> {
  protected override readonly internal = new Set<string>([...MEMBER_HISTORIES, ...TIERED_FIELDS.map(setAtKey)]);

  constructor(
    ctx: ModelContext,
    name: CollectionName,
    /** Removes what hangs on a member (skills, notes, roles, attendance); runs in the delete's transaction. */
    private readonly cascade: (memberId: string, opts: MemberDeleteOptions) => void,
    /** The region (and its branch) whose ZIP codes include this ZIP, if any (SpaceData keeps the lookup). */
    private readonly placeOf: (zip: string | undefined) => Place = () => ({}),
  ) {
    super(ctx, name, memberRecord);
  }

  override create(input: MemberInput): string {
    return this.createWithId(this.ctx.newId(), input, this.derive('', {}, input as Record<string, unknown>));
  }

  /**
   * A member whose histories began in the past: the sample chapter (shared/sample) writes two years of
   * them at once. Checked like any input; on screens, histories are written by the accessors only.
   */
  createWithHistory(input: MemberInput, histories: MemberHistories): string {
    const parsed = HISTORIES.safeParse(histories);
    if (!parsed.success) throw new AppError('invalid-data', `member histories: ${parsed.error.issues[0]?.message}`);
    return this.createWithId(this.ctx.newId(), input, {
      ...this.derive('', {}, input as Record<string, unknown>),
      ...parsed.data,
    });
  }

  /**
   * Every change of `assessment`, `ladderStage` or `membershipStatus` appends `{value, at, by}` to its
   * history (null = cleared); creating a member starts each history with the value it is given. Every
   * change of `zip` moves a member whose region was not chosen by hand (see `place`).
   */
  protected override derive(_id: string, current: Record<string, unknown>, patch: Record<string, unknown>) {
    const at = this.ctx.now();
    const by = this.ctx.author;
    const changed = (field: string) => field in patch && patch[field] !== current[field];
    const derived: Record<string, unknown> = this.place(patch, current);
    if (changed('assessment'))
      derived.assessmentHistory = [{ value: (patch.assessment as number | undefined) ?? null, at, by }];
    if (changed('ladderStage'))
      derived.ladderHistory = [{ stage: (patch.ladderStage as LadderStage | undefined) ?? null, at, by }];
    if (changed('membershipStatus'))
      derived.statusHistory = [{ status: (patch.membershipStatus as MembershipStatus | undefined) ?? null, at, by }];
    // A tiered field's retention runs from its last write (retention.ts); an empty one has none.
    for (const field of TIERED_FIELDS) {
      if (field in patch && JSON.stringify(patch[field]) !== JSON.stringify(current[field]))
        derived[setAtKey(field)] = isEmptyValue(patch[field]) ? undefined : at;
    }
    return derived;
  }

  /**
   * Region and branch follow the ZIP code unless an organizer chose them. A write that names
   * `regionId` or `branch` (and does not say `regionByHand: false`) is such a choice; one that
   * names `zip` or `regionByHand: false` places the member from the ZIP again: region and branch
   * both come from the region covering it, both empty when none does.
   */
  private place(write: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
    const chosen = ('regionId' in write || 'branch' in write) && write.regionByHand !== false;
    if (chosen) return write.regionByHand === true ? {} : { regionByHand: true };
    const byHand = 'regionByHand' in write ? write.regionByHand === true : current.regionByHand === true;
    const created = Object.keys(current).length === 0;
    if (byHand || !(created || 'zip' in write || 'regionByHand' in write)) return {};
    const zip = 'zip' in write ? write.zip : current.zip;
    const place = this.placeOf(typeof zip === 'string' ? zip : undefined);
    return { regionId: place.regionId, branch: place.branch };
  }

  /**
   * Deletes the member with their member-skills, the roles they hold and their
   * check-ins. Their notes are deleted too by default (`notes: 'delete'`): a
   * person removed from the roster should not leave sensitive notes behind;
   * `notes: 'detach'` keeps the notes without the link to the member.
   */
  override delete(id: string, opts: MemberDeleteOptions = {}): boolean {
    this.ctx.assertWritable();
    if (!this.map.has(id)) return false;
    let deleted = false;
    this.transact(() => {
      this.cascade(id, opts);
      deleted = super.delete(id);
    });
    return deleted;
  }
}

/** No value to keep: absent, an empty list, an empty object. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Where a ZIP code puts a member: the region covering it and that region's branch. */
export interface Place {
  readonly regionId?: string;
  readonly branch?: string;
}

export interface MemberDeleteOptions {
  readonly notes?: 'delete' | 'detach';
}

/** What a note is about: exactly one of a member, a group or a partner organisation. */
export type NoteSubject = { readonly memberId: string } | { readonly groupId: string } | { readonly partnerId: string };

export class NoteCollection extends Collection<typeof noteRecord, Note, NoteInput, NotePatch> {
  constructor(ctx: ModelContext, name: CollectionName) {
    super(ctx, name, noteRecord);
  }

  override create(input: NoteInput): string {
    return super.create({ ...input, author: input.author ?? this.ctx.author } as NoteInput);
  }

  /** The live body, for an editor binding (character-level merge). */
  bodyText(id: string): Y.Text | undefined {
    const body = this.map.get(id)?.get('body');
    return body instanceof Y.Text ? body : undefined;
  }

  /** Notes about one member, newest first. */
  forMember(memberId: string): Note[] {
    return this.about({ memberId });
  }

  /** Notes about one member, group or partner, newest first. */
  about(subject: NoteSubject): Note[] {
    const [key, id] = Object.entries(subject)[0] as ['memberId' | 'groupId' | 'partnerId', string];
    return this.all()
      .filter((n) => n[key] === id)
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.createdAt - a.createdAt));
  }
}

export class MemberSkillCollection extends Collection<
  typeof memberSkillRecord,
  MemberSkill,
  MemberSkillInput,
  MemberSkillPatch
> {
  constructor(ctx: ModelContext, name: CollectionName) {
    super(ctx, name, memberSkillRecord);
  }

  /** Creates the pair's record, or updates it if it exists (its id is `memberId/skillId`). */
  override create(input: MemberSkillInput): string {
    const id = memberSkillId(input.memberId, input.skillId);
    if (!this.has(id)) return this.createWithId(id, input);
    const { memberId: _m, skillId: _s, ...rest } = input;
    this.update(id, rest);
    return id;
  }

  override update(id: string, patch: MemberSkillPatch): void {
    const current = this.get(id);
    if (
      (patch.memberId && patch.memberId !== current?.memberId) ||
      (patch.skillId && patch.skillId !== current?.skillId)
    ) {
      throw new AppError('invalid-data', 'memberSkill: memberId and skillId cannot change');
    }
    super.update(id, patch);
  }

  setLevel(memberId: string, skillId: string, level: SkillLevel): string {
    return this.create({ memberId, skillId, level });
  }

  forMember(memberId: string): MemberSkill[] {
    return this.all().filter((s) => s.memberId === memberId);
  }
}

/**
 * Regions tell the member accessors where a ZIP code puts a member (SpaceData.placeOf). Collection
 * observers run only when a transaction ends, so every write here also drops that lookup at once:
 * members placed later in the same transaction see the new regions.
 */
export class RegionCollection extends Collection<typeof regionRecord, Region, RegionInput, RegionPatch> {
  constructor(
    ctx: ModelContext,
    name: CollectionName,
    private readonly changed: () => void,
  ) {
    super(ctx, name, regionRecord);
    this.observe(() => changed());
  }

  override create(input: RegionInput): string {
    const id = super.create(input);
    this.changed();
    return id;
  }

  override update(id: string, patch: RegionPatch): void {
    super.update(id, patch);
    this.changed();
  }

  override delete(id: string): boolean {
    const deleted = super.delete(id);
    this.changed();
    return deleted;
  }
}
