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
