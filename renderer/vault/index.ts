/** The vault the app runs on. */
import { getPlatform } from '../platform';
import { browserEnvironment, engineGateway } from './engine';
import type { VaultGateway } from './gateway';

export function defaultGateway(): VaultGateway {
  return engineGateway(browserEnvironment(), {}, getPlatform()?.api ?? null);
}
export type {
  VaultGateway,
  UnlockedVault,
  SpaceSummary,
  CreatedVault,
  ChangeRecord,
  KeyChangeOptions,
  PreparedPassphraseChange,
  BackupSettings,
  BackupSummary,
  RestoreOutcome,
  StartState,
} from './gateway';
