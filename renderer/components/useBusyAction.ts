/**
 * A slow step started from a form or a button (Argon2id, a sample chapter):
 * `busy` is shown before the work starts (after a paint, so the "working…"
 * state is on screen before anything blocks), and a failure is kept in
 * `error` for ErrorText. `run` resolves with the work's result, or with
 * undefined when it failed.
 */
import { useCallback, useState } from 'react';
import { nextPaint } from './nextPaint';

export function useBusyAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(work: () => Promise<T> | T): Promise<T | undefined> => {
    setError(null);
    setBusy(true);
    await nextPaint();
    try {
      return await work();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
