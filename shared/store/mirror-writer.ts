/**
 * Sends committed transactions to the copy in commit order, several per call when they queue up
 * (one fsync for all of them in main). A frame that could not be sent stays at the head of the
 * queue and goes first on the next attempt, so the copy never has a gap in the middle: its
 * writers see the failure (their edit shows as not saved and is retried) while later frames wait.
 */
import { AppError, isAppError } from '../errors';
import { timers } from '../timers';
import { frameOf, type MirrorFrame, type StoreMirror, type StoreOp } from './mirror';

/** How soon a failed send is tried again when nothing new arrives meanwhile. */
export const MIRROR_RETRY_MS = 5000;

/** Where frames go, and what it says back after each append (`S`: main's status of the copy). */
export interface MirrorAppend<S> {
  append(frames: MirrorFrame[]): Promise<S>;
}

/** How much one append may carry (the IPC contract's limits). */
export interface AppendLimits {
  readonly maxBytes: number;
  readonly maxFrames: number;
}

interface Waiting {
  readonly frame: MirrorFrame;
  readonly settle: { resolve: () => void; reject: (e: unknown) => void }[];
}

export class MirrorWriter<S = unknown> implements StoreMirror {
  private queue: Waiting[] = [];
  private sending = false;
  private retry: unknown = null;
  /** A frame the copy refused outright was dropped: only a new complete copy makes it whole again. */
  incomplete = false;
  constructor(
    private readonly target: MirrorAppend<S>,
    private readonly limits: AppendLimits,
    /** Called after each successful append (the backup coordinator decides on a new complete copy). */
    private readonly onAppended: (status: S) => void = () => undefined,
  ) {}

  /** While closed (the vault is being erased), every write is refused and nothing reaches the copy. */
  private closed = false;

  /** Refuses every write from now on, and drops what waits. */
  close(): void {
    this.closed = true;
    const failure = new AppError('vault-locked', 'the vault is being erased');
    for (const w of this.queue.splice(0)) for (const s of w.settle) s.reject(failure);
  }

  /** Takes writes again (a new vault). */
  reopen(): void {
    this.closed = false;
    this.incomplete = false;
  }

  write(seq: number, ops: readonly StoreOp[]): Promise<void> {
    if (this.closed) return Promise.reject(new AppError('vault-locked', 'the vault is being erased'));
    const frame = frameOf(seq, ops);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ frame, settle: [{ resolve, reject }] });
      this.kick();
    });
  }

  /** Frames not yet durable in the copy. */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves once everything queued so far is durable (or rejects with the failure). */
  drained(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue[this.queue.length - 1]!.settle.push({ resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.sending || this.queue.length === 0) return;
    if (this.retry !== null) timers.clearTimeout(this.retry);
    this.retry = null;
    this.sending = true;
    const batch: Waiting[] = [];
    let bytes = 0;
    for (const w of this.queue) {
      const full = bytes + w.frame.bytes.byteLength > this.limits.maxBytes || batch.length >= this.limits.maxFrames;
      if (batch.length > 0 && full) break;
      batch.push(w);
      bytes += w.frame.bytes.byteLength;
    }
    void this.target.append(batch.map((w) => w.frame)).then(
      (status) => {
        this.queue = this.queue.filter((w) => !batch.includes(w)); // by identity: close() may have emptied it meanwhile
        this.sending = false;
        for (const w of batch) for (const s of w.settle) s.resolve();
        this.onAppended(status);
        this.kick();
      },
      (error: unknown) => {
        this.sending = false;
        const failure = isAppError(error)
          ? error
          : new AppError('storage-failed', 'the backup copy could not be written');
        if (isAppError(error, 'ipc-bad-request')) {
          // Refused as malformed: it will never be taken. Drop it; a new complete copy makes the copy whole.
          this.queue = this.queue.filter((w) => !batch.includes(w));
          this.incomplete = true;
        }
        for (const w of batch) for (const s of w.settle.splice(0)) s.reject(failure);
        if (this.queue.length > 0) this.scheduleRetry();
      },
    );
  }

  private scheduleRetry(): void {
    if (this.retry !== null) return;
    this.retry = timers.setTimeout(() => {
      this.retry = null;
      this.kick();
    }, MIRROR_RETRY_MS);
    (this.retry as { unref?: () => void }).unref?.();
  }
}
