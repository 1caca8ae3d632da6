/** Decompression bombs for tests: real deflated streams of zeros, which unpack about 1,000-fold. */
import * as encoding from 'lib0/encoding';
import { deflateSync } from 'fflate';

export const MiB = 1024 * 1024;

/** A content payload (version 2, deflated flag) stating `declared` as its unpacked size. */
export function deflatedPayload(data: Uint8Array, declared: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, 2);
  encoding.writeUint8(e, 1);
  encoding.writeVarUint(e, 1_700_000_000_000);
  encoding.writeVarUint(e, declared);
  encoding.writeUint8Array(e, data);
  return encoding.toUint8Array(e);
}

let made: Uint8Array | undefined;

/** 64 MiB of zeros, deflated: about 65 KB. */
export function zeros(): Uint8Array {
  return (made ??= deflateSync(new Uint8Array(64 * MiB), { level: 9 }));
}
