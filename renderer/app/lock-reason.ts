/**
 * Why the vault locked, so the locked screen can say it: the lock button, no input for a while,
 * the OS (screen lock, sleep), or a new master key (unlock with the new passphrase).
 */
export type LockReason = 'manual' | 'idle' | 'system' | 'keys-changed';
