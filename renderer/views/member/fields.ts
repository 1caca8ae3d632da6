/** How the profile form turns stored values into inputs and back. */
export const listToText = (values: readonly string[]): string => values.join(', ');
export const textToList = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
export const optional = (text: string): string | undefined => (text.trim() ? text.trim() : undefined);

/** The fields of a member patch that differ from the stored record (JSON comparison). */
export function changedFields<T extends object>(stored: T, draft: Partial<T>): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(draft) as (keyof T)[]) {
    if (JSON.stringify(draft[key]) !== JSON.stringify(stored[key])) patch[key] = draft[key];
  }
  return patch;
}
