/** Change-log entries: the signed, exact bytes every peer and the store pass around (shared/log/entry.ts). */
import fc from 'fast-check';
import { decodeEntry, peekEntryHeader, readStoredEntry } from '../../../shared/log/entry';
import { decodeEntries } from '../../../shared/log/verify-batch';
import type { FuzzTarget } from '../harness';
import { mutatedBytes } from '../mutate';
import type { World } from '../world';

export function entryTarget(world: World): FuzzTarget<Uint8Array[]> {
  return {
    name: 'entry',
    // Mostly one entry; sometimes a batch, for the batch verifier's author runs.
    input: fc.oneof(
      { weight: 4, arbitrary: mutatedBytes(world.entries).map((b) => [b]) },
      { weight: 1, arbitrary: fc.array(mutatedBytes(world.entries), { minLength: 2, maxLength: 8 }) },
    ),
    run(batch, attempt) {
      for (const bytes of batch) {
        attempt(() => decodeEntry(bytes));
        attempt(() => readStoredEntry(bytes));
        attempt(() => peekEntryHeader(bytes));
      }
      // The batch verifier reports per entry; it must not throw at all.
      for (const d of decodeEntries(batch))
        if (d.error)
          attempt(() => {
            throw d.error;
          });
    },
  };
}
