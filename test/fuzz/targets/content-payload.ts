/** The plaintext inside a content entry: version, flags, time, (deflated) Yjs update (shared/log/content-payload.ts). */
import { decodeContentPayload, encodeContentPayload } from '../../../shared/log/content-payload';
import type { FuzzTarget } from '../harness';
import { mutatedBytes } from '../mutate';

export function contentPayloadTarget(): FuzzTarget<Uint8Array> {
  const text = (s: string) => new TextEncoder().encode(s);
  const seeds = [
    encodeContentPayload({ at: 1_700_000_000_000, update: text('a small update') }),
    encodeContentPayload({ at: 0, update: new Uint8Array(0) }),
    encodeContentPayload({ at: 1_700_000_000_000, update: text('member notes, repeated; '.repeat(200)) }),
    encodeContentPayload({ at: 5, update: new Uint8Array(4096) }),
  ];
  return {
    name: 'content payload',
    input: mutatedBytes(seeds),
    run(bytes, attempt) {
      attempt(() => decodeContentPayload(bytes));
    },
  };
}
