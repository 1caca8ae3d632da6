/**
 * How a space is named on screen. The first space is created without a name and every device
 * shows it in its own language ("My chapter", "Mi sección"), so an invite or a bundle from an
 * English-speaking admin does not hand a Spanish-speaking organizer an English name. Two spaces
 * with the same name get a short tag from their ids, so the switcher can tell them apart.
 */
import type { TFunction } from 'i18next';
import { fromBase64Url } from '../../shared/crypto';

/** The name shown for a space: its own, or the localized default for the unnamed first space. */
export function spaceLabel(name: string, t: TFunction): string {
  return name.trim() || t('spaces.defaultName');
}

/** Five digits from a space's random id: the same on every device, and easy to read aloud. */
export function spaceTag(id: string): string {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(id);
  } catch {
    // Not base64url (a space id from an older pre-release build): its text gives a tag just as well.
    bytes = new TextEncoder().encode(id);
  }
  let n = 0;
  for (const byte of bytes.subarray(0, 4)) n = n * 256 + byte;
  return String(n % 100_000).padStart(5, '0');
}

/** Every space's label; a label two spaces share gets each one's tag. */
export function spaceLabels(spaces: readonly { readonly id: string; readonly name: string }[], t: TFunction) {
  const labels = new Map(spaces.map((s) => [s.id, spaceLabel(s.name, t)]));
  const uses = new Map<string, number>();
  for (const label of labels.values()) uses.set(label, (uses.get(label) ?? 0) + 1);
  for (const [id, label] of labels)
    if ((uses.get(label) ?? 0) > 1) labels.set(id, t('spaces.sameName', { name: label, tag: spaceTag(id) }));
  return labels;
}
