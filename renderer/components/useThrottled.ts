/**
 * State that changes at most once per `ms` (the last value wins; `now` skips
 * the wait). For a live region that would otherwise change every few
 * milliseconds: a screen reader would queue every step.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function useThrottled<T>(initial: T, ms: number): [T, (value: T, now?: boolean) => void] {
  const [value, setValue] = useState(initial);
  const last = useRef(0);
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const set = useCallback(
    (next: T, now = false) => {
      const wait = last.current + ms - Date.now();
      if (now || wait <= 0) {
        clearTimeout(timer.current);
        timer.current = undefined;
        pending.current = null;
        last.current = Date.now();
        setValue(next);
        return;
      }
      pending.current = { value: next };
      timer.current ??= setTimeout(() => {
        timer.current = undefined;
        const latest = pending.current;
        pending.current = null;
        last.current = Date.now();
        if (latest) setValue(latest.value);
      }, wait);
    },
    [ms],
  );
  return [value, set];
}
