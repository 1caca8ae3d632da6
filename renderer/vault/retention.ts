/**
 * Retention on this device (ARCHITECTURE.md "Checkpoints and compaction"): every open space, at
 * open and each midnight, deletes its notes past their tier's retention and clears the member
 * fields the chapter tiered once past theirs (shared/model/retention.ts) and, when any expired,
 * compacts the space so their text leaves the disk. A field a peer cleared first is noticed at the
 * next run (it was due by then) and compacted too. Every device does this
 * to its own copy: the rule is the same everywhere, so the text goes on each of them.
 *
 * A note a peer expired first (its clock ahead of ours) arrives as a deletion: the text is then
 * gone from the document but still in the entries here. So the notes that are past retention by
 * tomorrow are watched, and a deletion of one of them, from anywhere, also calls for compaction.
 *
 * An editor's or admin's deletion is sealed and synced like any edit; a viewer cannot write, so
 * its deletion stays in its own document (origin REMOTE_ORIGIN: the batcher does not seal it) and
 * only its compaction keeps it.
 *
 * Compaction keeps the entries another organizer's device is not known to hold yet (SECURITY.md
 * "Checkpoints, compaction and retention"), and the expired text in them. So while the space's
 * compaction is pending, news that a device holds more (replication's acknowledgements) compacts
 * again after the same quiet period, and so does each run (at open, at midnight).
 */
import type * as Y from 'yjs';
import type { DeviceId } from '../../shared/crypto';
import { SpaceData } from '../../shared/model';
import { expireFields, expireNotes, fieldsPastRetention, notesPastRetention } from '../../shared/model/retention';
import { REMOTE_ORIGIN } from '../../shared/vault/space-load';
import type { SpaceHandle } from '../../shared/vault';
import { ScheduledService, type Clock, systemClock } from '../../shared/util/scheduled-service';
import { today } from '../app/today';

const DAY_MS = 86_400_000;
/** A watched deletion, or news that a pending compaction may go further, is compacted after this quiet period. */
export const COMPACT_AFTER_DELETION_MS = 10_000;

export class SpaceRetention {
  private readonly service: ScheduledService;
  private watched = new Set<string>();
  /** Tiered member fields due by the next run (`member:field`), and that day: one cleared meanwhile (by a peer) compacts too. */
  private watchedFields = { day: '', keys: new Set<string>() };
  private deletedWatched = false;
  private stopObserving: () => void = () => undefined;
  /** A watched deletion's compaction, waiting out the quiet period. */
  private compactTimer: unknown;
  private readonly stopReplaced: () => void;
  private readonly stopHeld: () => void;
  /** The last compaction kept entries for organizers that lacked them (SpaceHandle.compactionPending). */
  private pending = false;

  constructor(
    private readonly handle: SpaceHandle,
    private readonly author: DeviceId,
    private readonly onError: (e: unknown) => void,
    private readonly clock: Clock = systemClock,
  ) {
    this.service = new ScheduledService({
      run: async () => void (await this.run()),
      next: (now, reason) => {
        if (reason === 'start') return now;
        const midnight = new Date(now);
        midnight.setHours(24, 0, 0, 0);
        return midnight.getTime();
      },
      onError: (e) => this.onError(e),
      clock,
    });
    this.observe(handle.doc);
    this.stopReplaced = handle.onDocReplaced((doc) => this.observe(doc));
    this.stopHeld = handle.onHeld(() => {
      if (this.pending) this.compactSoon();
    });
  }

  start(): void {
    this.service.start();
  }

  async stop(): Promise<void> {
    if (this.compactTimer !== undefined) this.clock.clearTimeout(this.compactTimer);
    this.compactTimer = undefined;
    this.stopObserving();
    this.stopReplaced();
    this.stopHeld();
    await this.service.stop();
  }

  /** Expires what is due today, and compacts when anything past retention left the document. */
  async run(): Promise<number> {
    const now = new Date(this.clock.now());
    const data = this.data();
    const fieldKey = (e: { memberId: string; field: string }) => `${e.memberId}:${e.field}`;
    const stillDue = new Set(fieldsPastRetention(data, this.watchedFields.day).map(fieldKey));
    const fieldClearedElsewhere = [...this.watchedFields.keys].some((k) => !stillDue.has(k));
    const expired = expireNotes(data, today(now)) + expireFields(data, today(now));
    const asked = expired > 0 || this.deletedWatched || fieldClearedElsewhere;
    this.deletedWatched = false;
    const tomorrow = today(new Date(now.getTime() + DAY_MS));
    this.watchedFields = { day: tomorrow, keys: new Set(fieldsPastRetention(data, tomorrow).map(fieldKey)) };
    this.watched = new Set(
      notesPastRetention(data.notes.all(), today(new Date(now.getTime() + DAY_MS))).map((n) => n.id),
    );
    if (asked || (await this.handle.compactionPending())) {
      await this.handle.compact();
      this.pending = await this.handle.compactionPending();
    }
    return expired;
  }

  /** A run after the quiet period, so a sync that deletes or acknowledges much compacts once. */
  private compactSoon(): void {
    if (this.compactTimer !== undefined) return;
    this.compactTimer = this.clock.setTimeout(() => {
      this.compactTimer = undefined;
      this.service.runNow().catch((e: unknown) => this.onError(e));
    }, COMPACT_AFTER_DELETION_MS);
  }

  private data(): SpaceData {
    const role = this.handle.access.roleOf(this.author);
    const writes = role === 'admin' || role === 'editor';
    return new SpaceData(this.handle.doc, this.author, {
      migrate: false,
      ...(writes ? {} : { origin: REMOTE_ORIGIN }),
    });
  }

  private observe(doc: Y.Doc): void {
    this.stopObserving();
    const notes = doc.getMap('notes');
    const listener = (event: Y.YMapEvent<unknown>) => {
      for (const [id, change] of event.changes.keys) {
        if (change.action === 'delete' && this.watched.has(id)) this.deletedWatched = true;
      }
      if (this.deletedWatched) this.compactSoon();
    };
    notes.observe(listener);
    this.stopObserving = () => notes.unobserve(listener);
  }
}
