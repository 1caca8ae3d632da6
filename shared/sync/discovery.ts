/**
 * What peers publish to find each other, and the keys it is derived from.
 *
 * A space's discovery key is a secret its devices share, derived from one of
 * its epoch keys, so it follows the key epochs (shared/space/README.md):
 *
 * - advertised (LAN tag, joined Hyperswarm topic): derived from the newest
 *   epoch key this device holds, which for a member is normally the space's
 *   current epoch's. A `remove` always rotates to a key never sealed to the
 *   removed device, so once the members have the rotation, a removed device
 *   can compute neither the tag they answer to nor the topic they join;
 * - sought (LAN queries, the responder's membership proof): that key and the
 *   previous epoch's, so members whose devices have not received the latest
 *   rotation yet are found and brought up to date. Never more than two epochs;
 * - held (what a dialling device recognises a membership proof by): every
 *   epoch's, so a device that missed several rotations, once dialled, syncs.
 *
 * Nothing published names a space or a device: an outsider sees values that
 * change every hour (LAN tags, which travel only blinded: electron/net/mdns.ts)
 * or every UTC day (Hyperswarm topics). SECURITY.md "On the wire and on the
 * LAN" lists what an observer still learns.
 */
import { deriveSubkey, hash, utf8Encode, type DeviceIdentity, type SymmetricKey } from '../crypto';
import type { SpaceAccess } from '../space';
import { concatBytes, toHex } from './bytes';
import { normalizeInviteCode } from './invite';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
/** Tag length: 128 bits, written as 32 hex characters (fits a DNS label). */
export const DISCOVERY_TAG_BYTES = 16;
/** Near an hour (or day) boundary, the neighbouring hour's tag (day's topic) is used too: clocks differ. */
export const TAG_GRACE_MS = 10 * 60 * 1000;

export function hourNumber(nowMs: number): number {
  return Math.floor(nowMs / HOUR_MS);
}

/** Days since 1970-01-01, in UTC: every device agrees on it whatever its time zone. */
export function dayNumber(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS);
}

/** Keyed hash of the hour under the discovery key. */
export function discoveryTag(discoveryKey: Uint8Array, hour: number): Uint8Array {
  const message = concatBytes([utf8Encode('sealed-roster/discovery/lan-tag/v1/'), utf8Encode(String(hour))]);
  return hash(message, discoveryKey).subarray(0, DISCOVERY_TAG_BYTES);
}

/** The tag to answer to now. */
export function currentTag(discoveryKey: Uint8Array, nowMs: number): Uint8Array {
  return discoveryTag(discoveryKey, hourNumber(nowMs));
}

/** Periods to use now: the current one, plus the previous (or next) one within `graceMs` of a boundary. */
function periodsNear(nowMs: number, periodMs: number, graceMs: number): number[] {
  const period = Math.floor(nowMs / periodMs);
  const into = nowMs - period * periodMs;
  const out = [period];
  if (into < graceMs) out.push(period - 1);
  if (periodMs - into <= graceMs) out.push(period + 1);
  return out;
}

/** Tags to recognise now: the current hour's, plus the previous (or next) hour's within the grace period. */
export function acceptedTags(discoveryKey: Uint8Array, nowMs: number, graceMs: number = TAG_GRACE_MS): Uint8Array[] {
  return periodsNear(nowMs, HOUR_MS, graceMs).map((hour) => discoveryTag(discoveryKey, hour));
}

export function tagLabel(tag: Uint8Array): string {
  return toHex(tag);
}

/**
 * The 32-byte Hyperswarm topic of a space on one UTC day. The DHT stores
 * announcements under it, so it must not outlive the day: a new one every
 * midnight (UTC) that nobody without the discovery key can link to the last.
 */
export function swarmTopic(discoveryKey: Uint8Array, day: number): Uint8Array {
  return hash(utf8Encode(`sealed-roster/discovery/swarm-topic/v2/${day}`), discoveryKey);
}

