/**
 * A stored record that could not be used (bad bytes, failed decode, failed
 * decryption), or a write that failed. It is reported so the UI can say so, and left in place:
 * nothing is deleted silently. Fields name ids only, never member data.
 */
import type { DeviceId, SpaceId } from '../crypto';
import type { ErrorCode } from '../errors';
import { isAppError } from '../errors';
import type { LogKind } from '../log/entry';

export type StoreProblem =
  | {
      readonly kind: 'entry';
      readonly space: SpaceId;
      readonly log: LogKind;
      readonly author: DeviceId;
      readonly seq: number;
      readonly code: ErrorCode;
    }
  | { readonly kind: 'snapshot'; readonly space: SpaceId; readonly code: ErrorCode }
  | { readonly kind: 'space-keys'; readonly space: SpaceId; readonly code: ErrorCode }
  /** This device's own changes could not be written (kept in memory, retried: see SaveState). */
  | { readonly kind: 'save'; readonly space: SpaceId; readonly code: ErrorCode };

/**
 * Whether a space's own changes are all on disk. `unsaved` counts changes
 * shown on screen and not yet durable (edits waiting to be sealed count as
 * one, then each entry until it is written to the store and its second
 * copy): above 0 the UI says "saving", at 0 "saved". `code` is set while
 * writes fail (the changes are held in memory and retried).
 */
export interface SaveState {
  readonly space: SpaceId;
  readonly unsaved: number;
  readonly code?: ErrorCode;
}

/** The stable code of a caught failure; anything unexpected counts as a corrupt record. */
export function problemCode(e: unknown): ErrorCode {
  return isAppError(e) ? e.code : 'vault-corrupt';
}
