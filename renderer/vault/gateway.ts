/**
 * What the UI needs from the encrypted vault. The views depend on this
 * interface only; `engine.ts` implements it over shared/vault.
 */
import type * as Y from 'yjs';
import type { Vault } from '../../shared/vault';

export interface SpaceSummary {
  readonly id: string;
  readonly name: string;
}

/** One signed change: who (device id), when (author's clock, ms), which records (`collection/id`). */
export interface ChangeRecord {
  readonly id: string;
  readonly author: string;
  readonly at: number;
  readonly records: readonly string[];
}

/** An unlocked vault: keys are in memory until `lock()`. */
export interface UnlockedVault {
  /** This device's id (its public signing key), shown as the author of changes. */
  readonly deviceId: string;
  listSpaces(): Promise<SpaceSummary[]>;
  createSpace(name: string): Promise<SpaceSummary>;
  /**
   * The space's document; local changes are sealed and stored by the vault.
   * Rejects with AppError('vault-tampered') carrying `findings` when its
   * stored records were changed outside the app; `despiteTampering` goes on
   * with what checks out (SECURITY.md "At rest").
   */
  openSpace(id: string, options?: { readonly despiteTampering?: boolean }): Promise<Y.Doc>;
  /**
   * Called with a new document when the vault rebuilt a space's document (an organizer's
   * removal withdrew changes already shown); the old one is destroyed. Returns an unsubscribe.
   */
  onDocReplaced?(id: string, listener: (doc: Y.Doc) => void): Promise<() => void>;
  /** Signed content entries of a space, oldest first, with the records each one touched. */
  history(spaceId: string): Promise<ChangeRecord[]>;
  /** Writes pending changes, drops every key and document. */
  lock(): Promise<void>;
  /** The engine vault, for the sync service (renderer/sync); absent on a stand-in. */
  readonly engine?: Vault;
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
