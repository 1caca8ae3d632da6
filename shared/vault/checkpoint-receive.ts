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
 *
 * A checkpoint's index part (its roster index, sent before it: log/checkpoint-entry.ts) passes the
 * same rules, on its signed header, before its pieces are shown (`checkCheckpointIndex`): the index
 * is the admin's word for what the roster holds, as the state is for the document.
 */
import type { DeviceIdentity, SpaceId } from '../crypto';
import { bytesEqual } from '../crypto';
import { AppError } from '../errors';
import type { ChainAcceptor, ChainHead } from '../log/chain';
import {
  decodeCheckpointEntry,
  decodeCheckpointIndexPart,
  openCheckpointIndex,
  openCheckpointState,
  type CheckpointEntry,
  type CheckpointHeader,
} from '../log/checkpoint-entry';
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
  const jump = checkHeader(ctx, checkpoint.header);
  if (jump.length === 0) return { status: 'ignored' };
  return { status: 'take', checkpoint, state: openCheckpointState(checkpoint, keysOf(ctx, checkpoint.header)), jump };
}

/**
 * A checkpoint's index part, checked as the checkpoint it belongs to would be: its pieces (the
 * roster index, opaque here), or 'ignored' when this device would ignore that checkpoint (it holds
 * what it covers). Throws the same refusals as checkCheckpoint.
 */
export function checkCheckpointIndex(
  ctx: CheckpointContext,
  bytes: Uint8Array,
):
  | { readonly status: 'show'; readonly pieces: Uint8Array[]; readonly header: CheckpointHeader }
  | { status: 'ignored' } {
  const part = decodeCheckpointIndexPart(bytes);
  if (checkHeader(ctx, part.header).length === 0) return { status: 'ignored' };
  return { status: 'show', pieces: openCheckpointIndex(part, keysOf(ctx, part.header)), header: part.header };
}

/** The rules on a verified header; the chains it would move. */
function checkHeader(ctx: CheckpointContext, header: CheckpointHeader): ChainHead[] {
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
  return header.content.filter((h) => ctx.content.seqOf(h.author) < h.seq);
}

function keysOf(ctx: CheckpointContext, header: CheckpointHeader) {
  const keys = [
    ...ctx.access.epochKeys(header.epoch, ctx.identity),
    ...ctx.access.withdrawnKeys(header.epoch, ctx.identity),
  ];
  if (keys.length === 0) throw new AppError('not-allowed', 'this device holds no key for that epoch');
  return keys;
}
