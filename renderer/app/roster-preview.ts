/**
 * The roster at unlock, before the space's document is loaded (ARCHITECTURE.md "The roster's read
 * index"): what the vault's read index held when the last snapshot was written, exactly the stored
 * state (shared/vault/read-index.ts decides). Still and read-only: the roster shows its rows, its
 * search and its filters from it, while the document loads behind it; actions that write wait for
 * the space. Once the live collections are read (space-loading.ts), the roster reads the live model
 * and the shell drops the preview.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { attendanceCounts } from '../../shared/model/attendance';
import { emptyRosterIndex, type RosterIndex } from '../../shared/model/roster-index';
import { MemberSearchIndex } from '../../shared/model/search';
import { SpaceLoading } from './space-loading';
import { today } from './today';

const RELEASED: RosterIndex = emptyRosterIndex();

export class RosterPreview {
  private held: {
    readonly roster: RosterIndex;
    readonly index: MemberSearchIndex;
    readonly regionNames: ReadonlyMap<string, string>;
    readonly counts: ReadonlyMap<string, number>;
  };
  private next = 0;

  /** `loading`: how the search index's slices are run (tests run them by hand). */
  constructor(
    roster: RosterIndex,
    private readonly loading = new SpaceLoading(),
  ) {
    this.held = {
      roster,
      index: new MemberSearchIndex(),
      regionNames: new Map(roster.regions.map((r) => [r.id, r.name])),
      // Attendance counts as the live roster counts them today (useAttendanceCounts).
      counts: attendanceCounts(roster.attendance, { ...roster.activeRule, onDay: today() }),
    };
  }

  get roster(): RosterIndex {
    return this.held.roster;
  }

  get index(): MemberSearchIndex {
    return this.held.index;
  }

  get regionNames(): ReadonlyMap<string, string> {
    return this.held.regionNames;
  }

  get counts(): ReadonlyMap<string, number> {
    return this.held.counts;
  }

  /**
   * Lets go of the records, once the roster reads the live model: React keeps the previous render's
   * values (a component's last props and hooks) until that component renders again, and 10,000
   * members must not stay on the heap for that.
   */
  release(): void {
    this.held = { roster: RELEASED, index: new MemberSearchIndex(), regionNames: new Map(), counts: new Map() };
  }

  /** Whether the search index is built; starts building it, a slice per task (as the live one: useRoster.ts). */
  ready(): boolean {
    return this.loading.load('search', (enough) => {
      const members = this.roster.members;
      for (; this.next < members.length;) {
        this.index.upsert(members[this.next++]!);
        if (this.next % 16 === 0 && enough()) return false;
      }
      this.index.prepareOrder();
      return true;
    });
  }

  subscribe(listener: () => void): () => void {
    return this.loading.subscribe(listener);
  }
}

/** The preview of the space being opened, or null (none, or the roster reads the live model now). */
export const RosterPreviewContext = createContext<RosterPreview | null>(null);

/** The preview, once its search index is built (null before, and without one). */
export function useRosterPreview(): RosterPreview | null {
  const preview = useContext(RosterPreviewContext);
  const subscribe = useCallback((l: () => void) => preview?.subscribe(l) ?? (() => undefined), [preview]);
  const ready = useSyncExternalStore(subscribe, () => preview?.ready() ?? false);
  return ready ? preview : null;
}
