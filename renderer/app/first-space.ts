import type { SpaceSummary, UnlockedVault } from '../vault';

/**
 * The vault's spaces, after making sure there is at least one. Checked once per
 * unlocked vault, so two calls at once (React may run an effect twice) cannot
 * create two first spaces.
 */
const firstSpaceEnsured = new WeakMap<UnlockedVault, Promise<void>>();
export async function spacesOrFirstSpace(vault: UnlockedVault): Promise<SpaceSummary[]> {
  let ensured = firstSpaceEnsured.get(vault);
  if (!ensured) {
    ensured = vault.listSpaces().then(async (list) => {
      // Unnamed: each device shows it in its own language (renderer/components/space-names.ts).
      if (list.length === 0) await vault.createSpace('');
    });
    firstSpaceEnsured.set(vault, ensured);
    ensured.catch(() => firstSpaceEnsured.delete(vault));
  }
  await ensured;
  return vault.listSpaces();
}
