/**
 * Access records (shared/space/records.ts) and what the access log makes of them: a hostile admin
 * signs entries carrying any record it likes, and the access state built from them must still be
 * computed without a crash (shared/space/access.ts).
 */
import fc from 'fast-check';
import { createEntry, entryHash, readStoredEntry, type Entry } from '../../../shared/log/entry';
import { decodeAccessRecord, SpaceAccess } from '../../../shared/space';
import type { FuzzTarget } from '../harness';
import { mutatedBytes, mutatedValue } from '../mutate';
import type { World } from '../world';

export function accessRecordsTarget(world: World): FuzzTarget<{ bytes: Uint8Array; signed: boolean }> {
  const log = world.entries.map((b) => readStoredEntry(b)).filter((e) => e.header.log === 'access');
  const payloads = log.map((e) => e.ciphertext);
  const records = payloads.map((p) => JSON.parse(new TextDecoder().decode(p)) as unknown);
  const admin = world.admin.vault.deviceIdentity();
  const own = log.filter((e) => e.header.author === world.admin.card.id);
  const last = own[own.length - 1]!;
  const asBytes = (v: unknown) => {
    try {
      return new TextEncoder().encode(JSON.stringify(v) ?? 'null');
    } catch {
      return new Uint8Array(0); // a BigInt or a cycle: JSON cannot say it
    }
  };
  return {
    name: 'access records',
    input: fc.record({
      bytes: fc.oneof(mutatedBytes(payloads), mutatedValue(records).map(asBytes)),
      signed: fc.boolean(),
    }),
    run({ bytes, signed }, attempt) {
      attempt(() => decodeAccessRecord(bytes));
      if (!signed) return;
      // Signed by the admin as its next access entry: it reaches the rules, not only the parser.
      const entry: Entry = createEntry(admin, {
        log: 'access',
        space: world.space,
        seq: last.header.seq + 1,
        prev: entryHash(last),
        payload: bytes,
      });
      const access = SpaceAccess.restore(world.space, log);
      attempt(() => access.applyAccessEntry(entry));
      attempt(() => {
        access.members();
        access.needsRotation();
        access.writingKey(admin);
        access.epochKeys(access.currentEpoch(), admin);
        access.parentsForNewRecord();
      });
    },
  };
}
