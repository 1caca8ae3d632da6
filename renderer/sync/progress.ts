/**
 * Progress while a space arrives: the peers announce per-author heads; the
 * entries we lack are "expected", the ones stored since are "received".
 * Several peers merge into one target (the highest seq per author).
 */
import type { SpaceId } from '../../shared/crypto';
import type { Arrival } from './state';

/** Per-author heads of both logs (a SpaceHandle's, or a peer's announcement). */
type PlainHeads = { readonly access: readonly Head[]; readonly content: readonly Head[] };
interface Head {
  readonly author: string;
  readonly seq: number;
}

const LOGS = ['access', 'content'] as const;

export class ArrivalTracker {
  /** log/author → [seq we held when the announcement came, seq announced]. */
  private readonly targets = new Map<string, [number, number]>();

  constructor(readonly space: SpaceId) {}

  /** A peer's announcement, against what we hold now. */
  announce(theirs: PlainHeads, ours: PlainHeads): void {
    const held = seqs(ours);
    for (const log of LOGS) {
      for (const h of theirs[log]) {
        const key = `${log}/${h.author}`;
        const mine = held.get(key) ?? 0;
        if (h.seq <= mine) continue;
        const [base, target] = this.targets.get(key) ?? [mine, mine];
        this.targets.set(key, [base, Math.max(target, h.seq)]);
      }
    }
  }

  /** Where we stand; undefined once nothing is missing any more. */
  progress(ours: PlainHeads): Arrival | undefined {
    const held = seqs(ours);
    let expected = 0;
    let received = 0;
    for (const [key, [base, target]] of this.targets) {
      expected += target - base;
      received += Math.max(0, Math.min(target, held.get(key) ?? 0) - base);
    }
    if (expected === 0 || received >= expected) return undefined;
    return { space: this.space, received, expected };
  }
}

function seqs(heads: PlainHeads): Map<string, number> {
  const out = new Map<string, number>();
  for (const log of LOGS) for (const h of heads[log]) out.set(`${log}/${h.author}`, h.seq);
  return out;
}
