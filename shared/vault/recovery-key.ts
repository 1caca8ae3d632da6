/**
 * The recovery key: 240 random bits shown once at vault creation, written as
 * 12 groups of 4 Crockford base32 characters (no I, L, O, U; case, spaces and
 * dashes ignored; O/I/L read as 0/1/1) so that it survives being copied by
 * hand. It is high-entropy, so it needs no Argon2id: a keyed hash turns it
 * into the key that wraps the master key a second time.
 */
import { deriveSubkey, randomBytes, type SymmetricKey } from '../crypto';
import { AppError } from '../errors';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BYTES = 30;
const CHARS = (BYTES * 8) / 5;
const GROUP = 4;

export function newRecoveryKey(): string {
  return formatRecoveryKey(randomBytes(BYTES));
}

function formatRecoveryKey(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  const groups: string[] = [];
  for (let i = 0; i < out.length; i += GROUP) groups.push(out.slice(i, i + GROUP));
  return groups.join('-');
}

/** Throws AppError('wrong-recovery-key') when the text cannot be a recovery key. */
export function parseRecoveryKey(text: string): Uint8Array {
  const chars = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== CHARS) throw new AppError('wrong-recovery-key', 'recovery key has the wrong length');
  const out = new Uint8Array(BYTES);
  let bits = 0;
  let value = 0;
  let i = 0;
  for (const c of chars) {
    const digit = ALPHABET.indexOf(c);
    if (digit < 0) throw new AppError('wrong-recovery-key', 'recovery key has a character outside its alphabet');
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      out[i++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return out;
}

/** The key that wraps the master key for recovery. */
export function recoveryWrappingKey(recoveryKey: string): SymmetricKey {
  return deriveSubkey(parseRecoveryKey(recoveryKey), 'vault/recovery-wrap');
}
