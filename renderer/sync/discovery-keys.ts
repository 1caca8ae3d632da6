/**
 * What this device answers to on the LAN and which Hyperswarm topics a space
 * uses, from the discovery keys of shared/sync/discovery.ts (which explains
 * how they follow the key epochs).
 *
 * - LAN: a device answers queries for the current tag of each space's
 *   advertised key, and asks for the tags of the sought keys (current and
 *   previous epoch). A device removed at the latest rotation holds the previous
 *   key, so until the next rotation it can still tell that members are nearby
 *   when they ask (the handshake refuses it). Queries and answers carry tags
 *   only blinded (electron/net/mdns.ts).
 * - Hyperswarm: only the advertised key's topics of the day are joined (the
 *   IPC contract has no lookup-only join), so a member not yet at the latest
 *   rotation meets only devices still at its epoch until it gets the rotation
 *   another way.
 *
 * An outsider can compute none of these. An open invite is answered to as
 * well, under a key derived from its code, so the invitee (who knows the
 * code, not the space) can find the admin nearby.
 */
import type { SpaceId } from '../../shared/crypto';
import { toHex } from '../../shared/sync/bytes';
import { acceptedTags, currentTag, currentTopics } from '../../shared/sync/discovery';

/** What a key is advertised for: a space we hold, or one of our open invites (admin side). */
export type TagOwner = { readonly kind: 'space'; readonly space: SpaceId } | { readonly kind: 'invite' };

export interface KeyedOwner {
  readonly key: Uint8Array;
  readonly owner: TagOwner;
}

/** The tags to answer to now (one per key). */
export function advertisedTags(keys: readonly KeyedOwner[], now: number): string[] {
  return keys.map((k) => toHex(currentTag(k.key, now)));
}

/** The tags to look for now (neighbouring hours near a boundary), each mapped to what it stands for. */
export function soughtTags(keys: readonly KeyedOwner[], now: number): Map<string, TagOwner> {
  const out = new Map<string, TagOwner>();
  for (const k of keys) for (const tag of acceptedTags(k.key, now)) out.set(toHex(tag), k.owner);
  return out;
}

/** The Hyperswarm topics (hex) of a discovery key now: today's (UTC), and the neighbouring day's near midnight. */
export function topicsOf(discoveryKey: Uint8Array, now: number): string[] {
  return currentTopics(discoveryKey, now).map(toHex);
}
