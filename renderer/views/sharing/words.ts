/** Plain words for what the sync layer reports: close reasons, times, short device names. */
import type { TFunction } from 'i18next';
import { deviceNumber, signingKeyOf, type DeviceId } from '../../../shared/crypto';
import type { CloseReason } from '../../../shared/sync/close';

/** Why a session ended, as a sentence key (`sharing.closed.<reason>`); every reason has one in both languages. */
export function closeReasonKey(reason: CloseReason): string {
  return `sharing.closed.${reason}`;
}

/** "5 minutes ago" in the UI language; "never" without a time. */
export function sinceText(t: TFunction, language: string, at: number | undefined, now: number): string {
  if (at === undefined) return t('sharing.never');
  const seconds = Math.round((at - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return format.format(seconds, 'second');
  if (Math.abs(seconds) < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

/**
 * A device's name on screen: the first two groups of its device number ("48213 07731"), the
 * number "This device" shows in full. Digits read aloud the same in every language.
 */
export function shortDevice(id: DeviceId): string {
  return deviceNumber(signingKeyOf(id)).split(' ').slice(0, 2).join(' ');
}

/** A device id's shape (base64url of an Ed25519 key), as the access log's records hold it (shared/space/records.ts). */
const DEVICE_ID = /^[A-Za-z0-9_-]{43}$/;

/** Whom an organizer field names, as the screens know the space's organizers. */
export interface KnownOrganizers {
  /** This device. */
  readonly me: string;
  /** The devices of the space now; undefined until its access log is read. */
  readonly organizers?: ReadonlySet<string>;
}

/**
 * Who an organizer field (a note's assignee or author) names, in words: "me" for this device, another device
 * of the space by its short number as the sharing screens name it, a device no longer in the space in plain
 * words, and a name an organizer typed as typed. Never the raw key.
 */
export function organizerLabel(t: TFunction, who: string, known: KnownOrganizers): string {
  if (who === known.me) return t('notes.me');
  if (!DEVICE_ID.test(who)) return who;
  if (known.organizers && !known.organizers.has(who)) return t('sharing.organizers.former');
  try {
    return t('sharing.organizers.device', { id: shortDevice(who as DeviceId) });
  } catch {
    return t('sharing.organizers.former'); // the shape of a key that is none
  }
}
