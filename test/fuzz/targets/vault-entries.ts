/**
 * Entries arriving at a real vault (shared/vault/space-receive.ts): damaged copies of the space's
 * entries, and content entries a hostile editor signs and seals properly around a damaged payload
 * (any version, flags, time, deflate stream and Yjs update). The space must take or refuse each
 * one without a crash, and what it shows must be what it stored: after the run the vault is
 * locked, unlocked and the space reopened, and it shows the same content.
 */
import fc from 'fast-check';
import { AppError } from '../../../shared/errors';
import { ZERO_HASH, createEntry, readStoredEntry } from '../../../shared/log/entry';
import { decodeContentPayload, encodeContentPayload } from '../../../shared/log/content-payload';
import type { FuzzTarget } from '../harness';
import { mutatedBytes } from '../mutate';
import { open } from '../../shared/sync/peers';
import { contentOf, reopened, type World } from '../world';

type Arrival = { readonly kind: 'copy' | 'hostile'; readonly bytes: Uint8Array };

export async function vaultEntriesTarget(world: World): Promise<FuzzTarget<Arrival[]>> {
  const handle = await open(world.admin, world.space);
  const me = world.admin.vault.deviceIdentity();
  const hostile = world.editor.vault.deviceIdentity();
  const payloads = world.entries
    .map((b) => readStoredEntry(b))
    .filter((e) => e.header.log === 'content')
    .map((e) => handle.access.openContent(e, me));
  // Payloads that are not deflated too, and one with an empty update.
  const updates = payloads.map((p) => decodeContentPayload(p).update);
  const seeds = [
    ...payloads,
    ...updates.map((update) => encodeContentPayload({ at: 1, update }, false)),
    encodeContentPayload({ at: 2, update: new Uint8Array([0, 0]) }),
  ];

  const signedByHostileEditor = (payload: Uint8Array): Uint8Array => {
    const head = handle.heads().content.find((h) => h.author === world.editor.card.id);
    const { epoch, key } = handle.access.writingKey(hostile);
    return createEntry(hostile, {
      log: 'content',
      space: world.space,
      seq: (head?.seq ?? 0) + 1,
      prev: head?.hash ?? ZERO_HASH,
      epoch: { number: epoch, key },
      payload,
    }).bytes;
  };

  return {
    name: 'entries into a vault',
    input: fc.array(
      fc.oneof(
        mutatedBytes(world.entries).map((bytes): Arrival => ({ kind: 'copy', bytes })),
        mutatedBytes(seeds).map((bytes): Arrival => ({ kind: 'hostile', bytes })),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    async run(arrivals, attempt) {
      for (const a of arrivals) {
        const bytes = a.kind === 'copy' ? a.bytes : signedByHostileEditor(a.bytes);
        // Refusals come back in the report, not thrown: count them as refused.
        await attempt(async () => {
          const rejected = (await handle.receiveEntries([bytes])).rejected[0];
          if (rejected) throw new AppError(rejected.code, 'refused');
        });
      }
    },
    async check() {
      await handle.flush();
      const shown = contentOf(handle.doc);
      if ((await reopened(world.admin, world.space)) !== shown)
        throw new Error('the reopened space differs from what was shown');
    },
  };
}
