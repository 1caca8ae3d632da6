/**
 * The recovery key, copied: the clipboard is cleared after a short time and at lock, but only if
 * it still holds the key (the person may have copied something else since). Only a hash of what
 * was copied is kept to compare (SECURITY.md "What the browser keeps on its own").
 */
import { hash, toBase64Url, utf8Encode } from '../../shared/crypto';

export const CLEAR_CLIPBOARD_AFTER_MS = 60_000;

export type TextClipboard = Pick<Clipboard, 'readText' | 'writeText'>;

let copied: {
  digest: string;
  timer: ReturnType<typeof setTimeout>;
  clipboard: TextClipboard;
  hasFocus: () => boolean;
} | null = null;

const digestOf = (text: string): string => toBase64Url(hash(utf8Encode(text)));

/** `hasFocus`: whether the window has the focus now (tests pass their own). */
export async function copySecret(
  text: string,
  clipboard: TextClipboard = navigator.clipboard,
  hasFocus: () => boolean = () => document.hasFocus(),
): Promise<void> {
  await clipboard.writeText(text);
  if (copied) clearTimeout(copied.timer);
  copied = {
    digest: digestOf(text),
    clipboard,
    hasFocus,
    timer: setTimeout(() => void forgetCopiedSecret(), CLEAR_CLIPBOARD_AFTER_MS),
  };
}

/**
 * Clears the clipboard if it still holds the copied secret. When the page may not read the
 * clipboard now (browsers allow it only while the window has focus), it tries again on focus.
 * When it may not read it at all (Electron grants the page writing only: electron/window/guards.ts),
 * it clears it anyway: a recovery key left there is worse than losing what was copied since.
 */
export async function forgetCopiedSecret(): Promise<void> {
  const held = copied;
  if (!held) return;
  clearTimeout(held.timer);
  try {
    const now = await held.clipboard.readText();
    if (digestOf(now) === held.digest) await held.clipboard.writeText('');
    if (copied === held) copied = null;
  } catch {
    if (!held.hasFocus()) return window.addEventListener('focus', () => void forgetCopiedSecret(), { once: true });
    await held.clipboard.writeText('');
    if (copied === held) copied = null;
  }
}
