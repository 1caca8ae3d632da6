/**
 * The cryptography of epoch keys, over shared/crypto: device cards as the
 * access records hold them, sealing a key to a device (only to a card whose
 * box key its signing key signed), chaining an older key under a newer one,
 * and deriving a space id that only its creator could have made.
 */
import { AppError } from '../errors';
import type { CardRecord } from './records';
import {
  cardVerifies,
  fromBase64Url,
  signingKeyOf,
  hash,
  open,
  openSealedToMe,
  seal,
  sealToDevice,
  toBase64Url,
  utf8Encode,
  type BoxPublicKey,
  type DeviceCard,
  type DeviceId,
  type DeviceIdentity,
  type Signature,
  type SigningPublicKey,
  type SpaceId,
  type SymmetricKey,
} from '../crypto';

const NONCE_BYTES = 24;

/** 16 bytes of hash(creator key, salt): a `create` record for another creator cannot claim this id. */
export function spaceIdFor(creator: SigningPublicKey, salt: Uint8Array): SpaceId {
  const input = new Uint8Array(creator.length + salt.length);
  input.set(creator, 0);
  input.set(salt, creator.length);
  return toBase64Url(hash(input, utf8Encode('sealed-roster/space-id')).slice(0, 16)) as SpaceId;
}

/** Seals an epoch key to a device. Throws AppError('bad-device-card') when the card's box key is not signed by it. */
export function sealKeyToDevice(card: DeviceCard, key: SymmetricKey): string {
  return toBase64Url(sealToDevice(card, key));
}

/** A card as an access record holds it (byte fields base64url). */
export function cardRecordOf(card: DeviceCard): CardRecord {
  return { id: card.id, box: toBase64Url(card.boxPublic), boxSignature: toBase64Url(card.boxSignature) };
}

/** The card an access record holds. Throws AppError('invalid-data') for fields that are not base64url. */
export function cardOf(record: CardRecord): DeviceCard {
  return {
    id: record.id as DeviceId,
    signPublic: signingKeyOf(record.id as DeviceId),
    boxPublic: fromBase64Url(record.box) as BoxPublicKey,
    boxSignature: fromBase64Url(record.boxSignature) as Signature,
  };
}

/** Record objects stay the same while a space is open: each card's signature is checked once, not at every fold. */
const checkedRecords = new WeakMap<CardRecord, boolean>();

/** True when the record's box key is signed by its device. */
export function cardRecordVerifies(record: CardRecord): boolean {
  let ok = checkedRecords.get(record);
  if (ok === undefined) {
    try {
      ok = cardVerifies(cardOf(record));
    } catch {
      // A card that does not parse does not verify: the record has no effect (state.ts).
      ok = false;
    }
    checkedRecords.set(record, ok);
  }
  return ok;
}

/** Throws AppError('decrypt-failed') when the key was not sealed to this device. */
export function openKeySealedToMe(me: DeviceIdentity, sealed: string): SymmetricKey {
  const key = openSealedToMe(me, fromBase64Url(sealed));
  if (key.length !== 32) throw new AppError('decrypt-failed', 'sealed epoch key has the wrong size');
  return key as SymmetricKey;
}

/** The associated data binds a chained key to its space and id, so a link cannot be moved elsewhere. */
function linkAd(space: SpaceId, keyId: string): Uint8Array {
  return utf8Encode(`sealed-roster/key-chain/${space}/${keyId}`);
}

export function chainKey(space: SpaceId, newKey: SymmetricKey, oldKeyId: string, oldKey: SymmetricKey): string {
  const sealed = seal(newKey, oldKey, linkAd(space, oldKeyId));
  const out = new Uint8Array(NONCE_BYTES + sealed.ciphertext.length);
  out.set(sealed.nonce, 0);
  out.set(sealed.ciphertext, NONCE_BYTES);
  return toBase64Url(out);
}

export function openChainedKey(space: SpaceId, newKey: SymmetricKey, oldKeyId: string, sealed: string): SymmetricKey {
  const bytes = fromBase64Url(sealed);
  if (bytes.length <= NONCE_BYTES) throw new AppError('decrypt-failed', 'chained key is truncated');
  const key = open(
    newKey,
    { nonce: bytes.slice(0, NONCE_BYTES), ciphertext: bytes.slice(NONCE_BYTES) },
    linkAd(space, oldKeyId),
  );
  if (key.length !== 32) throw new AppError('decrypt-failed', 'chained key has the wrong size');
  return key as SymmetricKey;
}
