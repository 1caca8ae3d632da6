/**
 * Verifying a batch of arriving entries with one signature check per author
 * run instead of one per entry (Ed25519 verification was most of the CPU of
 * receiving a day's work; hashing is ~50x cheaper).
 *
 * Why it is sound: an entry's signature covers its header, and the header
 * names `prev`, the BLAKE2b hash of the author's previous entry — all of its
 * bytes, signature included. So when entry n+1 of the batch verifies and
 * names hash(entry n) as prev, entry n is exactly the bytes the author
 * committed to, as surely as if its own signature had been checked; and so
 * on back along the run. Only the last entry of each linked run (a "tip")
 * needs its signature checked.
 *
 * Same outcome as checking each entry: a tip that fails is rejected
 * ('bad-signature'), and the entries it would have vouched for are checked
 * one by one instead, so a forged entry appended to a good run costs the
 * good run nothing.
 */
import { toBase64Url } from '../crypto';
import { AppError } from '../errors';
import { readStoredEntry, verifyEntrySignature, type Entry } from './entry';

declare const verified: unique symbol;

/**
 * An entry whose signature this device checked (itself or through its
 * successor, above). Only decodeEntries makes one: a receive path that takes
 * it need not parse and check the bytes again.
 */
export type VerifiedEntry = Entry & { readonly [verified]: true };

export type DecodedEntry =
  | { readonly index: number; readonly entry: VerifiedEntry; readonly error?: undefined }
  | { readonly index: number; readonly entry?: undefined; readonly error: unknown };

/** Parses and authenticates every entry of `batch`; failures carry their AppError. Order is kept. */
export function decodeEntries(batch: readonly Uint8Array[]): DecodedEntry[] {
  const parsed: DecodedEntry[] = batch.map((bytes, index) => {
    try {
      // Not yet checked: entries that fail the check below are replaced by an error before this returns.
      return { index, entry: readStoredEntry(bytes) as VerifiedEntry };
    } catch (error) {
      return { index, error };
    }
  });
  // The entry of the batch that names each entry as its predecessor: chain(space, log, author) + seq + id.
  const byPosition = new Map<string, Entry>();
  for (const p of parsed) if (p.entry) byPosition.set(position(p.entry, p.entry.header.seq), p.entry);
  const vouchedBy = new Map<Entry, Entry>();
  for (const p of parsed) {
    if (!p.entry || p.entry.header.seq === 1) continue;
    const before = byPosition.get(position(p.entry, p.entry.header.seq - 1));
    if (before && before.id === idOfHash(p.entry)) vouchedBy.set(before, p.entry);
  }
  const authentic = new Map<Entry, boolean>();
  const check = (entry: Entry): boolean => {
    const known = authentic.get(entry);
    if (known !== undefined) return known;
    // Walk forward to the tip, then settle the run from there (iteratively: runs can be thousands long).
    const run: Entry[] = [];
    for (let e: Entry | undefined = entry; e && !authentic.has(e); e = vouchedBy.get(e)) run.push(e);
    for (let i = run.length - 1; i >= 0; i--) {
      const e = run[i]!;
      const next = vouchedBy.get(e);
      authentic.set(e, next !== undefined && authentic.get(next) === true ? true : signatureHolds(e));
    }
    return authentic.get(entry)!;
  };
  return parsed.map((p) => {
    if (!p.entry || check(p.entry)) return p;
    return { index: p.index, error: new AppError('bad-signature', 'entry signature does not verify') };
  });
}

function signatureHolds(entry: Entry): boolean {
  try {
    verifyEntrySignature(entry);
    return true;
  } catch {
    // The answer is the result: false rejects the entry as bad-signature.
    return false;
  }
}

function position(entry: Entry, seq: number): string {
  const h = entry.header;
  return `${h.space}/${h.log}/${h.author}/${seq}`;
}

/** The id (base64url of the hash) of the entry `entry` names as its predecessor. */
function idOfHash(entry: Entry): string {
  return toBase64Url(entry.header.prev);
}
