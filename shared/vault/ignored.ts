/**
 * The record of a space's ignored content entries: stored, but left out of
 * the document because the access log withdrew their author's right after
 * they were applied (invalidation.ts). One sealed private record per space
 * (META, under the vault's meta key); it names authors and seqs only. The
 * manifest names its generation: deleting it, or putting back an older copy
 * (which would bring withdrawn changes back), is found at unlock
 * (SECURITY.md "At rest").
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DeviceId, SpaceId } from '../crypto';
import { AppError } from '../errors';
import { privateRef, TamperError, type RecordRef } from '../store/binding';
import type { Manifest } from '../store/manifest';
import type { Database } from '../store/database';
import type { PrivateRecord } from '../store/records';
import { openPrivate, sealPrivate, type MasterKeys } from './keys';

export interface IgnoredEntry {
  readonly author: DeviceId;
  readonly seq: number;
}

const VERSION = 1;

function name(space: SpaceId): string {
  return `ignored-content/${space}`;
}

/** Where a space's record is stored, and its name in the manifest. */
export function ignoredRef(space: SpaceId): RecordRef {
  return privateRef(name(space));
}

export function ignoredId(author: DeviceId, seq: number): string {
  return `${author}/${seq}`;
}

/** `generation`: from the store's nextGeneration(). */
export function sealIgnored(
  keys: MasterKeys,
  space: SpaceId,
  entries: readonly IgnoredEntry[],
  generation: number,
): PrivateRecord {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, VERSION);
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarString(e, x.author);
    encoding.writeVarUint(e, x.seq);
  }
  return sealPrivate(keys, name(space), encoding.toUint8Array(e), generation);
}

/**
 * The ignored entries of a space (none when there is no record and the
 * manifest names none). Throws TamperError when the record is not the one
 * the manifest names (or is missing), AppError('vault-corrupt').
 */
export async function readIgnored(
  db: Database,
  keys: MasterKeys,
  manifest: Manifest,
  space: SpaceId,
): Promise<IgnoredEntry[]> {
  const ref = ignoredRef(space);
  const named = manifest.records.get(ref.name);
  const stored = await db.get(ref.store, ref.key);
  if (stored === undefined) {
    if (named === undefined) return [];
    throw new TamperError('removed', 'the set-aside record is missing');
  }
  const plain = openPrivate(keys, name(space), stored, named);
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
