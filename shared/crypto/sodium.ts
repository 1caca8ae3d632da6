/**
 * The one module that imports libsodium. Everything else in the project calls
 * these functions, so the algorithms can be reviewed in a single page.
 *
 * libsodium-wrappers-sumo is used because Argon2id (crypto_pwhash) only
 * exists in the sumo build.
 */
import sodium from 'libsodium-wrappers-sumo';
import { AppError } from '../errors';
import type {
  BoxPublicKey,
  BoxSecretKey,
  DeviceCard,
  DeviceId,
  DeviceIdentity,
  Hash,
  KdfParams,
  Sealed,
  SessionKeys,
  Signature,
  SigningPublicKey,
  SigningSecretKey,
  SymmetricKey,
} from './types';

let isReady = false;

/** Must be awaited once before any other function here is called. */
export async function initCrypto(): Promise<void> {
  await sodium.ready;
  isReady = true;
}

function lib(): typeof sodium {
  if (!isReady) throw new AppError('crypto-not-ready', 'initCrypto() was not awaited');
  return sodium;
}

// ---------------------------------------------------------------- encoding

const BASE64URL = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
const ascii = new TextDecoder('latin1');
let base64Scratch = new Uint8Array(64);

/**
 * Unpadded base64url, as libsodium's URLSAFE_NO_PADDING writes it (a test
 * compares them). Not libsodium's own: every arriving entry names a device and
 * has an id, and its to_base64 copies through the wasm heap; with string
 * concatenation instead, the pieces were still the largest source of garbage
 * when receiving a day's work (young-generation GC pauses were most of what
 * sync spent beyond plain Yjs). Characters go into a reused buffer, then one string.
 */
export function toBase64Url(bytes: Uint8Array): string {
  const length = Math.ceil((bytes.length * 4) / 3);
  if (base64Scratch.length < length) base64Scratch = new Uint8Array(length * 2);
  const out = base64Scratch;
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = BASE64URL[n >> 18]!;
    out[o++] = BASE64URL[(n >> 12) & 63]!;
    out[o++] = BASE64URL[(n >> 6) & 63]!;
    out[o++] = BASE64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = BASE64URL[n >> 18]!;
    out[o++] = BASE64URL[(n >> 12) & 63]!;
    if (rest === 2) out[o++] = BASE64URL[(n >> 6) & 63]!;
  }
  return ascii.decode(out.subarray(0, o));
}

export function fromBase64Url(text: string): Uint8Array {
  try {
    return lib().from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING);
  } catch {
    throw new AppError('invalid-data', 'not base64url');
  }
}

export function utf8Encode(text: string): Uint8Array {
  return lib().from_string(text);
}

/** Throws AppError('invalid-data') for bytes that are not UTF-8 (libsodium's own error is a TypeError). */
export function utf8Decode(bytes: Uint8Array): string {
  const s = lib();
  try {
    return s.to_string(bytes);
  } catch {
    throw new AppError('invalid-data', 'not UTF-8');
  }
}

export function randomBytes(length: number): Uint8Array {
  return lib().randombytes_buf(length);
}

const ID_BYTES = 16;
/**
 * Ids come from a pool filled 4 KiB at a time straight from the platform's
 * CSPRNG (Web Crypto, in browsers and Node alike): libsodium's wasm build
 * asks for randomness 4 bytes per getRandomValues call, and creating the
 * 10,000 members of an import spent 1.2 s there (Chromium). Ids are not
 * secrets; each pool byte is used once. Keys and nonces still come from
 * libsodium (randomBytes).
 */
const webCrypto = (globalThis as { crypto?: { getRandomValues(bytes: Uint8Array): Uint8Array } }).crypto;
let idPool: Uint8Array = new Uint8Array(0);
let idPoolAt = 0;

/** 16 random bytes, base64url: ids of spaces, records and invites. */
export function randomId(): string {
  if (idPoolAt + ID_BYTES > idPool.length) {
    idPool = webCrypto ? webCrypto.getRandomValues(new Uint8Array(4096)) : randomBytes(4096);
    idPoolAt = 0;
  }
  const id = toBase64Url(idPool.subarray(idPoolAt, idPoolAt + ID_BYTES));
  idPoolAt += ID_BYTES;
  return id;
}

