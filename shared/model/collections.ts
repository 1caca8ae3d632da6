import * as Y from 'yjs';
import { AppError } from '../errors';
import { attendanceRecord } from './attendance';
import { Collection } from './collection';
import type { ModelContext } from './collection';
import { memberRecord } from './member';
import type { AssessmentChange, Member, MemberInput, MemberPatch } from './member';
import { noteRecord } from './note';
import type { Note, NoteInput, NotePatch } from './note';
import { memberSkillId, memberSkillRecord } from './skill';
import type { MemberSkill, MemberSkillInput, MemberSkillPatch } from './skill';
import type { SkillLevel } from './codes';
import type { CollectionName } from './layout';

/** Collections with behaviour beyond create/update/delete. */

export class MemberCollection extends Collection<typeof memberRecord, Member, MemberInput, MemberPatch> {
  protected override readonly internal = new Set(['assessmentHistory']);

  constructor(
    ctx: ModelContext,
    name: CollectionName,
    /** Removes what hangs on a member (skills, notes, roles, attendance); runs in the delete's transaction. */
    private readonly cascade: (memberId: string, opts: MemberDeleteOptions) => void,
  ) {
    super(ctx, name, memberRecord);
  }

  override create(input: MemberInput): string {
    const history: AssessmentChange[] =
      input.assessment === undefined ? [] : [{ value: input.assessment, at: this.ctx.now(), by: this.ctx.author }];
    return this.createWithId(this.ctx.newId(), input, { assessmentHistory: history });
  }

  /** Every change of `assessment` appends `{value, at, by}` to the history (null = cleared). */
  protected override derive(_id: string, current: Record<string, unknown>, patch: Record<string, unknown>) {
    if (!('assessment' in patch) || patch.assessment === current.assessment) return {};
    const change: AssessmentChange = {
      value: (patch.assessment as number | undefined) ?? null,
      at: this.ctx.now(),
      by: this.ctx.author,
    };
    return { assessmentHistory: [change] };
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

export interface MemberDeleteOptions {
  readonly notes?: 'delete' | 'detach';
}

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
    return this.all()
      .filter((n) => n.memberId === memberId)
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

export class AttendanceCollection extends Collection<typeof attendanceRecord> {
  constructor(ctx: ModelContext, name: CollectionName) {
    super(ctx, name, attendanceRecord);
  }

  /** Adds one member to an event: merges with check-ins made elsewhere at the same time. */
  checkIn(eventId: string, memberId: string): void {
    this.setPresence(eventId, memberId, true);
  }

  checkOut(eventId: string, memberId: string): void {
    this.setPresence(eventId, memberId, false);
  }

  private setPresence(eventId: string, memberId: string, present: boolean): void {
    const event = this.get(eventId);
    if (!event) throw new AppError('record-missing', 'attendance: no such event');
    const ids = new Set(event.memberIds);
    if (present) ids.add(memberId);
    else ids.delete(memberId);
    this.update(eventId, { memberIds: [...ids] });
  }
}
