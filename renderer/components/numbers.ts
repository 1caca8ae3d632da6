/**
 * Counts as the organizer reads them: grouped in the app's language (10,000 in English,
 * 10.000 in Spanish). Every count the app shows goes through here or through i18next's
 * `{{n, number}}`, which formats with the same Intl.NumberFormat.
 */
const formats = new Map<string, Intl.NumberFormat>();

export function formatCount(n: number, language: string): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language);
    formats.set(language, format);
  }
  return format.format(n);
}
