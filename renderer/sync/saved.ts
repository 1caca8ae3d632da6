/**
 * What the sync service remembers between unlocks, sealed in the vault
 * (vault.putPrivate): when each device last synced, and which spaces sync
 * over the internet. Device ids are public keys; still, nothing here is
 * written in clear.
 */
import { utf8Decode, utf8Encode, type SpaceId } from '../../shared/crypto';
import type { Vault } from '../../shared/vault';

const RECORD = 'sync:saved';

export interface Saved {
  readonly lastSynced: Record<string, number>;
  readonly internet: SpaceId[];
}

export async function readSaved(vault: Vault): Promise<Saved> {
  const empty: Saved = { lastSynced: {}, internet: [] };
  try {
    const bytes = await vault.getPrivate(RECORD);
    if (!bytes) return empty;
    const value = JSON.parse(utf8Decode(bytes)) as Partial<Saved>;
    const lastSynced = Object.fromEntries(
      Object.entries(value.lastSynced ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
    const internet = (Array.isArray(value.internet) ? value.internet : []).filter(
      (s): s is SpaceId => typeof s === 'string',
    );
    return { lastSynced, internet };
  } catch {
    return empty; // a preference that cannot be read is not worth failing the unlock for
  }
}

export function writeSaved(vault: Vault, saved: Saved): Promise<void> {
  return vault.putPrivate(RECORD, utf8Encode(JSON.stringify(saved)));
}
