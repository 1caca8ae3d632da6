/**
 * The vault's second copy as the app uses it (ARCHITECTURE.md "The second copy"): the mirror
 * writer every store transaction goes through, what the store and the copy say at start, new
 * complete copies when the journal has grown, restoring a lost store, and erasing everything.
 * Nothing here needs a key: records travel sealed.
 */
import { AppError } from '../../shared/errors';
import type { SealedRosterApi } from '../../shared/ipc/api';
import { LIMITS, type MirrorCopySummary, type MirrorStatusWire, type VaultGuard } from '../../shared/ipc/contract';
import { Database } from '../../shared/store/database';
import type { IdbEnvironment } from '../../shared/store/indexeddb-types';
import {
  catchUpStore,
  copyStore,
  eraseStore,
  inspectStore,
  pagedSource,
  restoreStore,
  type StoreCondition,
} from '../../shared/store/mirror-copy';
import { MirrorWriter } from '../../shared/store/mirror-writer';

/** The platform API's parts this uses (the preload's, or the browser host's). */
export type BackupApi = Pick<SealedRosterApi, 'backup' | 'mirror' | 'vault'>;

/** A new complete copy once the journal since the last one is bigger than this, or than that copy. */
export const CHECKPOINT_MIN_BYTES = 16 * 1024 * 1024;
/** …and the app has been quiet this long (a complete copy reads the whole store). */
export const CHECKPOINT_QUIET_MS = 20_000;

/** One `mirror:append` carries at most this (the contract's limits). */
export const APPEND_LIMITS = { maxBytes: LIMITS.mirrorFrameBytes, maxFrames: LIMITS.mirrorFramesPerAppend };

/** A copy that can be restored, as the recovery screen describes it. */
export interface BackupSummary {
  /** When its newest change was written (ms), null when unknown. */
  readonly at: number | null;
  readonly changes: number;
  /** The newest complete copies were damaged: an older one was used, with the journal after it. */
  readonly skippedBases: number;
  /** Part of the journal was damaged: changes after the damage may be missing. */
  readonly damaged: boolean;
}

export interface RestoreOutcome extends BackupSummary {
  readonly source: 'backup' | 'file';
  /** Changes in the copy that could not be read and were left out. */
  readonly unreadable: number;
}

export type StartState =
  | { readonly stage: 'first-run' }
  | { readonly stage: 'locked' }
  /** A vault existed, but the browser's store lost it or cannot read it. */
  | {
      readonly stage: 'lost';
      readonly reason: 'missing' | 'unreadable' | 'unfinished';
      readonly backup: BackupSummary | null;
    };

function summaryOf(copy: MirrorCopySummary): BackupSummary {
  return { at: copy.at, changes: copy.frames, skippedBases: copy.skippedBases, damaged: copy.damaged };
}

