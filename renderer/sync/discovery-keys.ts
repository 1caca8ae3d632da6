/**
 * What this device advertises on the LAN and which Hyperswarm topic a space
 * uses. The space's discovery key is derived from its FIRST epoch key: every
 * member holds it (later keys chain back to it), it never changes, and an
 * outsider cannot compute it. A removed organizer can still compute the tag
 * and find peers, but the handshake refuses it, so it learns only that
 * members are nearby.
 *
 * An open invite is advertised too, under a key derived from its code, so
 * the invitee (who knows the code, not the space) can find the admin nearby.
 */
import { deriveSubkey, utf8Encode, type DeviceIdentity, type SpaceId } from '../../shared/crypto';
import { toHex } from '../../shared/sync/bytes';
import { acceptedTags, currentTag, swarmTopic } from '../../shared/sync/discovery';
import { normalizeInviteCode } from '../../shared/sync/invite';
import type { SpaceHandle } from '../../shared/vault';

/** Undefined when this device holds no key of the space yet. */
export function spaceDiscoveryKey(handle: SpaceHandle, me: DeviceIdentity): Uint8Array | undefined {
  const first = handle.access.epochKeys(1, me)[0];
  return first && deriveSubkey(first, 'sync/discovery-key');
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
