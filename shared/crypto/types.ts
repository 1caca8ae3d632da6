/**
 * Branded types: a 32-byte array that is a signing key cannot be passed where
 * a box key or a symmetric key is expected. Brands cost nothing at run time.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type SigningPublicKey = Brand<Uint8Array, 'SigningPublicKey'>;
export type SigningSecretKey = Brand<Uint8Array, 'SigningSecretKey'>;
export type BoxPublicKey = Brand<Uint8Array, 'BoxPublicKey'>;
export type BoxSecretKey = Brand<Uint8Array, 'BoxSecretKey'>;
/** 32 random bytes used with XChaCha20-Poly1305. */
export type SymmetricKey = Brand<Uint8Array, 'SymmetricKey'>;
export type Signature = Brand<Uint8Array, 'Signature'>;
/** BLAKE2b-256 digest. */
export type Hash = Brand<Uint8Array, 'Hash'>;

/** A device is named by its Ed25519 public key, base64url without padding. */
export type DeviceId = Brand<string, 'DeviceId'>;
/** A space is named by 16 random bytes, base64url. */
export type SpaceId = Brand<string, 'SpaceId'>;

export interface DeviceIdentity {
  readonly signPublic: SigningPublicKey;
  readonly signSecret: SigningSecretKey;
  readonly boxPublic: BoxPublicKey;
  readonly boxSecret: BoxSecretKey;
}

/** A device's two public keys: what a safety number covers. */
export interface PublicKeys {
  readonly signPublic: SigningPublicKey;
  readonly boxPublic: BoxPublicKey;
}

/**
 * What a device shows others about itself: public halves only. The box key
 * is signed by the signing key (context 'device-card'), so whoever relays a
 * card cannot swap in a box key of their own (SECURITY.md "Device cards and invites").
 */
export interface DeviceCard extends PublicKeys {
  readonly id: DeviceId;
  readonly boxSignature: Signature;
}

/**
 * Argon2id parameters stored beside the salt, so that a later version can
 * raise the cost and still open vaults made with the old one.
 */
export interface KdfParams {
  readonly algorithm: 'argon2id13';
  readonly salt: Uint8Array;
  readonly opsLimit: number;
  readonly memLimit: number;
}

export interface Sealed {
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface SessionKeys {
  readonly rx: SymmetricKey;
  readonly tx: SymmetricKey;
}
