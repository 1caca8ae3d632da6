/**
 * A stored record that could not be used (bad bytes, failed decode, failed
 * decryption), a record changed outside the app (TamperFinding), or a write
 * that failed. It is reported so the UI can say so, and left in place:
 * nothing is deleted silently. Fields name ids only, never member data.
 */
import type { DeviceId, SpaceId } from '../crypto';
import type { ErrorCode } from '../errors';
import { AppError, isAppError } from '../errors';
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
  | { readonly kind: 'save'; readonly space: SpaceId; readonly code: ErrorCode }
  /** One of this device's changes was too large to store: kept out of the log and undone (shared/log/batcher.ts). */
  | { readonly kind: 'too-large'; readonly space: SpaceId; readonly code: ErrorCode }
  /** Notes past retention could not be removed from the disk yet (compaction failed; tried again later). */
  | { readonly kind: 'retention'; readonly space: SpaceId; readonly code: ErrorCode }
  /** Stored records differ from what this vault wrote (SECURITY.md "At rest"). */
  | { readonly kind: 'tampered'; readonly finding: TamperFinding };

/**
 * Which kind of stored record a finding is about:
 * - access-entry / content-entry: a change of the access log (organizers,
 *   roles, keys) or of the space's content (members, notes...);
 * - snapshot: the saved copy of a space's document;
 * - checkpoint: what a space's compacted changes held (shared/vault/checkpoint.ts);
 * - set-aside: the list of changes left out after an organizer's removal;
 * - space: the record naming a space;
 * - private: a small record of another module (pending invites, sync settings);
 * - manifest: the vault's own record of what it holds (manifest.ts).
 */
export type TamperedRecord =
  'access-entry' | 'content-entry' | 'snapshot' | 'checkpoint' | 'set-aside' | 'space' | 'private' | 'manifest';

/**
 * added: there, but the vault never wrote it (or not there, for its name);
 * removed: the vault wrote it, and it is gone;
 * altered: there, but its bytes are not the ones the vault wrote;
 * rolled-back: an older copy of what the vault wrote was put back.
 */
export type TamperChange = 'added' | 'removed' | 'altered' | 'rolled-back';

/** One difference between the store and what this vault wrote, found at unlock. Ids and counts only. */
export interface TamperFinding {
  readonly record: TamperedRecord;
  readonly change: TamperChange;
  /** The space it belongs to (none for the manifest and private records). */
  readonly space?: SpaceId;
  /** For entries: whose chain, and which seqs when known. */
  readonly author?: DeviceId;
  readonly seqs?: readonly number[];
  /** How many records. */
  readonly count: number;
}

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

/** Thrown by openSpace: the store differs from what the vault wrote; nothing was used or written. */
export class TamperedSpaceError extends AppError {
  constructor(readonly findings: readonly TamperFinding[]) {
    super('vault-tampered', `stored records were changed outside the app (${findings.length} findings)`);
  }
}

export function isTamperedSpaceError(e: unknown): e is TamperedSpaceError {
  return e instanceof TamperedSpaceError;
}
