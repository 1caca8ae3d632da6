/**
 * A walk-in at the door: someone not on the roster yet. They are added as a
 * member (with the consent they gave, asked plainly) and checked in, in one
 * transaction, so the roster never holds a walk-in who is not at the meeting
 * nor a check-in of nobody.
 */
import { AppError } from '../errors';
import type { MemberInput } from './member';
import { zipToRegion } from './region';
import type { SpaceData } from './space-data';

export interface WalkIn {
  readonly firstName: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly zip?: string;
  /** They said we may call them. */
  readonly mayCall: boolean;
  /** They said we may text them. */
  readonly mayText: boolean;
}

/** The member a walk-in becomes: no consent is assumed that they did not give. */
export function walkInMember(space: Pick<SpaceData, 'regions'>, w: WalkIn): MemberInput {
  const zip = w.zip?.trim() || undefined;
  const regionId = zip ? zipToRegion(space.regions.all()).get(zip.slice(0, 5)) : undefined;
  return {
    firstName: w.firstName.trim(),
    lastName: w.lastName?.trim() || undefined,
    emails: w.email?.trim() ? [w.email.trim()] : [],
    phones: w.phone?.trim() ? [w.phone.trim()] : [],
    zip,
    ...(regionId && { regionId }),
    doNotCall: !w.mayCall,
    textOptOut: !w.mayText,
    ladderStage: 'contact',
  };
}

/** Adds the walk-in to the roster and checks them in; returns their new member id. Throws AppError('invalid-data'). */
export function checkInWalkIn(space: SpaceData, eventId: string, w: WalkIn): string {
  // Checked before anything is written: a Yjs transaction does not roll back what ran before a throw.
  if (!space.attendance.get(eventId)) throw new AppError('record-missing', 'walk-in: no such event');
  return space.transact(() => {
    const id = space.members.create(walkInMember(space, w));
    space.attendance.checkIn(eventId, id, { walkIn: true });
    return id;
  });
}
