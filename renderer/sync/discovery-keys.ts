/**
 * What this device advertises on the LAN and which Hyperswarm topic a space
 * uses. A space's discovery key follows its key epochs (shared/space/README.md):
 *
 * - advertised (LAN tag, joined Hyperswarm topic): derived from the newest
 *   epoch key this device holds, which for a member is normally the space's
 *   current epoch's (network.ts re-advertises and moves the topic when a
 *   rotation is stored). A `remove` always rotates to a key never sealed to the
 *   removed device, so once the members have the rotation, a removed device
 *   can compute neither the tag they advertise nor the topic they join;
 * - sought (LAN discovery only): that key and the previous epoch's, so members
 *   whose devices have not received the latest rotation yet (still
 *   advertising the previous epoch) are found and brought up to date. Never
 *   more than two epochs. The price: mDNS questions carry the sought tags,
 *   and members dial whoever answers, so a device removed at the latest
 *   rotation (it holds the previous key) can still tell that members are
 *   nearby (the handshake refuses it). That ends with the next rotation.
 *   On Hyperswarm only the current topic is joined (the IPC contract has no
 *   lookup-only join), so there a member not yet at the latest rotation meets
 *   only devices still at its epoch until it gets the rotation another way.
 *
 * An outsider can compute none of these. An open invite is advertised too,
 * under a key derived from its code, so the invitee (who knows the code, not
 * the space) can find the admin nearby.
 */
import { deriveSubkey, utf8Encode, type DeviceIdentity, type SpaceId, type SymmetricKey } from '../../shared/crypto';
import type { SpaceAccess } from '../../shared/space';
import { toHex } from '../../shared/sync/bytes';
import { acceptedTags, currentTag, swarmTopic } from '../../shared/sync/discovery';
import { normalizeInviteCode } from '../../shared/sync/invite';

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

/** Throws AppError('invite-invalid') for text that is not an invite code. */
export function inviteDiscoveryKey(code: string): Uint8Array {
  return deriveSubkey(utf8Encode(normalizeInviteCode(code).code), 'sync/invite-discovery-key');
}

/** What a key is advertised for: a space we hold, or one of our open invites (admin side). */
export type TagOwner = { readonly kind: 'space'; readonly space: SpaceId } | { readonly kind: 'invite' };

export interface KeyedOwner {
  readonly key: Uint8Array;
  readonly owner: TagOwner;
}

/** The tags to advertise now (one per key). */
export function advertisedTags(keys: readonly KeyedOwner[], now: number): string[] {
  return keys.map((k) => toHex(currentTag(k.key, now)));
}

/** The tags to look for now (neighbouring hours near a boundary), each mapped to what it stands for. */
export function soughtTags(keys: readonly KeyedOwner[], now: number): Map<string, TagOwner> {
  const out = new Map<string, TagOwner>();
  for (const k of keys) for (const tag of acceptedTags(k.key, now)) out.set(toHex(tag), k.owner);
  return out;
}

export function topicOf(discoveryKey: Uint8Array): string {
  return toHex(swarmTopic(discoveryKey));
}
