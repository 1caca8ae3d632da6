/**
 * What a view says back after an action ("Saved.", "3 members placed."), kept as
 * the words to say (a translation key and its values), not as a sentence: it is
 * put into words each time it is drawn, so switching the language changes a
 * status already on screen too. A failure is kept as the error itself and goes
 * through ErrorText, the one path from an error to plain words.
 *
 * A view holds `useStatusLine()` and draws `<StatusLine said={status.said} />`;
 * no view keeps a translated string in state.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from './ErrorText';

/** A sentence still to be said: a key of renderer/i18n/*.json and its values. */
export interface Message {
  readonly key: string;
  readonly values?: Readonly<Record<string, MessageValue>>;
}

/** A value is said as is (a name, a count), or is itself words to put in the current language. */
export type MessageValue = string | number | Message;

export function message(key: string, values?: Message['values']): Message {
  return values === undefined ? { key } : { key, values };
}

/** The current language's function from a Message to its sentence. */
export function useWords(): (said: Message) => string {
  const { t } = useTranslation();
  return useCallback(
    function words(said: Message): string {
      if (!said.values) return t(said.key);
      const values: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(said.values))
        values[name] = typeof value === 'object' ? words(value) : value;
      return t(said.key, values);
    },
    [t],
  );
}

/**
 * What the status line holds: a piece of news, a problem worded by the view
 * (shown as an alert), or a failure (an error, worded by ErrorText).
 */
export type Said = { readonly news: readonly Message[] } | { readonly problem: Message } | { readonly error: unknown };

export interface StatusLineState {
  readonly said: Said | null;
  /** Something went as asked: said politely in the live region (several sentences are said one after the other). */
  readonly say: (key: string | Message | readonly Message[], values?: Message['values']) => void;
  /** Something went wrong that the view words itself (shown as an alert). */
  readonly problem: (key: string | Message, values?: Message['values']) => void;
  /** Something failed with an error: worded by ErrorText. */
  readonly fail: (error: unknown) => void;
  readonly clear: () => void;
}

const asMessage = (key: string | Message, values?: Message['values']): Message =>
  typeof key === 'string' ? message(key, values) : key;

export function useStatusLine(): StatusLineState {
  const [said, setSaid] = useState<Said | null>(null);
  const actions = useMemo(
    (): Omit<StatusLineState, 'said'> => ({
      say: (key, values) => setSaid({ news: Array.isArray(key) ? key : [asMessage(key as string | Message, values)] }),
      problem: (key, values) => setSaid({ problem: asMessage(key, values) }),
      fail: (error) => setSaid({ error }),
      clear: () => setSaid(null),
    }),
    [],
  );
  return useMemo(() => ({ said, ...actions }), [said, actions]);
}

/** The news of a status line as words, for a place that is a live region already (a dialog's outcome). */
export function NewsText({ said }: { said: Said | null }) {
  const words = useWords();
  return said && 'news' in said ? said.news.map(words).join(' ') : null;
}

/**
 * The live region is always in the page (empty when there is nothing to say),
 * so a screen reader announces news when it appears; problems and failures are
 * alerts, announced when they are added. Empty, it takes no room on the screen
 * (base.css: an empty role="status" is visually hidden, not removed).
 */
export function StatusLine({ said, className }: { said: Said | null; className?: string }) {
  const words = useWords();
  return (
    <>
      <p role="status" className={className}>
        <NewsText said={said} />
      </p>
      {said && 'problem' in said && (
        <p role="alert" className="error">
          {words(said.problem)}
        </p>
      )}
      {said && 'error' in said && <ErrorText error={said.error} />}
    </>
  );
}
