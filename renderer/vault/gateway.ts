/**
 * What the UI needs from the encrypted vault. The views depend on this
 * interface only; `engine.ts` implements it over shared/vault.
 */
import type * as Y from 'yjs';
import type { RosterIndex } from '../../shared/model/roster-index';
import type { Schedule, ExternalBackupStatus, VaultGuard } from '../../shared/ipc/contract';
import type { SpaceSummary, Vault } from '../../shared/vault';
import type { DeviceId } from '../../shared/crypto';
import type { RestoreOutcome, StartState } from './backups';

export type { BackupSummary, RestoreOutcome, StartState } from './backups';

/** A space as the switcher lists it: the vault's own summary (its id and its name). */
export type { SpaceSummary } from '../../shared/vault';

/** One signed change: who (device id), when (author's clock, ms), which records (`collection/id`). */
export interface ChangeRecord {
  readonly id: string;
  /** The device that signed it: shown by its number, as Sharing shows it (renderer/views/sharing/words.ts). */
  readonly author: DeviceId;
  /** Its place in the author's chain. */
  readonly seq: number;
  readonly at: number;
  readonly records: readonly string[];
}

/** What a passphrase change also replaces (shared/vault/rotation.ts). */
export interface KeyChangeOptions {
  /** A new recovery key, already shown to the organizer (newRecoveryKey()); omitted: keep the current one. */
  readonly recoveryKey?: string;
  /** A new master key too (needs a new recovery key). Open spaces are closed and reopen under it. */
  readonly newMasterKey?: boolean;
}

export interface PreparedPassphraseChange {
  apply(options?: KeyChangeOptions): Promise<void>;
}

/** Folder backups and the erase-after-N setting, for Settings (absent where there is no backup folder). */
export interface BackupSettings {
  status(): Promise<{ external: ExternalBackupStatus; guard: VaultGuard; lastCopyAt: number | null }>;
  chooseFolder(): Promise<ExternalBackupStatus>;
  setSchedule(every: Schedule): Promise<ExternalBackupStatus>;
  saveNow(): Promise<ExternalBackupStatus>;
  setWipeAfter(wipeAfter: number | null): Promise<VaultGuard>;
}

/** An unlocked vault: keys are in memory until `lock()`. */
export interface UnlockedVault {
  /** This device's id (its public signing key), shown as the author of changes. */
  readonly deviceId: string;
  listSpaces(): Promise<SpaceSummary[]>;
  createSpace(name: string): Promise<SpaceSummary>;
  /** A new name for a space this device holds (its own, never sent). */
  renameSpace(id: string, name: string): Promise<void>;
  /**
   * The space's document; local changes are sealed and stored by the vault.
   * Rejects with AppError('vault-tampered') carrying `findings` when its
   * stored records were changed outside the app; `despiteTampering` goes on
   * with what checks out (SECURITY.md "At rest").
   */
  openSpace(id: string, options?: { readonly despiteTampering?: boolean }): Promise<Y.Doc>;
  /**
   * What the roster shows of a space, from its sealed read index, before openSpace: undefined when
   * there is none exactly as new as the stored state (shared/vault/read-index.ts). With one, the
   * openSpace that follows loads the document at a lower priority than the window's own work.
   */
  previewSpace?(id: string): Promise<RosterIndex | undefined>;
  /**
   * Called with the roster of an admin's checkpoint that is on its way from a peer (its roster index
   * came first: ARCHITECTURE.md "Checkpoints and compaction"), then with undefined once the
   * checkpoint is taken and the document holds it. Nothing of it is stored. Returns an unsubscribe.
   */
  onCheckpointPreview?(id: string, listener: (roster: RosterIndex | undefined) => void): Promise<() => void>;
  /**
   * Called with a new document when the vault rebuilt a space's document (an organizer's
   * removal withdrew changes already shown); the old one is destroyed. Returns an unsubscribe.
   */
  onDocReplaced?(id: string, listener: (doc: Y.Doc) => void): Promise<() => void>;
  /** The space's signed changes, oldest first, except those whose id is in `known` (only the others are decrypted). */
  history(spaceId: string, known?: ReadonlySet<string>): Promise<ChangeRecord[]>;
  /**
   * When this device last compacted the space (ms since 1970), or null: its history is complete.
   * Changes before it are gone from this computer (ARCHITECTURE.md "Checkpoints and compaction").
   */
  compactedAt?(spaceId: string): Promise<number | null>;
  /** Called after new entries of a space were stored (a local batch, or a peer's); returns an unsubscribe. */
  onStored(spaceId: string, listener: () => void): Promise<() => void>;
  /** Writes every change shown on screen to the disk (the store and its second copy). */
  flush(): Promise<void>;
  /**
   * The slow part of a passphrase change (Argon2id for both passphrases, in a worker) and the
   * check of the current one: throws AppError('wrong-passphrase') and changes nothing when it is
   * wrong. `apply` then writes the change (one transaction).
   */
  preparePassphraseChange(current: string, next: string): Promise<PreparedPassphraseChange>;
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
  /** What the app opens on: a first run, the unlock screen, or a vault the browser's store lost. */
  start(): Promise<StartState>;
  /** Throws AppError('vault-exists'). */
  create(passphrase: string): Promise<CreatedVault>;
  /**
   * Throws AppError('wrong-passphrase'); nothing stored changes, except the count of wrong
   * attempts: at the organizer's limit the vault is erased (AppError('vault-erased')).
   */
  unlock(passphrase: string): Promise<UnlockedVault>;
  /** Throws AppError('wrong-recovery-key'), counted like a wrong passphrase. */
  unlockWithRecoveryKey(recoveryKey: string): Promise<UnlockedVault>;
  /** Wrong attempts so far and the limit, for the unlock screen (null where nothing is counted). */
  guard(): Promise<VaultGuard | null>;
  /**
   * The recovery screen for a store that opened but could not be read at unlock (a damaged record);
   * null where there is no backup folder to restore from.
   */
  damaged(): Promise<StartState | null>;
  /** Restores a lost store from the backup folder or a backup file; null when cancelled or there is none. */
  restore(source: 'backup' | 'file'): Promise<RestoreOutcome | null>;
  /** Erases the vault on this computer (its store, its second copy, the marker): panic, or starting over. */
  erase(): Promise<void>;
  /** Folder backups and the erase setting; null without a backup folder (a plain browser tab). */
  readonly backups: BackupSettings | null;
}
