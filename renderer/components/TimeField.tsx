/**
 * A time of day (a meeting's start), typed and read aloud in the app's language: "7:00 PM" in
 * English, "19:00" in Spanish, whatever language the browser speaks (a native <input type="time">
 * follows the browser's). React Aria's TimeField, styled as the date field (DateField.tsx); the
 * value stays the stored "HH:MM", '' when empty. A time typed in part is explained in plain words
 * and keeps the form from being sent.
 */
import { parseTime, type Time } from '@internationalized/date';
import { useMemo, useState, type ReactNode } from 'react';
import {
  DateInput,
  DateSegment,
  FieldError,
  I18nProvider,
  Label,
  TimeField as AriaTimeField,
  TimeFieldStateContext,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PartialWatch } from './PartialWatch';

/** A stored time as React Aria's, or null when empty or not a time. */
function toTime(value: string): Time | null {
  if (!/^\d{2}:\d{2}$/.test(value)) return null;
  try {
    return parseTime(value);
  } catch {
    return null;
  }
}

/** "HH:MM", as the model stores it. */
function stored(time: Time): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

export function TimeField({
  label,
  value,
  onChange,
}: {
  readonly label: ReactNode;
  /** The stored time, HH:MM, or '' for none. */
  readonly value: string;
  /** Called with a whole time (HH:MM), or '' once the field is emptied. */
  readonly onChange: (time: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [partial, setPartial] = useState(false);
  // The same object while the time is the same, so React Aria keeps what is being typed.
  const time = useMemo(() => toTime(value), [value]);
  return (
    <I18nProvider locale={i18n.language}>
      <AriaTimeField
        className="field date-field"
        value={time}
        onChange={(time) => onChange(time ? stored(time) : '')}
        isRequired={partial}
        shouldForceLeadingZeros
      >
        <Label className="date-label">{label}</Label>
        <div className="date-input">
          <DateInput className="date-segments">{(segment) => <DateSegment segment={segment} />}</DateInput>
        </div>
        <PartialWatch of={TimeFieldStateContext} onPartial={setPartial} />
        <FieldError className="error">{t('timeField.incomplete')}</FieldError>
      </AriaTimeField>
    </I18nProvider>
  );
}
