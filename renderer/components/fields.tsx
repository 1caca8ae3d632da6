/**
 * The app's form controls: every <form>, <input>, <textarea> and <select> of the renderer is one
 * of these (ESLint forbids the raw elements elsewhere), so that what an organizer types about a
 * member stays out of what the browser keeps on its own (SECURITY.md "What the browser keeps on
 * its own"):
 *
 * - autocomplete="off": Chromium then neither saves the value in its autofill database ("Web Data":
 *   form history and address profiles, with timestamps) nor in the page state that session and
 *   form restore write to disk ("Current Session", back/forward entries);
 * - spellcheck="false": the value is not handed to the spellchecker, and no word of it can be
 *   added to the profile's custom dictionary;
 * - autocorrect and autocapitalize off: the platforms that learn typed words (macOS, touch
 *   keyboards) get nothing to learn.
 *
 * The attributes come last, so a caller cannot turn them back on.
 *
 * A form also says why a field is refused (a required field left empty, a number out of range) in the
 * app's language: the browser's own bubble speaks the system's ("Please fill out this field.").
 */
import { useId, type ComponentProps, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLabels, type CodeKind } from '../app/useLabels';

const KEEP_NOTHING = {
  autoComplete: 'off',
  spellCheck: false,
  autoCorrect: 'off',
  autoCapitalize: 'off',
} as const;

export function Form({ onInvalidCapture, onInputCapture, ...props }: ComponentProps<'form'>) {
  const { t } = useTranslation();
  return (
    <form
      {...props}
      autoComplete="off"
      onInvalidCapture={(e) => {
        sayRefusal(e.target, t);
        onInvalidCapture?.(e);
      }}
      onInputCapture={(e) => {
        unsay(e.target);
        onInputCapture?.(e);
      }}
      onChangeCapture={(e) => {
        unsay(e.target);
        props.onChangeCapture?.(e);
      }}
    />
  );
}

type Judged = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
/** The words this form gave a field; another's (React Aria's date fields keep their own) are left alone. */
const said = new WeakMap<EventTarget, string>();

function sayRefusal(target: EventTarget, t: TFunction): void {
  if (!('setCustomValidity' in target)) return;
  const field = target as Judged;
  if (field.validity.customError && field.validationMessage !== said.get(field)) return;
  unsay(field); // judge the value itself, not the words said last time
  if (field.validity.valid) return;
  const words = refusal(field, t);
  field.setCustomValidity(words);
  said.set(field, words);
}

/** A changed value is judged again by the browser (words set here would keep it refused). */
function unsay(target: EventTarget): void {
  if (!said.has(target)) return;
  (target as Judged).setCustomValidity('');
  said.delete(target);
}

/** Why the browser refuses a field's value, in the app's words. */
function refusal(field: Judged, t: TFunction): string {
  const v = field.validity;
  if (v.valueMissing) return t('form.required');
  if (v.badInput || v.stepMismatch) return t('form.wholeNumber');
  const { min, max } = field as HTMLInputElement;
  if (v.rangeUnderflow) return t('form.atLeast', { min: Number(min) });
  if (v.rangeOverflow) return t('form.atMost', { max: Number(max) });
  return t('form.notValid');
}

export function Input(props: ComponentProps<'input'>) {
  return <input {...props} {...KEEP_NOTHING} />;
}

export function TextArea(props: ComponentProps<'textarea'>) {
  return <textarea {...props} {...KEEP_NOTHING} />;
}

export function Select(props: ComponentProps<'select'>) {
  return <select {...props} autoComplete="off" />;
}

/** What a labelled control gets from its Field: its id, and what describes it. */
export interface FieldControl {
  readonly id: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: true;
}

/**
 * One labelled control, the way every form lays it out: the label names the control for screen readers,
 * a hint and an error (a sentence, in the user's language) are read with it.
 *
 *   <Field label={t('meetings.field.place')}>{(c) => <Input {...c} value={place} onChange={...} />}</Field>
 *
 * Dates have their own field, DateField.tsx (typed in the app's language, not the browser's).
 *
 * `layout`: 'wide' spans a form's columns, 'block' stands on its own below them (a text area).
 */
export function Field({
  label,
  layout,
  hint,
  error,
  children,
}: {
  readonly label: ReactNode;
  readonly layout?: 'wide' | 'block';
  readonly hint?: ReactNode;
  readonly error?: ReactNode;
  readonly children: (control: FieldControl) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const control: FieldControl = {
    id,
    ...(described ? { 'aria-describedby': described } : {}),
    ...(error ? { 'aria-invalid': true as const } : {}),
  };
  return (
    <div className={layout === 'block' ? 'block-field' : layout === 'wide' ? 'field wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children(control)}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A labelled menu of the chapter's own records by name (groups, regions, …), whose first option is
 * "none" in the form's words (the whole chapter, every region). The value is the record's id, or ''.
 */
export function RecordSelect({
  label,
  value,
  onChange,
  records,
  none,
}: {
  readonly label: ReactNode;
  readonly value: string;
  readonly onChange: (id: string) => void;
  readonly records: readonly { readonly id: string; readonly name: string }[];
  readonly none: string;
}) {
  return (
    <Field label={label}>
      {(c) => (
        <Select {...c} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{none}</option>
          {records.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

/** The options of a menu of stored codes (a kind of group, a note's tier, …), each in the user's language. */
export function CodeOptions({ kind, codes }: { readonly kind: CodeKind; readonly codes: readonly string[] }) {
  const label = useLabels();
  return (
    <>
      {codes.map((code) => (
        <option key={code} value={code}>
          {label(kind, code)}
        </option>
      ))}
    </>
  );
}
