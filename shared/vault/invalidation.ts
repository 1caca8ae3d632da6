/**
 * Content entries that lose their right after they were applied.
 *
 * The race: device B is removed with a cutoff (its last content seq the admin
 * had accepted), but B's next entry already reached C, which accepted it
 * because C had not yet heard of the removal. Everyone else refuses that
 * entry; C must leave it out too, or its document differs forever. When
 * access entries arrive, we compare, per content author and epoch, the
 * highest seq the access rules allow before and after (shared/space README,
 * "Who may write content"): only an author whose bound dropped below its
 * stored head can have stored entries that are no longer allowed, and only
 * those entries are re-read and re-checked.
 *
 * The entries stay stored exactly as received (nothing is deleted); their ids
 * are recorded in a sealed private record and the document is rebuilt without
 * them (SpaceHandle).
 */
import type { DeviceId } from '../crypto';
import type { ChainHead } from '../log/chain';
import { readStoredEntry } from '../log/entry';
import type { DecodedEntry } from '../log/verify-batch';
import type { SpaceAccess } from '../space';
import { readIndexRef, snapshotRef } from '../store/binding';
import { ignoredId, ignoredRef, sealIgnored, type IgnoredEntry } from './ignored';
import type { MasterKeys } from './keys';
import { entriesInRange, type ReadContext } from './space-read';

/** Per content author, per epoch: the highest seq (up to the author's head) the access rules allow. */
export type WriteBounds = Map<DeviceId, number[]>;

/** `mayWrite` is monotone in seq (a segment allows every seq up to its cutoff): binary search per epoch. */
export function writeBounds(access: SpaceAccess, heads: readonly ChainHead[]): WriteBounds {
  const state = access.view().state;
  const epochs = access.currentEpoch();
  const bounds: WriteBounds = new Map();
  for (const { author, seq: head } of heads) {
    const perEpoch: number[] = [];
    for (let epoch = 0; epoch <= epochs; epoch++) {
      if (state.mayWrite(author, head, epoch)) {
        perEpoch.push(head);
        continue;
      }
      let lo = 0; // allowed (vacuously)
      let hi = head; // not allowed
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (state.mayWrite(author, mid, epoch)) lo = mid;
        else hi = mid;
      }
      perEpoch.push(lo);
    }
    bounds.set(author, perEpoch);
  }
  return bounds;
}

/**
 * Authors whose stored entries may have lost their right between `before`
 * and `after`, with the lowest seq to re-check: the smallest bound that dropped.
 */
export function recheckFrom(before: WriteBounds, after: WriteBounds): Map<DeviceId, number> {
  const out = new Map<DeviceId, number>();
  for (const [author, was] of before) {
    const now = after.get(author) ?? [];
    was.forEach((bound, epoch) => {
      const lowered = now[epoch] ?? 0;
      if (lowered < bound) out.set(author, Math.min(out.get(author) ?? Infinity, lowered + 1));
    });
  }
  return out;
}

/** The stored content entries from `recheck` that the access rules no longer allow and that are not ignored yet. */
export async function findInvalidated(
  ctx: ReadContext,
  access: SpaceAccess,
  recheck: ReadonlyMap<DeviceId, number>,
  ignored: ReadonlySet<string>,
): Promise<IgnoredEntry[]> {
  const out: IgnoredEntry[] = [];
  for (const [author, from] of recheck) {
    for (const bytes of await entriesInRange(ctx, 'content', author, from - 1)) {
      const entry = readStoredEntry(bytes);
      const { seq } = entry.header;
      if (!ignored.has(ignoredId(author, seq)) && !access.checkContentEntry(entry).ok) out.push({ author, seq });
    }
  }
  return out;
}

/** Whether a batch holds an access entry (only those can withdraw rights). Entries that failed to decode count as none. */
function touchesAccess(batch: readonly DecodedEntry[]): boolean {
  return batch.some((d) => d.entry?.header.log === 'access');
}

/** A space's ignored entries, and the check that adds to them when access entries arrive. */
export class WithdrawnEntries {
  private readonly ignored: Map<string, IgnoredEntry>;

  constructor(
    private readonly ctx: ReadContext & { readonly keys: MasterKeys },
    loaded: readonly IgnoredEntry[],
  ) {
    this.ignored = new Map(loaded.map((x) => [ignoredId(x.author, x.seq), x]));
  }

  ids(): Set<string> {
    return new Set(this.ignored.keys());
  }

  list(): IgnoredEntry[] {
    return [...this.ignored.values()];
  }

  /** Before a batch is received: the bounds to compare with afterwards, when the batch can withdraw anything. */
  boundsBefore(
    batch: readonly DecodedEntry[],
    access: SpaceAccess,
    heads: readonly ChainHead[],
  ): WriteBounds | undefined {
    return touchesAccess(batch) ? writeBounds(access, heads) : undefined;
  }

  /**
   * After the batch's access entries were applied (and BEFORE they are
   * stored): finds the stored entries they withdrew, records them as ignored
   * and drops the snapshot that may contain them, in one transaction. After
   * a crash, either nothing changed or the next unlock replays without them.
   */
  async withdraw(before: WriteBounds, access: SpaceAccess, heads: readonly ChainHead[]): Promise<IgnoredEntry[]> {
    const recheck = recheckFrom(before, writeBounds(access, heads));
    if (recheck.size === 0) return [];
    const found = await findInvalidated(this.ctx, access, recheck, this.ids());
    if (found.length === 0) return [];
    for (const x of found) this.ignored.set(ignoredId(x.author, x.seq), x);
    const { store, keys, space } = this.ctx;
    const record = sealIgnored(keys, space, this.list(), store.nextGeneration());
    await store.commit({
      put: [{ ref: ignoredRef(space), value: record }],
      remove: [snapshotRef(space), readIndexRef(space)],
    });
    return found;
  }
}
