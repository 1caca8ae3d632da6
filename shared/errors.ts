/**
 * Every failure a user can meet carries a stable `code`. The renderer turns the
 * code into a plain sentence in the user's language; the `message` is for
 * developers and must never contain member data.
 */
export type ErrorCode =
  | 'crypto-not-ready'
  | 'wrong-passphrase'
  | 'wrong-recovery-key'
  | 'vault-locked'
  | 'vault-missing'
  | 'vault-exists'
  | 'vault-corrupt'
  /** Stored records were changed outside the app (SECURITY.md "At rest"): see TamperFinding. */
  | 'vault-tampered'
  | 'storage-failed'
  | 'decrypt-failed'
  | 'bad-signature'
  | 'bad-entry'
  | 'entry-fork'
  /** Compressed data that would unpack past the app's limits (a decompression bomb). */
  | 'over-compressed'
  /** One local change larger than any reader takes (shared/log entryFits): kept out of the log and undone. */
  | 'change-too-large'
  | 'not-allowed'
  | 'unknown-space'
  | 'invalid-data'
  | 'record-missing'
  | 'schema-too-new'
  | 'bad-bundle'
  | 'bad-device-card'
  | 'bad-csv'
  | 'sync-protocol'
  | 'sync-unknown-device'
  | 'sync-frame-too-large'
  | 'sync-closed'
  | 'invite-invalid'
  | 'ipc-bad-request'
  | 'ipc-forbidden-sender'
  | 'ipc-failed'
  | 'file-too-large'
  | 'file-failed'
  | 'net-failed'
  // crash safety and backups
  | 'bad-backup'
  | 'backup-unavailable'
  | 'vault-erased'
  /** A sample chapter is already being created: one at a time. */
  | 'sample-busy';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown, code?: ErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}
