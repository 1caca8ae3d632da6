export {
  createVault,
  createVaultWithKey,
  unlockVault,
  unlockWithRecoveryKey,
  unlockWithPassphraseKey,
  readKdfParams,
  passphraseKey,
  vaultExists,
} from './unlock';
export type { CreateVaultOptions, CreatedVault } from './unlock';
export { Vault, type VaultOptions, type SpaceSummary, type OpenSpaceOptions } from './vault';
export { newRecoveryKey } from './recovery-key';
export { SpaceHandle, type SpaceHeads } from './space-handle';
export { AccessAdmin, type AdministeredSpace } from './access-admin';
export type { ReceiveReport } from './space-receive';
export type { HistoryItem } from './history';
export { historyOrder } from './history';
export { REMOTE_ORIGIN } from './space-load';
export type { SaveState, StoreProblem, TamperChange, TamperedRecord, TamperFinding } from '../store/problems';
export { TamperedSpaceError, isTamperedSpaceError } from '../store/problems';
export type { IdbEnvironment } from '../store/indexeddb-types';