export class VaultBackups {
  readonly writer: MirrorWriter<MirrorStatusWire>;
  private checkpointing: Promise<void> | null = null;
  private quiet: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: BackupApi,
    /** The browser's store, without a mirror (restores and copies write and read it directly). */
    private readonly store: IdbEnvironment,
  ) {
    this.writer = new MirrorWriter(
      // Byte arrays of ours are never over shared memory; the contract's type says ArrayBuffer.
      {
        append: (frames) => api.mirror.append({ frames: frames as { seq: number; bytes: Uint8Array<ArrayBuffer> }[] }),
      },
      APPEND_LIMITS,
      (status) => this.consider(status),
    );
  }

  /** The store with its mirror: every transaction of the vault goes through this. */
  get mirrored(): IdbEnvironment {
    return { ...this.store, mirror: this.writer };
  }

  /**
   * What the app starts on. A store with a vault is first brought level with its copy: if the
   * copy is behind (a crash between the store's commit and the copy's write, or a lost backup
   * folder), a new complete copy is made; if the store is behind (it lost commits the copy has),
   * the copy's transactions are written back into it. A store with no vault, or one that cannot
   * be read, is a first run only when no vault ever existed here.
   */
  async start(): Promise<StartState> {
    const [condition, status] = await Promise.all([inspectStore(this.store), this.api.backup.status()]);
    if (condition.kind === 'vault') {
      if (!status.vaultExisted) await this.api.vault.mark();
      if (status.mirror.lastSeq > condition.seq) await this.catchUp(condition.seq);
      else if (status.mirror.lastSeq < condition.seq || status.mirror.bases === 0) {
        this.checkpoint().catch(() => undefined); // in the background; tried again after the next write
      }
      return { stage: 'locked' };
    }
    if (condition.kind === 'empty' && !status.vaultExisted) return { stage: 'first-run' };
    return { stage: 'lost', reason: lostReason(condition), backup: await this.describeBackup() };
  }

  /** The store opened but cannot be read (an unlock failed on a damaged record): restore it like a lost one. */
  async damaged(): Promise<StartState> {
    return { stage: 'lost', reason: 'unreadable', backup: await this.describeBackup() };
  }

  private async describeBackup(): Promise<BackupSummary | null> {
    const copy = await this.api.mirror.openCopy({ source: 'mirror' });
    if (!copy) return null;
    await this.api.mirror.closeCopy({ copyId: copy.copyId });
    return copy.frames > 0 ? summaryOf(copy) : null;
  }

  private async catchUp(after: number): Promise<void> {
    const copy = await this.api.mirror.openCopy({ source: 'mirror' });
    if (!copy) return;
    try {
      await catchUpStore(this.store, this.source(copy), after);
    } finally {
      await this.api.mirror.closeCopy({ copyId: copy.copyId });
    }
  }

  private source(copy: MirrorCopySummary) {
    return pagedSource((from) => this.api.mirror.readCopy({ copyId: copy.copyId, from }));
  }

  /**
   * Replaces the lost store with the newest copy in the backup folder, or with a backup file the
   * organizer chooses. Null when there is nothing to restore or the organizer cancelled.
   */
  async restore(source: 'backup' | 'file'): Promise<RestoreOutcome | null> {
    const copy = await this.api.mirror.openCopy({ source: source === 'backup' ? 'mirror' : 'file' });
    if (!copy) return null;
    let report;
    try {
      // A file's history is not the folder's: it is written past the folder's newest number, and a
      // new complete copy then makes the folder follow it (so the folder is never "ahead" of it).
      const seq =
        source === 'file' ? Math.max(copy.seq, (await this.api.backup.status()).mirror.lastSeq) + 1 : copy.seq;
      report = await restoreStore(this.store, this.source(copy), seq);
    } finally {
      await this.api.mirror.closeCopy({ copyId: copy.copyId });
    }
    await this.api.vault.mark();
    if (source === 'file') await this.checkpoint();
    return { ...summaryOf(copy), source, unreadable: report.unreadable };
  }

  /** A new complete copy of the store in the backup folder (one at a time). */
  checkpoint(): Promise<void> {
    this.checkpointing ??= this.writeCheckpoint().finally(() => (this.checkpointing = null));
    return this.checkpointing;
  }

  private async writeCheckpoint(): Promise<void> {
    const db = await Database.open(this.store);
    let copy;
    try {
      copy = await copyStore(db);
    } finally {
      db.close();
    }
    const { uploadId } = await this.api.mirror.beginBase({ covers: copy.seq });
    for (const chunk of copy.chunks)
      await this.api.mirror.addToBase({ uploadId, bytes: chunk as Uint8Array<ArrayBuffer> });
    await this.api.mirror.commitBase({ uploadId });
    this.writer.incomplete = false;
  }

  /** After each append: a new complete copy once the journal has outgrown the last one, when the app is quiet. */
  private consider(status: MirrorStatusWire): void {
    const due =
      this.writer.incomplete ||
      status.bases === 0 ||
      status.journalBytes > Math.max(CHECKPOINT_MIN_BYTES, status.baseBytes);
    if (!due) return;
    if (this.quiet !== null) clearTimeout(this.quiet);
    this.quiet = setTimeout(() => {
      this.quiet = null;
      this.checkpoint().catch(() => undefined); // tried again after the next write
    }, CHECKPOINT_QUIET_MS);
    (this.quiet as { unref?: () => void }).unref?.(); // Node (tests, tools): a due copy must not keep the process alive
  }

  /** Writes the marker (a vault exists here) and a first complete copy: called once a vault was created or restored. */
  async created(): Promise<void> {
    await this.api.vault.mark();
    await this.checkpoint();
  }

  guard(): Promise<VaultGuard> {
    return this.api.backup.status().then((s) => s.guard);
  }

  /**
   * Counts a wrong passphrase or recovery key. When the organizer's limit is reached the vault
   * is erased and AppError('vault-erased') thrown.
   */
  async failedAttempt(): Promise<VaultGuard> {
    const guard = await this.api.vault.unlockFailed();
    if (guard.wipeAfter !== null && guard.failures >= guard.wipeAfter) {
      await this.erase();
      throw new AppError('vault-erased', 'the vault was erased after too many wrong attempts');
    }
    return guard;
  }

  succeeded(): Promise<VaultGuard> {
    return this.api.vault.unlocked();
  }

  /**
   * Erases the vault from this computer: the browser's store, then main's copy, marker and
   * settings and everything the browser keeps for the app (SECURITY.md "Key hygiene and the
   * seized laptop"). Returns whether the browser's own files were cleared too.
   */
  async erase(): Promise<boolean> {
    this.writer.close(); // a write still in flight must not reach the copy after it is shredded
    if (this.quiet !== null) clearTimeout(this.quiet); // nor a complete copy due later,
    this.quiet = null;
    await this.checkpointing?.catch(() => undefined); // nor one being written (its records were read before)
    try {
      await eraseStore(this.store).catch(() => undefined); // main clears the browser's files below in any case
      const { browserStorageCleared } = await this.api.vault.erase();
      return browserStorageCleared;
    } finally {
      this.writer.reopen();
    }
  }
}

function lostReason(condition: StoreCondition): 'missing' | 'unreadable' | 'unfinished' {
  if (condition.kind === 'restoring') return 'unfinished';
  return condition.kind === 'unreadable' ? 'unreadable' : 'missing';
}
