/**
 * This device's own changes between the screen and the disk: edits the
 * batcher has not sealed yet, and entries not yet written (to the store and
 * its second copy). Normally an entry sits here for the length of one write.
 * When a write fails (usually a full disk), the entries stay here — already
 * in the document and chained, so later entries follow them — and are
 * written again, in chain order, with the next change, on flush, on close
 * and every `retryMs`. The space's SaveState is announced when the first
 * unsaved change appears ("saving"), at each failure, and once everything is
 * written ("saved"), so the UI can tell the organizer; nothing typed is
 * dropped while the app runs.
 */
import type { SpaceId } from '../crypto';
import type { Entry } from '../log/entry';
import { problemCode, type SaveState, type StoreProblem } from '../store/problems';
import { timers } from '../timers';

export const DEFAULT_SAVE_RETRY_MS = 5000;

export interface UnsavedEntriesOptions {
  readonly space: SpaceId;
  readonly retryMs?: number;
  /** Announces the space's save state (a failure, then the recovery). */
  readonly onState?: (state: SaveState) => void;
  /** Records the first failure of a run as a store problem. */
  readonly report: (problem: StoreProblem) => void;
  /** Writes everything held again (SpaceHandle's serial write). */
  readonly retry: () => void;
  /** Local edits not yet sealed into an entry (the batcher's pending updates). */
  readonly pendingEdits: () => number;
}

export class UnsavedEntries {
  private readonly entries = new Map<string, Entry>();
  private failing = false;
  private timer: unknown = null;
  /** Whether the last announced state had unsaved changes. */
  private announcedUnsaved = false;

  constructor(private readonly options: UnsavedEntriesOptions) {}

  get size(): number {
    return this.entries.size;
  }

  /** Unsaved changes shown on screen: edits waiting to be sealed count as one. */
  get unsaved(): number {
    return this.entries.size + (this.options.pendingEdits() > 0 ? 1 : 0);
  }

  /** A local edit is on screen and not yet sealed: "saving". */
  edited(): void {
    this.announce();
  }

  add(entry: Entry): void {
    this.entries.set(entry.id, entry);
  }

  /** Says "saving" when unsaved changes appear and "saved" when the last one is written (failures say more, below). */
  private announce(): void {
    const unsaved = this.unsaved;
    if (this.failing || unsaved > 0 === this.announcedUnsaved) return;
    this.announcedUnsaved = unsaved > 0;
    this.options.onState?.({ space: this.options.space, unsaved });
  }

  /** Held entries in chain order (insertion order). */
  list(): Entry[] {
    return [...this.entries.values()];
  }

  /** These entries are on disk now. */
  written(entries: readonly Entry[]): void {
    for (const e of entries) this.entries.delete(e.id);
    if (this.failing && this.entries.size === 0) {
      this.failing = false;
      this.stop();
      this.announcedUnsaved = this.unsaved > 0;
      this.options.onState?.({ space: this.options.space, unsaved: this.unsaved });
      return;
    }
    this.announce();
  }

  /** A write of the held entries failed: announce it and try again later. */
  failed(error: unknown): void {
    const code = problemCode(error);
    if (!this.failing) this.options.report({ kind: 'save', space: this.options.space, code });
    this.failing = true;
    this.announcedUnsaved = true;
    this.options.onState?.({ space: this.options.space, unsaved: this.unsaved, code });
    if (this.timer === null) {
      this.timer = timers.setTimeout(() => {
        this.timer = null;
        this.options.retry();
      }, this.options.retryMs ?? DEFAULT_SAVE_RETRY_MS);
    }
  }

  stop(): void {
    if (this.timer !== null) timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
