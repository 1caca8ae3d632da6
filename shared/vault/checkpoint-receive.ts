/**
 * What a device checks before it takes a signed checkpoint from a peer (SECURITY.md "Checkpoints,
 * compaction and retention"), and which of its chains the checkpoint moves. Pure: the space handle
 * applies and stores what this returns (SpaceHandle.receiveCheckpoint).
 *
 * Rules, in order (each refusal an AppError with its code; nothing is stored):
 * - it parses within its limits and its author's signature holds ('bad-entry', 'bad-signature');
 * - it is of this space ('bad-entry');
 * - this device holds the access log it names, up to each head ('not-allowed': not yet; sync sends
 *   the access log first, so an honest sender's arrives before);
 * - its author is an admin now, in this device's access log: an editor's, a viewer's or a removed
 *   admin's checkpoint is refused ('not-allowed'). A checkpoint speaks for other authors' chains,
 *   which only an admin's word covers (an admin can already remove any of them);
 * - it covers some chain further than this device holds it; else it is ignored (a device that holds
 *   the entries has them, signed by their own authors, and needs no one's summary);
 * - it opens with a key of its epoch and unpacks within the limits ('decrypt-failed',
 *   'over-compressed').
 */
import type { DeviceIdentity, SpaceId } from '../crypto';
import { bytesEqual } from '../crypto';
import { AppError } from '../errors';
import type { ChainAcceptor, ChainHead } from '../log/chain';
import { decodeCheckpointEntry, openCheckpointState, type CheckpointEntry } from '../log/checkpoint-entry';
import type { SpaceAccess } from '../space';

export type CheckpointVerdict =
  | {
      readonly status: 'take';
      readonly checkpoint: CheckpointEntry;
      readonly state: Uint8Array;
      readonly jump: ChainHead[];
    }
  | { readonly status: 'ignored' };

export interface CheckpointContext {
  readonly space: SpaceId;
  readonly identity: DeviceIdentity;
  readonly access: SpaceAccess;
  readonly content: ChainAcceptor;
}

export function checkCheckpoint(ctx: CheckpointContext, bytes: Uint8Array): CheckpointVerdict {
  const checkpoint = decodeCheckpointEntry(bytes);
  const { header } = checkpoint;
  if (header.space !== ctx.space) throw new AppError('bad-entry', 'a checkpoint of another space');
  const accessHeads = new Map(ctx.access.heads().map((h) => [h.author, h]));
  for (const named of header.access) {
    const ours = accessHeads.get(named.author);
    if (!ours || ours.seq < named.seq) throw new AppError('not-allowed', 'the access log it rests on is not here yet');
    if (ours.seq === named.seq && !bytesEqual(ours.hash, named.hash)) {
      throw new AppError('bad-entry', 'a checkpoint names an access head this space does not have');
    }
  }
  if (!ctx.access.canAdminister(header.author)) {
    throw new AppError('not-allowed', 'only a current admin’s checkpoint is taken');
  }
  const jump = header.content.filter((h) => ctx.content.seqOf(h.author) < h.seq);
  if (jump.length === 0) return { status: 'ignored' };
  const keys = [
    ...ctx.access.epochKeys(header.epoch, ctx.identity),
    ...ctx.access.withdrawnKeys(header.epoch, ctx.identity),
  ];
  if (keys.length === 0) throw new AppError('not-allowed', 'this device holds no key for that epoch');
  return { status: 'take', checkpoint, state: openCheckpointState(checkpoint, keys), jump };
}
