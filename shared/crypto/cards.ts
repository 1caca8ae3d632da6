/**
 * What people compare and read aloud about devices (SECURITY.md "Device cards
 * and invites"): a device's card, the safety number of two devices, and the
 * number a device is named by on screen. All in digit groups, so they can be
 * read over the phone in any language.
 */
import { compareBytes, deviceIdOf, hash, signBoxKey, utf8Encode } from './sodium';
import type { DeviceCard, DeviceIdentity, PublicKeys, SigningPublicKey } from './types';

const cards = new WeakMap<DeviceIdentity, DeviceCard>();

/** This device's card, its box key signed (once per identity: the signature is deterministic). */
export function deviceCardOf(identity: DeviceIdentity): DeviceCard {
  let card = cards.get(identity);
  if (!card) {
    card = {
      id: deviceIdOf(identity.signPublic),
      signPublic: identity.signPublic,
      boxPublic: identity.boxPublic,
      boxSignature: signBoxKey(identity),
    };
    cards.set(identity, card);
  }
  return card;
}

/** 30 bytes as 6 groups of 5 digits (about 100 bits). */
function digitGroups(digest: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 30; i += 5) {
    let n = 0;
    for (let j = 0; j < 5; j++) n = n * 256 + (digest[i + j] ?? 0);
    groups.push(String(n % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

function digest30(label: string, parts: readonly Uint8Array[]): Uint8Array {
  const input = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    input.set(part, at);
    at += part.length;
  }
  return hash(input, utf8Encode(`sealed-roster/${label}`)).subarray(0, 30);
}

/**
 * A fingerprint of two devices that two people read aloud to each other:
 * 6 groups of 5 digits. It covers both keys of both devices (signing and
 * box), so a relay that swapped either key changes it. The order of the
 * devices does not matter: both screens show the same number.
 */
export function safetyNumber(a: PublicKeys, b: PublicKeys): string {
  const [first, second] = compareBytes(a.signPublic, b.signPublic) <= 0 ? [a, b] : [b, a];
  return digitGroups(
    digest30('safety-number/v2', [first.signPublic, first.boxPublic, second.signPublic, second.boxPublic]),
  );
}

/**
 * A device's own number (6 groups of 5 digits), from its signing key: its
 * identity (the box key is bound to it by the card's signature). Screens name
 * devices by its first two groups.
 */
export function deviceNumber(signPublic: SigningPublicKey): string {
  return digitGroups(digest30('device-number', [signPublic]));
}
