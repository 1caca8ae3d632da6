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
 */
import type { ComponentProps } from 'react';

const KEEP_NOTHING = {
  autoComplete: 'off',
  spellCheck: false,
  autoCorrect: 'off',
  autoCapitalize: 'off',
} as const;

export function Form(props: ComponentProps<'form'>) {
  return <form {...props} autoComplete="off" />;
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
