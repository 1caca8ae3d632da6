/**
 * Every date field of the app: a labelled day, month and year, typed in the order and read aloud in
 * the app's language (dd/mm/aaaa in Spanish, mm/dd/yyyy in English), whatever language the browser
 * itself speaks. A native <input type="date"> takes both from the browser's language instead.
 *
 * Built on React Aria's DateField (react-aria-components): each part is a spin button that takes
 * digits and the arrow keys, named ("día", "mes", "año") for screen readers; the button beside it
 * opens a calendar (DateCalendar.tsx). The value stays the stored ISO day (YYYY-MM-DD), '' when
 * empty. A date typed only in part, or a required one left empty, is explained in plain words and
 * keeps the form from being sent.
 */
import { parseDate, type CalendarDate } from '@internationalized/date';
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  DateField as AriaDateField,
  DateFieldStateContext,
  DateInput,
  DateSegment,
  FieldError,
  type FieldErrorRenderProps,
  I18nProvider,
  Label,
  Text,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PartialWatch } from './PartialWatch';
import { DateCalendar } from './DateCalendar';

/** A stored day as React Aria's date, or null when empty or not a day. */
function toDate(day: string): CalendarDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  try {
    return parseDate(day);
  } catch {
    return null; // a day that does not exist (2025-02-30)
  }
}

export function DateField({
  label,
  value,
  onChange,
  required = false,
  hint,
  error,
  layout,
}: {
  readonly label: ReactNode;
  /** The stored day, YYYY-MM-DD, or '' for none. */
  readonly value: string;
  /** Called with a whole day (YYYY-MM-DD), or '' once the field is emptied. */
  readonly onChange: (day: string) => void;
  readonly required?: boolean;
  readonly hint?: ReactNode;
  /** The form's own complaint about this date, in the user's language. */
  readonly error?: ReactNode;
  /** 'inline': label and field sit in the surrounding row, like a label and an input. */
  readonly layout?: 'inline';
}) {
  const { t, i18n } = useTranslation();
  const [partial, setPartial] = useState(false);
  // The same object while the day is the same: React Aria takes a new one for a new value and drops
  // what is being typed (a part just emptied would come back).
  const date = useMemo(() => toDate(value), [value]);
  // React Aria keeps the day in hidden inputs of its own for the form; like every input of the app
  // (fields.tsx), they tell the browser to remember nothing of it. It renders them without the attribute.
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    for (const input of root.current?.querySelectorAll('input') ?? []) input.setAttribute('autocomplete', 'off');
  });
  /** What React Aria found wrong once the form was sent, in plain words (the browser's own are in its language). */
  const explain = ({ validationDetails, validationErrors }: FieldErrorRenderProps): string =>
    partial
      ? t('dateField.incomplete')
      : validationDetails.valueMissing
        ? t('dateField.missing')
        : validationErrors.join(' ');
  return (
    <I18nProvider locale={i18n.language}>
      <AriaDateField
        className={layout === 'inline' ? 'date-field inline' : 'field date-field'}
        value={date}
        onChange={(date) => onChange(date ? date.toString() : '')}
        // A date typed in part is no date yet (null, as for an empty field): required until whole, so
        // the form is not sent without it.
        isRequired={required || partial}
        isInvalid={error ? true : undefined}
        ref={root}
        shouldForceLeadingZeros
      >
        <Label className="date-label">{label}</Label>
        <div className="date-input">
          <DateInput className="date-segments">{(segment) => <DateSegment segment={segment} />}</DateInput>
          <DateCalendar value={date} onPick={(day) => onChange(day.toString())} />
        </div>
        <PartialWatch of={DateFieldStateContext} onPartial={setPartial} />
        {hint && (
          <Text slot="description" className="hint">
            {hint}
          </Text>
        )}
        <FieldError className="error">{error ?? explain}</FieldError>
      </AriaDateField>
    </I18nProvider>
  );
}
