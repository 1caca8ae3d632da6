/**
 * The signed side of compaction (ARCHITECTURE.md "Checkpoints and compaction"): which signed
 * checkpoint a compacted space keeps to send peers that lack what it dropped, and when one may be
 * sent. The space handle writes the local checkpoint (checkpoint.ts) with it.
 */
import { deviceIdOf, type DeviceId, type DeviceIdentity, type SpaceId } from '../crypto';
import { isAppError } from '../errors';
import type { ChainHead } from '../log/chain';
import { createCheckpointEntry, decodeCheckpointEntry } from '../log/checkpoint-entry';
import type { SpaceAccess } from '../space';

/**
 * A checkpoint of `state` signed by this device, when it is an admin (only an admin's is taken by
 * peers: checkpoint-receive.ts) and the state fits one; else undefined (compaction stays local).
 */
export function signCheckpoint(
  access: SpaceAccess,
  identity: DeviceIdentity,
  space: SpaceId,
  content: readonly ChainHead[],
  state: Uint8Array,
  at: number,
): Uint8Array | undefined {
  if (!access.canAdminister(deviceIdOf(identity.signPublic))) return undefined;
  const { epoch, key } = access.writingKey(identity);
  try {
    return createCheckpointEntry(identity, {
      space,
      epoch: { number: epoch, key },
      at,
      access: access.heads(),
      content,
      state,
    }).bytes;
  } catch (e) {
    if (isAppError(e, 'bad-entry')) return undefined; // too large for one: peers get the entries from others
    throw e;
  }
}

/** Whether the signed checkpoint covers every compacted base, so a peer sent it and the tail misses nothing. */
export function coversBases(signed: Uint8Array, bases: ReadonlyMap<DeviceId, number>): boolean {
  const heads = new Map(decodeCheckpointEntry(signed).header.content.map((h) => [h.author, h.seq]));
  return [...bases].every(([author, base]) => (heads.get(author) ?? 0) >= base);
}
