/**
 * Replication messages: sent as session `data` payloads (sealed by the
 * session), one typed, versioned definition each (messages.ts).
 *
 *   heads     both sides, per space, at start: per-author heads of the
 *             access log and of the content log (what the sender holds)
 *   entries   a bounded batch of raw entries, as stored (access before content)
 *   checkpoint a signed checkpoint (log/checkpoint-entry.ts) in place of entries the sender compacted
 *             away and the receiver lacks; acknowledged like a batch (ARCHITECTURE.md "Checkpoints and compaction")
 *   checkpoint-index a signed checkpoint's index part (its roster index: log/checkpoint-entry.ts), sent
 *             just before the checkpoint, so the newcomer shows the roster before the state arrives;
 *             not acknowledged (the checkpoint that follows is)
 *   ack       the receiver stored (or rejected) a batch or a checkpoint: back-pressure
 *   again     the receiver refused content entries it could not check or open then, and its access
 *             log has moved on since: its content heads, to send from again (replacing, not merging)
 *   join      invitee -> admin: the person saw the space and the safety number, and wants to join
 *             (the admin's device has the invitee's card from the handshake)
 *   welcome   admin -> invitee: the admin confirmed and added the device; the space's name
 */
import { z } from 'zod';
import { MAX_CHECKPOINT_BYTES, MAX_CHECKPOINT_INDEX_BYTES } from '../log/checkpoint-entry';
import { byteList, bytes, createCodec, defineMessage, type MessageOf } from './messages';

/** Most authors a heads message lists per log (a space with more devices is not plausible). */
export const MAX_HEADS = 4096;
/** Most entries per batch a receiver accepts. */
export const MAX_BATCH_ENTRIES = 4096;

const spaceId = z.string().min(1).max(64);
const head = z.object({ author: z.string().min(1).max(64), seq: z.number().int().positive() });

export const Heads = defineMessage('heads', 1, {
  space: spaceId,
  access: z.array(head).max(MAX_HEADS),
  content: z.array(head).max(MAX_HEADS),
});

export const Entries = defineMessage('entries', 1, {
  space: spaceId,
  batch: z.number().int().nonnegative(),
  entries: byteList(1, MAX_BATCH_ENTRIES),
});

export const Checkpoint = defineMessage('checkpoint', 2, {
  space: spaceId,
  batch: z.number().int().nonnegative(),
  bytes: bytes().refine((b) => b.length > 0 && b.length <= MAX_CHECKPOINT_BYTES, 'checkpoint size'),
});

/** Its header and signature beside the sealed index: a little over the index's own bound. */
const MAX_INDEX_PART_BYTES = MAX_CHECKPOINT_INDEX_BYTES + 64 * 1024;

export const CheckpointIndex = defineMessage('checkpoint-index', 1, {
  space: spaceId,
  bytes: bytes().refine((b) => b.length > 0 && b.length <= MAX_INDEX_PART_BYTES, 'checkpoint index size'),
});

export const Ack = defineMessage('ack', 1, { space: spaceId, batch: z.number().int().nonnegative() });

export const Again = defineMessage('again', 1, { space: spaceId, content: z.array(head).max(MAX_HEADS) });

export const Join = defineMessage('join', 2, { space: spaceId });

export const Welcome = defineMessage('welcome', 1, { space: spaceId, name: z.string().max(200) });

export const replicationCodec = createCodec([Heads, Entries, Checkpoint, CheckpointIndex, Ack, Again, Join, Welcome]);
export type ReplicationMessage = MessageOf<
  | typeof Heads
  | typeof Entries
  | typeof Checkpoint
  | typeof CheckpointIndex
  | typeof Ack
  | typeof Again
  | typeof Join
  | typeof Welcome
>;
export type HeadsMessage = MessageOf<typeof Heads>;
