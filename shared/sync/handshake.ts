/**
 * The cryptographic pieces of the sync handshake (the state machine that
 * uses them is session.ts):
 *
 *   both  -> hello { versions, ephemeral X25519 key }          plaintext
 *   (both derive crypto_kx session keys; every later frame is sealed)
 *   I     -> auth  { device key, sig(initiator tag | transcript), invite? }
 *   R     -> auth  { device key, sig(responder tag | transcript) }  only if R accepts I
 *   R     -> spaces{ R's spaces whose access list holds I }
 *   I     -> spaces{ the subset of those whose access list (at I) holds R }
 *
 * The transcript hashes both ephemeral keys, so a signature proves the
 * identity key's owner took part in *this* session (no replay, no relay by
 * a man in the middle, whose ephemeral keys differ on each side). The role
 * tag stops a signature being reflected back to its author. Identities
 * travel sealed, so a passive listener learns none; the initiator reveals
 * its identity first, and the responder reveals nothing to a device it
 * does not know.
 */
import {
  deriveSubkey,
  hash,
  sign,
  utf8Encode,
  verify,
  type DeviceIdentity,
  type Hash,
  type SigningPublicKey,
  type SpaceId,
} from '../crypto';
import { concatBytes } from './bytes';

export type SessionRole = 'initiator' | 'responder';

/** What both sides sign and key their invite proofs to. */
export function handshakeTranscript(
  version: number,
  initiatorEphemeral: Uint8Array,
  responderEphemeral: Uint8Array,
): Hash {
  return hash(
    concatBytes([utf8Encode(`sealed-roster/sync/v${version}/transcript`), initiatorEphemeral, responderEphemeral]),
  );
}

function authMessage(role: SessionRole, transcript: Hash): Uint8Array {
  return concatBytes([utf8Encode(`sealed-roster/sync/auth/${role}`), transcript]);
}

export function signAuth(identity: DeviceIdentity, role: SessionRole, transcript: Hash): Uint8Array {
  return sign(identity.signSecret, authMessage(role, transcript));
}

export function verifyAuth(
  device: SigningPublicKey,
  role: SessionRole,
  transcript: Hash,
  signature: Uint8Array,
): boolean {
  return verify(device, authMessage(role, transcript), signature);
}

/**
 * Proof that the invitee's device knows the invite code, bound to this
 * session and to the invitee's key: a keyed hash of the transcript under a
 * key derived from the code. It travels sealed; still, the responder could
 * be anyone, so invite codes must carry enough entropy to resist an offline
 * guess (and the safety number is compared before the admin confirms).
 */
export function inviteProof(code: string, transcript: Hash, invitee: SigningPublicKey): Uint8Array {
  const key = deriveSubkey(utf8Encode(code.normalize('NFC').trim()), 'sync/invite-proof');
  return hash(concatBytes([utf8Encode('sealed-roster/sync/invite'), transcript, invitee]), key);
}

/** Space ids present in both lists, sorted, without duplicates. */
export function sharedSpaces(a: readonly SpaceId[], b: readonly SpaceId[]): SpaceId[] {
  const inB = new Set(b);
  return [...new Set(a.filter((s) => inB.has(s)))].sort();
}
