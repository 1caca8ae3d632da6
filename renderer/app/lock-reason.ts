/** Why the vault locked, so the locked screen can say it: the lock button, no input for a while, or the OS (screen lock, sleep). */
export type LockReason = 'manual' | 'idle' | 'system';
