/**
 * What the sync service remembers between unlocks, sealed in the vault
 * (vault.putPrivate): when each device last synced, which spaces sync over
 * the internet, and the LAN port last listened on (asked for again, so an
 * address handed out keeps working). Device ids are public keys; still,
 * nothing here is written in clear.
 */
import { utf8Decode, utf8Encode, type SpaceId } from '../../shared/crypto';
import type { Vault } from '../../shared/vault';

const RECORD = 'sync:saved';

export interface Saved {
  readonly lastSynced: Record<string, number>;
  readonly internet: SpaceId[];
  readonly port?: number;
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
    const port = Number.isInteger(value.port) && value.port! >= 1 && value.port! <= 65535 ? value.port : undefined;
    return { lastSynced, internet, ...(port !== undefined && { port }) };
  } catch {
    return empty; // a preference that cannot be read is not worth failing the unlock for
  }
}

export function writeSaved(vault: Vault, saved: Saved): Promise<void> {
  return vault.putPrivate(RECORD, utf8Encode(JSON.stringify(saved)));
}
