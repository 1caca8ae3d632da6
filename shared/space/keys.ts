/**
 * The cryptography of epoch keys, over shared/crypto: sealing a key to a
 * device, chaining an older key under a newer one, and deriving a space id
 * that only its creator could have made.
 */
import { AppError } from '../errors';
import {
  fromBase64Url,
  hash,
  open,
  openSealedToMe,
  seal,
  sealToDevice,
  toBase64Url,
  utf8Encode,
  type BoxPublicKey,
  type DeviceIdentity,
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

export function sealKeyToDevice(box: BoxPublicKey, key: SymmetricKey): string {
  return toBase64Url(sealToDevice(box, key));
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
