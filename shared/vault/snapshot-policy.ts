/**
 * When a space writes its local snapshot. A snapshot re-encodes, seals and
 * stores the whole merged state (41 MB for the 10k-member chapter, seconds of
 * work), so it is never taken per N entries while entries stream in:
 *
 * - when the space has been idle (no new entry) for `idleMs`;
 * - on close / lock (SpaceHandle.close);
 * - at once when the entries since the last snapshot exceed a byte budget
 *   proportional to the state: max(minBytes, bytes of the last snapshot).
 *   Unlock replays at most that much beyond the snapshot, so unlock time
 *   stays within ~2x of a snapshot-only unlock however long a sync runs.
 *
 * Unlock stays correct whatever the timing: it replays every stored entry
 * past the snapshot's heads. (Plaintext y-indexeddb does the same: it
 * compacts 1 s after the last update once 500 are stored.)
 */
import { timers } from '../timers';

export interface SnapshotPolicyOptions {
  /** Quiet period after the last new entry before a snapshot is written. Default 3000 ms. */
  readonly idleMs?: number;
  /** Smallest byte budget of entries since the last snapshot. Default 16 MiB. */
  readonly minBytes?: number;
}

export const DEFAULT_SNAPSHOT_IDLE_MS = 3000;
export const DEFAULT_SNAPSHOT_MIN_BYTES = 16 * 1024 * 1024;

/** What the store held at load: entries past the snapshot, and the snapshot's size. */
export interface SnapshotBacklog {
  readonly entries: number;
  readonly bytes: number;
  readonly snapshotBytes: number;
}

export class SnapshotPolicy {
  private entries: number;
  private bytes: number;
  private snapshotBytes: number;
  private timer: unknown = null;
  private readonly idleMs: number;
  private readonly minBytes: number;

  constructor(
    options: SnapshotPolicyOptions,
    backlog: SnapshotBacklog,
    /** Called when the space has been idle for `idleMs` with entries not in a snapshot. */
    private readonly onIdle: () => void,
  ) {
    this.idleMs = options.idleMs ?? DEFAULT_SNAPSHOT_IDLE_MS;
    this.minBytes = options.minBytes ?? DEFAULT_SNAPSHOT_MIN_BYTES;
    this.entries = backlog.entries;
    this.bytes = backlog.bytes;
    this.snapshotBytes = backlog.snapshotBytes;
  }

  /** Entries not yet covered by a snapshot. */
  get pending(): number {
    return this.entries;
  }

  /** New entries were stored; true when the budget is spent and a snapshot should be written now. */
  added(entries: number, bytes: number): boolean {
    this.entries += entries;
    this.bytes += bytes;
    if (this.bytes > Math.max(this.minBytes, this.snapshotBytes)) return true;
    this.arm();
    return false;
  }

  /** A snapshot of `size` bytes now covers everything so far. */
  taken(size: number): void {
    this.entries = 0;
    this.bytes = 0;
    this.snapshotBytes = size;
    this.stop();
  }

  /** A snapshot that was due was not written (an edit came first): tried again when the space is quiet. */
  missed(): void {
    if (this.entries > 0) this.arm();
  }

  stop(): void {
    if (this.timer !== null) timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    this.stop();
    this.timer = timers.setTimeout(() => {
      this.timer = null;
      if (this.entries > 0) this.onIdle();
    }, this.idleMs);
    // Node: a pending snapshot must not keep a process (a test, a CLI) alive; browsers return a number.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
