/** The byte stream of a session: length-prefixed frames, then sealed bodies (shared/sync/frames.ts). */
import fc from 'fast-check';
import { newSymmetricKey, type SymmetricKey } from '../../../shared/crypto';
import { encodeFrame, FrameDecoder, FrameOpener, FrameSealer } from '../../../shared/sync/frames';
import type { FuzzTarget } from '../harness';
import { mutatedBytes } from '../mutate';

function sealedStream(key: SymmetricKey, bodies: readonly Uint8Array[]): Uint8Array {
  const sealer = new FrameSealer(key);
  return Buffer.concat(bodies.map((b) => encodeFrame(sealer.seal(b))));
}

export function frameTarget(): FuzzTarget<{ stream: Uint8Array; cuts: number[] }> {
  const key = newSymmetricKey();
  const text = (s: string) => new TextEncoder().encode(s);
  const seeds = [
    sealedStream(key, [text('hello')]),
    sealedStream(key, [text('one'), text('two'), new Uint8Array(300)]),
    sealedStream(key, [new Uint8Array(0)]),
    encodeFrame(text('plaintext hello before keys')),
  ];
  return {
    name: 'frame',
    input: fc.record({
      stream: mutatedBytes(seeds),
      cuts: fc.array(fc.nat({ max: 400 }), { maxLength: 6 }),
    }),
    run({ stream, cuts }, attempt) {
      // Small limit: a huge length prefix must be refused before anything is buffered.
      const decoder = new FrameDecoder(4096);
      const opener = new FrameOpener(key);
      let at = 0;
      for (const cut of [...cuts, stream.length]) {
        const chunk = stream.subarray(at, Math.max(at, Math.min(stream.length, at + cut)));
        at += chunk.length;
        attempt(() => {
          for (const frame of decoder.push(chunk)) attempt(() => opener.open(frame));
        });
      }
      void decoder.pendingBytes;
    },
  };
}
