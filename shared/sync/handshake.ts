/**
 * The cryptographic pieces of the sync handshake (the state machine that
 * uses them is session.ts), protocol version 3:
 *
 *   both  -> hello  { versions, ephemeral X25519 key }                 plaintext
 *   (both derive crypto_kx session keys; every later frame is sealed)
 *   R     -> proof  { a MAC of the transcript per discovery key R holds, padded }
 *
 * Between members:
 *   (I goes on only if one of R's proofs was made with a key it holds too)
 *   I     -> auth   { card, sig(initiator | transcript) }
 *   R     -> auth   { card, sig(responder | transcript) }   only if R knows I
 *   R     -> spaces { R's spaces whose access list holds I }
 *   I     -> spaces { the subset of those whose access list (at I) holds R }
 *
 * An invitee (I) and the admin who made the invite (R):
 *   I     -> invite       { MAC_code(invitee | transcript) }
 *   R     -> auth         { card, sig }                        only if the MAC matched one of R's open invites
 *   R     -> invite-proof { space, name, role, MAC_code(inviter | transcript, R's card, space, name, role) }
 *   I     -> auth         { card, sig }                        only if R's MAC holds
 *   R     -> spaces { the invited space }; I -> spaces { the same }
 *
 * The transcript hashes both hello messages as they travelled (versions
 * offered and ephemeral keys), so a signature or MAC proves its maker took
 * part in *this* session, with *these* version lists: no replay, no relay by
 * a man in the middle (whose ephemeral keys differ on each side), no
 * downgrade by editing a hello. Signatures name their role (shared/crypto
 * `SignatureContext`), so one is never reflected back to its author.
 *
 * What each side gives away: identities travel sealed, so a passive listener
 * learns none. Between members, the responder first proves it holds one of
 * the discovery keys of our spaces (shared/sync/discovery.ts), then the
 * initiator reveals its card, and the responder reveals nothing to a device
 * it does not know: a forged LAN answer or a stranger on a Hyperswarm topic
 * learns no device key (SECURITY.md "On the wire and on the LAN"). With an invite,
 * nobody's identity travels before the code is proven: the invitee proves
 * first, and only to the device it dialled; the admin reveals itself only to
 * a device that proved the code, and proves the code back, bound to its own
 * card and the space, before the invitee reveals its card or accepts
 * anything (SECURITY.md "Device cards and invites").
 */
import * as encoding from 'lib0/encoding';
import {
  deriveSubkey,
  hash,
  randomBytes,
  sign,
  utf8Encode,
  verify,
  type DeviceIdentity,
  type Hash,
  type PublicKeys,
  type SigningPublicKey,
  type SpaceId,
} from '../crypto';
import type { Role } from '../space';
import { concatBytes, toHex } from './bytes';
import { MAX_MEMBERSHIP_PROOFS, MEMBERSHIP_PROOF_BYTES } from './messages';

export type SessionRole = 'initiator' | 'responder';

/** Both hello messages, exactly as encoded on the wire: what both sides sign and key their invite proofs to. */
export function handshakeTranscript(initiatorHello: Uint8Array, responderHello: Uint8Array): Hash {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, 'sealed-roster/sync/transcript');
  encoding.writeVarUint8Array(e, initiatorHello);
  encoding.writeVarUint8Array(e, responderHello);
  return hash(encoding.toUint8Array(e));
}

export function signAuth(identity: DeviceIdentity, role: SessionRole, transcript: Hash): Uint8Array {
  return sign(identity.signSecret, role === 'initiator' ? 'sync-auth-initiator' : 'sync-auth-responder', transcript);
}

export function verifyAuth(
  device: SigningPublicKey,
  role: SessionRole,
  transcript: Hash,
  signature: Uint8Array,
): boolean {
  return verify(device, role === 'initiator' ? 'sync-auth-initiator' : 'sync-auth-responder', transcript, signature);
}

/** What the admin's device tells a proven invitee: the space the invite is for, as the admin's screen names it. */
export interface InviteOffer {
  readonly space: SpaceId;
  readonly spaceName: string;
  readonly role: Role;
}

/** The code's key: only the two people who saw the code can make or check a proof. */
function inviteKey(code: string): Uint8Array {
  return deriveSubkey(utf8Encode(code), 'sync/invite-proof/v2');
}

/**
 * The invitee's proof that it knows the invite code (normalized, invite.ts),
 * bound to this session. It carries no identity: a stranger who answered
 * learns nothing from it but a MAC under a 120-bit secret.
 */
export function inviteeProof(code: string, transcript: Hash): Uint8Array {
  return hash(concatBytes([utf8Encode('sealed-roster/sync/invite/invitee'), transcript]), inviteKey(code));
}

/**
 * The admin's proof back, bound to this session, to the admin's card and to
 * the space, its name and the role: a device that does not know the code
 * cannot offer the invitee anything, and one that does cannot offer another
 * space or name under this proof.
 */
export function inviterProof(code: string, transcript: Hash, admin: PublicKeys, offer: InviteOffer): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, 'sealed-roster/sync/invite/inviter');
  encoding.writeVarUint8Array(e, transcript);
  encoding.writeVarUint8Array(e, admin.signPublic);
  encoding.writeVarUint8Array(e, admin.boxPublic);
  encoding.writeVarString(e, offer.space);
  encoding.writeVarString(e, offer.spaceName);
  encoding.writeVarString(e, offer.role);
  return hash(encoding.toUint8Array(e), inviteKey(code));
}

/**
 * Proof that the responder holds `key` (a space's discovery key), bound to
 * this session: a keyed hash of the transcript. Without the key it is
 * indistinguishable from random bytes, and it is worthless in any other session.
 */
export function membershipProof(key: Uint8Array, transcript: Hash): Uint8Array {
  const proofKey = deriveSubkey(key, 'sync/membership-proof');
  return hash(concatBytes([utf8Encode('sealed-roster/sync/membership'), transcript]), proofKey).slice(
    0,
    MEMBERSHIP_PROOF_BYTES,
  );
}

/** Proofs are padded with random ones to a multiple of this, so their number says little about how many spaces. */
export const MEMBERSHIP_PROOF_STEP = 8;

/** The responder's proofs for `keys` (at most MAX_MEMBERSHIP_PROOFS), padded and sorted so their order says nothing. */
export function membershipProofs(keys: readonly Uint8Array[], transcript: Hash): Uint8Array[] {
  const proofs = keys.slice(0, MAX_MEMBERSHIP_PROOFS).map((key) => membershipProof(key, transcript));
  const padded = Math.min(
    MAX_MEMBERSHIP_PROOFS,
    Math.max(1, Math.ceil(proofs.length / MEMBERSHIP_PROOF_STEP)) * MEMBERSHIP_PROOF_STEP,
  );
  while (proofs.length < padded) proofs.push(randomBytes(MEMBERSHIP_PROOF_BYTES));
  return proofs.sort((a, b) => (toHex(a) < toHex(b) ? -1 : 1));
}

/** True when one of `proofs` was made with one of `keys` for this transcript (a set lookup: the proofs are fresh per session). */
export function provesMembership(
  proofs: readonly Uint8Array[],
  keys: readonly Uint8Array[],
  transcript: Hash,
): boolean {
  const given = new Set(proofs.map(toHex));
  return keys.some((key) => given.has(toHex(membershipProof(key, transcript))));
}

/** Space ids present in both lists, sorted, without duplicates. */
export function sharedSpaces(a: readonly SpaceId[], b: readonly SpaceId[]): SpaceId[] {
  const inB = new Set(b);
  return [...new Set(a.filter((s) => inB.has(s)))].sort();
}
