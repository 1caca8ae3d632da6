/**
 * What the UI needs from the encrypted vault. The views depend on this
 * interface only; `standin.ts` implements it until shared/vault lands, then
 * an adapter over the real engine replaces it (one line in `index.ts`).
 */
import type * as Y from 'yjs';

export interface SpaceSummary {
  readonly id: string;
  readonly name: string;
}

/** An unlocked vault: keys are in memory until `lock()`. */
export interface UnlockedVault {
  /** This device's id (its public signing key), shown as the author of changes. */
  readonly deviceId: string;
  listSpaces(): Promise<SpaceSummary[]>;
  createSpace(name: string): Promise<SpaceSummary>;
  /** The space's document; local changes are sealed and stored by the vault. */
  openSpace(id: string): Promise<Y.Doc>;
  /** Writes pending changes, drops every key and document. */
  lock(): Promise<void>;
}

export interface CreatedVault {
  readonly vault: UnlockedVault;
  /** Shown once, never stored in clear. */
  readonly recoveryKey: string;
}

export interface VaultGateway {
  exists(): Promise<boolean>;
  /** Throws AppError('vault-exists'). */
  create(passphrase: string): Promise<CreatedVault>;
  /** Throws AppError('wrong-passphrase'); nothing stored changes. */
  unlock(passphrase: string): Promise<UnlockedVault>;
  /** Throws AppError('wrong-recovery-key'). */
  unlockWithRecoveryKey(recoveryKey: string): Promise<UnlockedVault>;
}
