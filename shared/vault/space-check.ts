/**
 * Comparing what a space's store holds with what the manifest says this
 * vault wrote (SECURITY.md "At rest"). Pure: the reads are done by the
 * caller (store/entry-store.ts readLog), so unlock pays one key walk, one
 * count per author for the entries the snapshot covers, and the values it
 * reads anyway.
 */
import type { DeviceId, SpaceId } from '../crypto';
import { bytesEqual, hash } from '../crypto';
import type { LogKind } from '../log/entry';
import { isEntryKey, TamperError } from '../store/binding';
import type { LogScan } from '../store/entry-store';
import { headsByAuthor, isLost, lostUpTo, type BoundHead } from '../store/manifest';
import type { TamperChange, TamperedRecord, TamperFinding } from '../store/problems';

/** Collects findings, one per (record, change, author), with the seqs involved. */
export class Findings {
  private readonly byKey = new Map<string, { finding: TamperFinding; seqs: number[]; count: number }>();

  constructor(private readonly space?: SpaceId) {}

  add(record: TamperedRecord, change: TamperChange, author?: DeviceId, seqs: readonly number[] = [], count = 1): void {
    const id = `${record}/${change}/${author ?? ''}`;
    const held = this.byKey.get(id) ?? {
      finding: {
        record,
        change,
        ...(this.space ? { space: this.space } : {}),
        ...(author ? { author } : {}),
        count: 0,
      },
      seqs: [],
      count: 0,
    };
    held.seqs.push(...seqs);
    held.count += Math.max(count, seqs.length);
    this.byKey.set(id, held);
  }

  /** A record that did not open or match: `record` it is, unless it is the manifest that was put back. */
  addError(record: TamperedRecord, e: unknown): void {
    if (e instanceof TamperError) this.add(e.ofManifest ? 'manifest' : record, e.change);
    else this.add(record, 'altered');
  }

  list(): TamperFinding[] {
    return [...this.byKey.values()].map(({ finding, seqs, count }) =>
      seqs.length > 0 ? { ...finding, seqs: [...seqs].sort((a, b) => a - b), count } : { ...finding, count },
    );
  }

  get size(): number {
    return this.byKey.size;
  }
}

function recordOf(log: LogKind): TamperedRecord {
  return log === 'access' ? 'access-entry' : 'content-entry';
}

/**
 * Compares one log's scan with the heads the manifest names. `covered`:
 * per author, the seqs up to which the scan only counted records.
 */
export function compareLog(
  findings: Findings,
  log: LogKind,
  named: readonly BoundHead[],
  scan: LogScan,
  covered: ReadonlyMap<DeviceId, number> = new Map(),
): void {
  const record = recordOf(log);
  const heads = headsByAuthor(named);
  const isNamed = (author: DeviceId, seq: number) => {
    const h = heads.get(author);
    return h !== undefined && seq > h.base && seq <= h.seq && !isLost(h, seq);
  };
  for (const u of scan.unreadable) {
    if (!isEntryKey(u.key)) findings.add(record, 'added');
    else findings.add(record, isNamed(u.key[2], u.key[3]) ? 'altered' : 'added', u.key[2], [u.key[3]]);
  }
  for (const e of scan.entries) {
    // Its MAC holds, so this vault wrote it: the manifest that named it was replaced by an older one.
    if (!isNamed(e.key[2], e.key[3])) findings.add('manifest', 'rolled-back');
  }
  const readable = new Map(scan.entries.map((e) => [`${e.key[2]}/${e.key[3]}`, e]));
  for (const h of named) {
    // Entries up to the compacted base are gone by design: none may be stored (a record there was added).
    const from = Math.min(Math.max(covered.get(h.author) ?? 0, h.base), h.seq);
    const present = new Set(scan.present.get(h.author) ?? []);
    const missing: number[] = [];
    for (let seq = from + 1; seq <= h.seq; seq++) if (!present.has(seq) && !isLost(h, seq)) missing.push(seq);
    if (missing.length > 0) findings.add(record, 'removed', h.author, missing);
    if (from > 0) {
      const expected = from - h.base - lostUpTo(h, from);
      const counted = scan.coveredCounts.get(h.author) ?? 0;
      if (counted < expected) findings.add(record, 'removed', h.author, [], expected - counted);
      if (counted > expected) findings.add(record, 'added', h.author, [], counted - expected);
    }
    const head = readable.get(`${h.author}/${h.seq}`);
    if (head && !bytesEqual(hash(head.bytes), h.hash)) findings.add(record, 'altered', h.author, [h.seq]);
  }
}
