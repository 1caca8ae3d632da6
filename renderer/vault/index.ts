/** The vault the app runs on. Switch this one line when the real engine is ready. */
import { standinGateway } from './standin';
import type { VaultGateway } from './gateway';

export function defaultGateway(): VaultGateway {
  return standinGateway();
}
export type { VaultGateway, UnlockedVault, SpaceSummary, CreatedVault } from './gateway';
