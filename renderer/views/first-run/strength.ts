/**
 * A rough passphrase strength estimate (0–4) for the meter. It rewards length
 * and variety and punishes repeats and the obvious; the real protection is
 * Argon2id. 3 is required to create a vault.
 */
export type Strength = 0 | 1 | 2 | 3 | 4;
export const MIN_STRENGTH: Strength = 3;

const COMMON = ['password', 'contraseña', 'contrasena', '123456', 'qwerty', 'letmein', 'solidarity', 'union', 'admin'];

export function passphraseStrength(passphrase: string): Strength {
  const text = passphrase.normalize('NFC');
  if (text.length < 8) return 0;
  const lower = text.toLowerCase();
  let pool = 0;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/[0-9]/.test(text)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(text)) pool += 20;
  const distinct = new Set(lower).size;
  // Bits ≈ length × log2(pool), discounted when few distinct characters are used.
  let bits = text.length * Math.log2(Math.max(pool, 2)) * Math.min(1, distinct / 8);
  if (COMMON.some((w) => lower.includes(w))) bits -= 20;
  if (/(.)\1{3,}/.test(text)) bits -= 15;
  if (bits < 35) return 1;
  if (bits < 55) return 2;
  if (bits < 80) return 3;
  return 4;
}
