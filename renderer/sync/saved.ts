/**
 * What the sync service remembers between unlocks, sealed in the vault
 * (vault.putPrivate): when each device last synced, which spaces sync over
 * the internet, the LAN port last listened on (asked for again, so an
 * address handed out keeps working), and what each organizer's device is
 * known to hold (the vault's one record of it, shared/vault/peer-holdings.ts), in two
 * lines: how far it holds this device's own changes, both logs (`acknowledged`, written
 * and read back by ./unsent.ts), and every author's content (`holdings`: compaction keeps
 * what a device lacks). Device ids are public keys and the rest are numbers; still,
 * nothing here is written in clear.
 */
import { utf8Decode, utf8Encode, type DeviceId, type SpaceId } from '../../shared/crypto';
import type { Vault } from '../../shared/vault';
import type { SavedHoldings } from '../../shared/vault/peer-holdings';

const RECORD = 'sync:saved';
/** v2 added `acknowledged`, v3 `holdings`. An older record (pre-release) is read without them. */
const SAVED_VERSION = 3;

/** The highest seq of this device's own access and content entries a device is known to hold. */
export interface Held {
  readonly access: number;
  readonly content: number;
}

/** Per space, per organizer's device: what it is known to hold of this device's changes. */
export type Acknowledged = Readonly<Record<SpaceId, Readonly<Record<DeviceId, Held>>>>;

export interface Saved {
  readonly lastSynced: Record<string, number>;
  readonly internet: SpaceId[];
  readonly port?: number;
  readonly acknowledged: Acknowledged;
  /** Per space, per device, per author: the highest content seq that device is known to hold. */
  readonly holdings: SavedHoldings;
}

const isSeq = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keeps the well-formed entries of a stored `acknowledged` (anything else counts as never acknowledged). */
function readAcknowledged(value: unknown): Acknowledged {
  if (!isObject(value)) return {};
  const out: Record<SpaceId, Record<DeviceId, Held>> = {};
  for (const [space, devices] of Object.entries(value)) {
    if (!isObject(devices)) continue;
    const held: Record<DeviceId, Held> = {};
    for (const [device, h] of Object.entries(devices)) {
      if (isObject(h) && isSeq(h.access) && isSeq(h.content))
        held[device as DeviceId] = { access: h.access, content: h.content };
    }
    out[space as SpaceId] = held;
  }
  return out;
}

/** Keeps the well-formed seqs of a stored `holdings` (anything else counts as not known to be held). */
function readHoldings(value: unknown): SavedHoldings {
  if (!isObject(value)) return {};
  const out: Record<SpaceId, Record<DeviceId, Record<DeviceId, number>>> = {};
  for (const [space, devices] of Object.entries(value)) {
    if (!isObject(devices)) continue;
    const held: Record<DeviceId, Record<DeviceId, number>> = {};
    for (const [device, seqs] of Object.entries(devices)) {
      if (!isObject(seqs)) continue;
      held[device as DeviceId] = Object.fromEntries(Object.entries(seqs).filter(([, seq]) => isSeq(seq))) as Record<
        DeviceId,
        number
      >;
    }
    out[space as SpaceId] = held;
  }
  return out;
}

export async function readSaved(vault: Vault): Promise<Saved> {
  const empty: Saved = { lastSynced: {}, internet: [], acknowledged: {}, holdings: {} };
  try {
    const bytes = await vault.getPrivate(RECORD);
    if (!bytes) return empty;
    const value = JSON.parse(utf8Decode(bytes)) as Partial<Saved> & { v?: unknown };
    const lastSynced = Object.fromEntries(
      Object.entries(value.lastSynced ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
    const internet = (Array.isArray(value.internet) ? value.internet : []).filter(
      (s): s is SpaceId => typeof s === 'string',
    );
    const port = Number.isInteger(value.port) && value.port! >= 1 && value.port! <= 65535 ? value.port : undefined;
    const acknowledged = value.v === SAVED_VERSION ? readAcknowledged(value.acknowledged) : {};
    const holdings = value.v === SAVED_VERSION ? readHoldings(value.holdings) : {};
    return { lastSynced, internet, acknowledged, holdings, ...(port !== undefined && { port }) };
  } catch {
    return empty; // a preference that cannot be read is not worth failing the unlock for
  }
}

export function writeSaved(vault: Vault, saved: Saved): Promise<void> {
  return vault.putPrivate(RECORD, utf8Encode(JSON.stringify({ v: SAVED_VERSION, ...saved })));
}
