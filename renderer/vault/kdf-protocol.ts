/** Messages between the renderer and its Argon2id worker (kdf-worker.ts). */
import type { KdfParams } from '../../shared/crypto';

export interface KdfRequest {
  readonly passphrase: string;
  readonly kdf: KdfParams;
}

/** The derived key, or the stable code of the AppError the derivation threw. */
export type KdfReply = { readonly key: Uint8Array } | { readonly error: string };
