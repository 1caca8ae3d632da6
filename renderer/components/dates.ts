/**
 * Calendar days (YYYY-MM-DD, as stored) in the organizer's language. A stored
 * day is read at local midnight, so it is shown as the same day everywhere.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useDayFormat(style: 'medium' | 'full' = 'medium'): (day: string | undefined) => string {
  const { i18n } = useTranslation();
  return useMemo(() => dayFormat(i18n.language, style), [i18n.language, style]);
}

/** The same, outside React (a file made from the screen's words, a test). */
export function dayFormat(language: string, style: 'medium' | 'full' = 'medium'): (day: string | undefined) => string {
  const format = new Intl.DateTimeFormat(language, { dateStyle: style });
  return (day) => {
    if (!day) return '';
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return format.format(new Date(y, m - 1, d));
  };
}

/** A moment as a time of day ("7:04 PM") in the organizer's language. */
export function useTimeFormat(): (at: number) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
    return (at) => format.format(at);
  }, [i18n.language]);
}
