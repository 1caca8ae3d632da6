/**
 * A file to choose, worded in the app's language. The browser's own file input says "Choose File / No
 * file chosen" in the system's language, whatever language the organizer picked; here the app's button
 * opens a visually hidden file input, and the chosen file's name (or "No file chosen") is shown beside it.
 *
 * For a screen reader the button is the control: its name is the label and its own words ("CSV file from
 * national, Choose a file…"), and it is described by the chosen file's name. The file input itself is
 * out of the tab order and hidden from assistive technology, so nothing is announced twice.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Input } from './fields';

export function FileChooser({
  label,
  accept,
  disabled,
  className,
  onChoose,
}: {
  readonly label: ReactNode;
  /** The input's `accept`: what the system's dialog offers first. */
  readonly accept?: string;
  readonly disabled?: boolean;
  /** Extra classes of the wrapper ('field' for a form's column layout). */
  readonly className?: string;
  readonly onChoose: (file: File) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <div className={className ? `file-chooser ${className}` : 'file-chooser'}>
      <label id={`${id}-label`} htmlFor={`${id}-button`}>
        {label}
      </label>
      <span className="file-chooser-row">
        <button
          id={`${id}-button`}
          type="button"
          disabled={disabled}
          aria-labelledby={`${id}-label ${id}-button`}
          aria-describedby={`${id}-chosen`}
          onClick={() => input.current?.click()}
        >
          {t('fileChooser.choose')}
        </button>
        <span id={`${id}-chosen`} className="file-chooser-name">
          {chosen ?? t('fileChooser.none')}
        </span>
      </span>
      <Input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Emptied, so that choosing the same file again (the next week's list, saved over) is seen as a choice.
          e.target.value = '';
          if (!file) return;
          setChosen(file.name);
          onChoose(file);
        }}
      />
    </div>
  );
}