/** Constant-time comparison (for MACs, codes and hashes). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && lib().memcmp(a, b);
}

/** Best-effort wipe of secret bytes we own (JS cannot promise more). */
export function wipe(bytes: Uint8Array): void {
  lib().memzero(bytes);
}

// ---------------------------------------------------------------- identity

export function generateDeviceIdentity(): DeviceIdentity {
  const s = lib();
  const sign = s.crypto_sign_keypair();
  const box = s.crypto_box_keypair();
  return {
    signPublic: sign.publicKey as SigningPublicKey,
    signSecret: sign.privateKey as SigningSecretKey,
    boxPublic: box.publicKey as BoxPublicKey,
    boxSecret: box.privateKey as BoxSecretKey,
  };
}

export function deviceIdOf(signPublic: SigningPublicKey): DeviceId {
  return toBase64Url(signPublic) as DeviceId;
}

export function signingKeyOf(id: DeviceId): SigningPublicKey {
  const key = fromBase64Url(id);
  if (key.length !== sodium.crypto_sign_PUBLICKEYBYTES) throw new AppError('invalid-data', 'not a device id');
  return key as SigningPublicKey;
}

// ---------------------------------------------------------------- device cards

/** The device's signature of its own box key: what makes its card hold together. */
export function signBoxKey(identity: DeviceIdentity): Signature {
  return sign(identity.signSecret, 'device-card', identity.boxPublic);
}

/** True when the card's id is its signing key, its keys have their sizes, and the signing key signed the box key. */
export function cardVerifies(card: DeviceCard): boolean {
  return (
    card.signPublic.length === sodium.crypto_sign_PUBLICKEYBYTES &&
    card.boxPublic.length === sodium.crypto_box_PUBLICKEYBYTES &&
    card.id === deviceIdOf(card.signPublic) &&
    verify(card.signPublic, 'device-card', card.boxPublic, card.boxSignature)
  );
}

/** The card itself, once checked. Throws AppError('bad-device-card') for a card whose box key its signing key did not sign. */
export function checkedCard(card: DeviceCard): DeviceCard {
  if (!cardVerifies(card)) throw new AppError('bad-device-card', 'the box key is not signed by the device');
  return card;
}

// ---------------------------------------------------------------- passphrase

/** Cost levels. `standard` takes about half a second on a laptop. */
export type KdfCost = 'standard' | 'test';

export function newKdfParams(cost: KdfCost = 'standard'): KdfParams {
  const s = lib();
  return {
    algorithm: 'argon2id13',
    salt: s.randombytes_buf(s.crypto_pwhash_SALTBYTES),
    opsLimit: cost === 'standard' ? 3 : s.crypto_pwhash_OPSLIMIT_MIN,
    memLimit: cost === 'standard' ? 192 * 1024 * 1024 : 8 * 1024 * 1024,
  };
}

/** Passphrase -> 32-byte key with Argon2id. */
export function deriveKey(passphrase: string, params: KdfParams): SymmetricKey {
  const s = lib();
  if (params.algorithm !== 'argon2id13') throw new AppError('vault-corrupt', 'unknown key derivation');
  return s.crypto_pwhash(
    32,
    passphrase.normalize('NFC'),
    params.salt,
    params.opsLimit,
    params.memLimit,
    s.crypto_pwhash_ALG_ARGON2ID13,
  ) as SymmetricKey;
}

// ---------------------------------------------------------------- symmetric

export function newSymmetricKey(): SymmetricKey {
  return lib().crypto_aead_xchacha20poly1305_ietf_keygen() as SymmetricKey;
}

/** XChaCha20-Poly1305 with a random 24-byte nonce; `ad` is authenticated, not encrypted. */
export function seal(key: SymmetricKey, plaintext: Uint8Array, ad: Uint8Array | null = null): Sealed {
  const s = lib();
  const nonce = s.randombytes_buf(s.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ciphertext = s.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
  return { nonce, ciphertext };
}

/** Like `seal`, with a nonce chosen by the caller (who must never reuse it with the same key). */
export function sealWithNonce(
  key: SymmetricKey,
  plaintext: Uint8Array,
  ad: Uint8Array | null,
  nonce: Uint8Array,
): Uint8Array {
  return lib().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
}

/** Throws AppError('decrypt-failed') when the key is wrong or a byte was changed. */
export function open(key: SymmetricKey, sealed: Sealed, ad: Uint8Array | null = null): Uint8Array {
  try {
    return lib().crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.ciphertext, ad, sealed.nonce, key);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('decrypt-failed', 'ciphertext did not authenticate');
  }
}

