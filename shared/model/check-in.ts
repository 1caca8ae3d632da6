import * as Y from 'yjs';
import { AppError } from '../errors';
import { attendanceRecord, checkInStamp, MAX_ATTENDEES } from './attendance';
import type { Attendance, AttendanceInput, AttendancePatch, CheckInStamp } from './attendance';
import { Collection } from './collection';
import type { ModelContext } from './collection';
import type { CollectionName } from './layout';

/** What else changes with an event (a training moves its trainees' skill levels: trainings.ts). */
export interface EventHooks {
  /** Runs inside the change's transaction, after it: the event before and after (undefined: none). */
  onChange(before: Attendance | undefined, after: Attendance | undefined): void;
}

/**
 * Events and who came. A check-in writes one key into the event's set
 * (layout.ts): it never rewrites the list, so concurrent check-ins on other
 * laptops merge, and the same member checked in twice is one key.
 */
export class AttendanceCollection extends Collection<
  typeof attendanceRecord,
  Attendance,
  AttendanceInput,
  AttendancePatch
> {
  constructor(
    ctx: ModelContext,
    name: CollectionName,
    private readonly hooks: EventHooks = { onChange: () => {} },
  ) {
    super(ctx, name, attendanceRecord);
  }

  override create(input: AttendanceInput): string {
    let id = '';
    this.transact(() => {
      id = super.create(input);
      this.hooks.onChange(undefined, this.get(id));
    });
    return id;
  }

  override update(id: string, patch: AttendancePatch): void {
    const before = this.get(id);
    this.transact(() => {
      super.update(id, patch);
      this.hooks.onChange(before, this.get(id));
    });
  }

  override delete(id: string): boolean {
    const before = this.get(id);
    let deleted = false;
    this.transact(() => {
      deleted = super.delete(id);
      if (deleted) this.hooks.onChange(before, undefined);
    });
    return deleted;
  }

  /**
   * Marks one member present. False (and nothing written) when they already
   * are: a second tap, or another laptop got there first.
   */
  checkIn(eventId: string, memberId: string, opts: { readonly walkIn?: boolean } = {}): boolean {
    this.ctx.assertWritable();
    const set = this.attendees(eventId);
    if (set.has(memberId)) return false;
    if (!memberId || memberId.length > 200) throw new AppError('invalid-data', 'attendance: bad member id');
    if (set.size >= MAX_ATTENDEES) throw new AppError('invalid-data', `attendance: at most ${MAX_ATTENDEES} people`);
    const stamp: CheckInStamp = { at: this.ctx.now(), by: this.ctx.author, ...(opts.walkIn && { walkIn: true }) };
    this.changeSet(eventId, () => set.set(memberId, stamp));
    return true;
  }

  /** Undoes a check-in; false when they were not checked in. */
  checkOut(eventId: string, memberId: string): boolean {
    this.ctx.assertWritable();
    const set = this.attendees(eventId);
    if (!set.has(memberId)) return false;
    this.changeSet(eventId, () => set.delete(memberId));
    return true;
  }

  /**
   * Moves a check-in from one member record to another (a duplicate merged
   * into the record kept), stamp and all; once if both were there.
   */
  moveAttendee(eventId: string, fromId: string, toId: string): void {
    this.ctx.assertWritable();
    const set = this.attendees(eventId);
    if (!set.has(fromId) || fromId === toId) return;
    const stamp = set.get(fromId);
    this.changeSet(eventId, () => {
      set.delete(fromId);
      if (!set.has(toId)) set.set(toId, stamp);
    });
  }

  /**
   * Who is checked in, with when and by which device (a stamp a peer wrote
   * in another shape reads as `undefined`: present, time unknown).
   */
  checkIns(eventId: string): Map<string, CheckInStamp | undefined> {
    const set = this.map.get(eventId)?.get('memberIds');
    const out = new Map<string, CheckInStamp | undefined>();
    if (!(set instanceof Y.Map)) return out;
    set.forEach((value, memberId) => {
      const stamp = checkInStamp.safeParse(value);
      out.set(memberId, stamp.success ? stamp.data : undefined);
    });
    return out;
  }

  private changeSet(eventId: string, change: () => void): void {
    const before = this.get(eventId);
    this.transact(() => {
      change();
      this.forget(eventId);
      this.hooks.onChange(before, this.get(eventId));
    });
  }

  private attendees(eventId: string): Y.Map<unknown> {
    const record = this.map.get(eventId);
    if (!(record instanceof Y.Map) || !this.get(eventId))
      throw new AppError('record-missing', 'attendance: no such event');
    const set = record.get('memberIds');
    if (set instanceof Y.Map) return set;
    // create() always makes the set; a record whose list is a plain array (a peer's hand-written record)
    // gets a set holding the same ids, so that later check-ins merge.
    const fresh = new Y.Map<unknown>();
    const ids = Array.isArray(set) ? set.filter((id): id is string => typeof id === 'string') : [];
    this.transact(() => {
      for (const id of ids) fresh.set(id, true);
      record.set('memberIds', fresh);
    });
    this.forget(eventId);
    return fresh;
  }
}
