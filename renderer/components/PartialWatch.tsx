/**
 * Tells a date or time field whether some of its parts are typed and others not. React Aria's value
 * is null then, as for an empty field, and the form must not take it for one (DateField.tsx,
 * TimeField.tsx).
 */
import { useContext, useEffect, type Context } from 'react';

interface Segments {
  readonly segments: readonly { readonly isEditable?: boolean; readonly isPlaceholder: boolean }[];
}

export function PartialWatch<S extends Segments>({
  of,
  onPartial,
}: {
  /** The field's state context (React Aria's DateFieldStateContext or TimeFieldStateContext). */
  readonly of: Context<S | null>;
  readonly onPartial: (partial: boolean) => void;
}) {
  const state = useContext(of);
  const editable = state?.segments.filter((s) => s.isEditable) ?? [];
  const typed = editable.filter((s) => !s.isPlaceholder).length;
  const partial = typed > 0 && typed < editable.length;
  useEffect(() => onPartial(partial), [partial, onPartial]);
  return null;
}
