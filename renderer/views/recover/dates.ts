import { useTranslation } from 'react-i18next';

/** A moment as the organizer reads it, in their language ("14 Mar 2025, 09:30"). */
export function useDateTime(): (ms: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (ms) => format.format(new Date(ms));
}