// ---------------------------------------------------------------- signatures

/**
 * What a signature is for. Every signature covers its context first, so one
 * made for one purpose never verifies for another: an entry cannot pass for a
 * handshake proof, a bundle or a device card, nor an initiator's proof for a
 * responder's (SECURITY.md "Device cards and invites").
 */
export type SignatureContext =
  'entry' | 'checkpoint' | 'sync-auth-initiator' | 'sync-auth-responder' | 'bundle' | 'device-card';

const contextPrefixes = new Map<SignatureContext, Uint8Array>();

/** `sealed-roster/signature/<context>` and a zero byte: no prefix is the start of another. */
function withContext(context: SignatureContext, message: Uint8Array): Uint8Array {
  let prefix = contextPrefixes.get(context);
  if (!prefix) {
    const text = new TextEncoder().encode(`sealed-roster/signature/${context}`);
    prefix = new Uint8Array(text.length + 1);
    prefix.set(text, 0);
    contextPrefixes.set(context, prefix);
  }
  const out = new Uint8Array(prefix.length + message.length);
  out.set(prefix, 0);
  out.set(message, prefix.length);
  return out;
}

export function sign(secret: SigningSecretKey, context: SignatureContext, message: Uint8Array): Signature {
  return lib().crypto_sign_detached(withContext(context, message), secret) as Signature;
}

export function verify(
  publicKey: SigningPublicKey,
  context: SignatureContext,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    return lib().crypto_sign_verify_detached(signature, withContext(context, message), publicKey);
  } catch {
    // A malformed key or signature is an invalid signature: the answer is the result.
    return false;
  }
}

// ---------------------------------------------------------------- sealed boxes

/**
 * Anonymous encryption to a device's box key (epoch keys, bundles). Takes the
 * whole card and checks that its signing key signed the box key: nothing is
 * ever sealed to a box key a relay swapped in. Throws AppError('bad-device-card').
 */
export function sealToDevice(recipient: DeviceCard, message: Uint8Array): Uint8Array {
  return lib().crypto_box_seal(message, checkedCard(recipient).boxPublic);
}

export function openSealedToMe(identity: DeviceIdentity, sealed: Uint8Array): Uint8Array {
  try {
    return lib().crypto_box_seal_open(sealed, identity.boxPublic, identity.boxSecret);
  } catch {
    throw new AppError('decrypt-failed', 'sealed box is not for this device');
  }
}

// ---------------------------------------------------------------- hashing

/** BLAKE2b-256; `key` makes it a MAC / keyed hash. */
export function hash(data: Uint8Array, key: Uint8Array | null = null): Hash {
  return lib().crypto_generichash(32, data, key) as Hash;
}

/** Derives a named subkey so one secret never serves two purposes. */
export function deriveSubkey(key: Uint8Array, purpose: string): SymmetricKey {
  return hash(utf8Encode(`sealed-roster/${purpose}`), key) as unknown as SymmetricKey;
}

// ---------------------------------------------------------------- session keys

/** X25519 key exchange for a sync session; both sides get matching rx/tx keys. */
export function newKxKeyPair(): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const kp = lib().crypto_kx_keypair();
  return { publicKey: kp.publicKey, secretKey: kp.privateKey };
}

export function sessionKeys(
  role: 'client' | 'server',
  mine: { publicKey: Uint8Array; secretKey: Uint8Array },
  theirPublic: Uint8Array,
): SessionKeys {
  const s = lib();
  try {
    const keys =
      role === 'client'
        ? s.crypto_kx_client_session_keys(mine.publicKey, mine.secretKey, theirPublic)
        : s.crypto_kx_server_session_keys(mine.publicKey, mine.secretKey, theirPublic);
    return { rx: keys.sharedRx as SymmetricKey, tx: keys.sharedTx as SymmetricKey };
  } catch {
    throw new AppError('sync-protocol', 'bad key exchange public key');
  }
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