/** Topics to be on now: today's, and near midnight (UTC) the neighbouring day's too. */
export function currentTopics(discoveryKey: Uint8Array, nowMs: number, graceMs: number = TAG_GRACE_MS): Uint8Array[] {
  return periodsNear(nowMs, DAY_MS, graceMs).map((day) => swarmTopic(discoveryKey, day));
}

/** When the set of `currentTopics` next changes (a grace period opens or closes). */
export function nextTopicChange(nowMs: number, graceMs: number = TAG_GRACE_MS): number {
  const day = dayNumber(nowMs);
  const marks = [day * DAY_MS + graceMs, (day + 1) * DAY_MS - graceMs, (day + 1) * DAY_MS + graceMs];
  return Math.min(...marks.filter((m) => m > nowMs));
}

// ---------------------------------------------------------------- discovery keys

/** Keys sought per space at most (two epochs; concurrent rotations may give an epoch more than one key). */
export const MAX_SOUGHT_KEYS_PER_SPACE = 4;

/** A space handle or anything else that carries the space's access state. */
export interface WithAccess {
  readonly access: SpaceAccess;
}

/** The discovery key that goes with one epoch key. */
export function discoveryKeyOf(epochKey: SymmetricKey): Uint8Array {
  return deriveSubkey(epochKey, 'sync/discovery-key');
}

/** The newest epoch this device holds a key of, with those keys (newest in the access order first). */
function newestHeld(
  access: SpaceAccess,
  me: DeviceIdentity,
): { epoch: number; keys: readonly SymmetricKey[] } | undefined {
  // Usually the current epoch; older only while this device lacks the latest rotation's key.
  for (let epoch = access.currentEpoch(); epoch >= 1; epoch--) {
    const keys = access.epochKeys(epoch, me);
    if (keys.length > 0) return { epoch, keys };
  }
  return undefined;
}

/** The key to advertise a space under (LAN tag, Hyperswarm topic). Undefined when this device holds no key of it yet. */
export function spaceDiscoveryKey(handle: WithAccess, me: DeviceIdentity): Uint8Array | undefined {
  const newest = newestHeld(handle.access, me);
  return newest && discoveryKeyOf(newest.keys[0]!);
}

/**
 * The keys to look for a space's devices under: the advertised one first,
 * then the other keys of its epoch and the previous epoch's keys that this
 * device holds (at most MAX_SOUGHT_KEYS_PER_SPACE). Empty when it holds none.
 */
export function soughtSpaceKeys(handle: WithAccess, me: DeviceIdentity): Uint8Array[] {
  const newest = newestHeld(handle.access, me);
  if (!newest) return [];
  const previous = newest.epoch > 1 ? handle.access.epochKeys(newest.epoch - 1, me) : [];
  return [...newest.keys, ...previous].slice(0, MAX_SOUGHT_KEYS_PER_SPACE).map(discoveryKeyOf);
}

/**
 * The keys a proof is recognised by when this device dials (the handshake's
 * initiator): those of every epoch it holds, newest first. A member that has
 * missed several rotations proves only its own newest epoch; the up-to-date
 * device that dials it still recognises it and brings it up to date. Only a
 * device that held a key of the space can make such a proof (SECURITY.md "On
 * the wire and on the LAN" says what that costs).
 */
export function heldSpaceKeys(handle: WithAccess, me: DeviceIdentity): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let epoch = handle.access.currentEpoch(); epoch >= 1; epoch--) {
    out.push(...handle.access.epochKeys(epoch, me).map(discoveryKeyOf));
  }
  return out;
}

/** The key an open invite is found under (by the invitee, who knows the code, not the space). Throws AppError('invite-invalid'). */
export function inviteDiscoveryKey(code: string): Uint8Array {
  return deriveSubkey(utf8Encode(normalizeInviteCode(code).code), 'sync/invite-discovery-key');
}
