/**
 * What peers publish to find each other, derived from a space's discovery
 * key (a secret shared by the space's devices, derived from one of its epoch
 * keys: renderer/sync/discovery-keys.ts). Nothing here names a space or a
 * device: an outsider sees random-looking values that change every hour (LAN
 * tags) or a random topic that changes only with the space's key (Hyperswarm,
 * whose DHT needs a stable one).
 */
import { hash, utf8Encode } from '../crypto';
import { concatBytes, toHex } from './bytes';

export const HOUR_MS = 60 * 60 * 1000;
/** Tag length: 128 bits, written as 32 hex characters (fits a DNS label). */
export const DISCOVERY_TAG_BYTES = 16;
/** Near an hour boundary, the neighbouring hour's tag is accepted too (clocks differ). */
export const TAG_GRACE_MS = 10 * 60 * 1000;

export function hourNumber(nowMs: number): number {
  return Math.floor(nowMs / HOUR_MS);
}

/** Keyed hash of the hour under the discovery key. */
export function discoveryTag(discoveryKey: Uint8Array, hour: number): Uint8Array {
  const message = concatBytes([utf8Encode('sealed-roster/discovery/lan-tag/v1/'), utf8Encode(String(hour))]);
  return hash(message, discoveryKey).subarray(0, DISCOVERY_TAG_BYTES);
}

/** The tag to advertise now. */
export function currentTag(discoveryKey: Uint8Array, nowMs: number): Uint8Array {
  return discoveryTag(discoveryKey, hourNumber(nowMs));
}

/** Tags to recognise now: the current hour's, plus the previous (or next) hour's within the grace period. */
export function acceptedTags(discoveryKey: Uint8Array, nowMs: number, graceMs: number = TAG_GRACE_MS): Uint8Array[] {
  const hour = hourNumber(nowMs);
  const intoHour = nowMs - hour * HOUR_MS;
  const tags = [discoveryTag(discoveryKey, hour)];
  if (intoHour < graceMs) tags.push(discoveryTag(discoveryKey, hour - 1));
  if (HOUR_MS - intoHour <= graceMs) tags.push(discoveryTag(discoveryKey, hour + 1));
  return tags;
}

export function tagLabel(tag: Uint8Array): string {
  return toHex(tag);
}

/** The 32-byte Hyperswarm topic of a space. */
export function swarmTopic(discoveryKey: Uint8Array): Uint8Array {
  return hash(utf8Encode('sealed-roster/discovery/swarm-topic/v1'), discoveryKey);
}
