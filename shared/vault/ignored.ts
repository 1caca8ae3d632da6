/**
 * The record of a space's ignored content entries: stored, but left out of
 * the document because the access log withdrew their author's right after
 * they were applied (invalidation.ts). One sealed private record per space
 * (META, under the vault's meta key); it names authors and seqs only.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DeviceId, Sealed, SpaceId } from '../crypto';
import { AppError } from '../errors';
import type { Database } from '../store/database';
import { META } from '../store/records';
import { openPrivate, PRIVATE_KEY_PREFIX, sealPrivate, type MasterKeys } from './keys';

export interface IgnoredEntry {
  readonly author: DeviceId;
  readonly seq: number;
}

const VERSION = 1;

function name(space: SpaceId): string {
  return `ignored-content/${space}`;
}

/** The META key of a space's record. */
export function ignoredKey(space: SpaceId): string {
  return PRIVATE_KEY_PREFIX + name(space);
}

export function ignoredId(author: DeviceId, seq: number): string {
  return `${author}/${seq}`;
}

export function sealIgnored(keys: MasterKeys, space: SpaceId, entries: readonly IgnoredEntry[]): Sealed {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, VERSION);
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarString(e, x.author);
    encoding.writeVarUint(e, x.seq);
  }
  return sealPrivate(keys, name(space), encoding.toUint8Array(e));
}

/** The ignored entries of a space (none when there is no record). Throws AppError('vault-corrupt'). */
export async function readIgnored(db: Database, keys: MasterKeys, space: SpaceId): Promise<IgnoredEntry[]> {
  const stored = await db.get(META, ignoredKey(space));
  if (stored === undefined) return [];
  const plain = openPrivate(keys, name(space), stored);
  try {
    const d = decoding.createDecoder(plain);
    if (decoding.readUint8(d) !== VERSION) throw new AppError('vault-corrupt', 'unknown ignored-entries version');
    const out: IgnoredEntry[] = [];
    for (let i = decoding.readVarUint(d); i > 0; i--) {
      out.push({ author: decoding.readVarString(d) as DeviceId, seq: decoding.readVarUint(d) });
    }
    return out;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('vault-corrupt', 'ignored-entries record is malformed');
  }
}
