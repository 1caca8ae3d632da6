/** The vault the app runs on. */
import { engineGateway } from './engine';
import type { VaultGateway } from './gateway';

export function defaultGateway(): VaultGateway {
  return engineGateway();
}
export type { VaultGateway, UnlockedVault, SpaceSummary, CreatedVault, ChangeRecord } from './gateway';
