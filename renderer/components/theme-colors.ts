/**
 * The current theme's value of colour tokens (renderer/styles/tokens.css), for drawings that take colours as
 * values rather than from style sheets (the dashboard's SVG charts). Each token is a light-dark() pair: it is
 * read as the browser resolves it for the page now, and read again when the theme changes (the system's
 * setting, or the one pinned in Settings on <html data-theme>).
 */
import { useEffect, useState } from 'react';

export function useThemeColors<K extends string>(fallback: Readonly<Record<K, string>>): Readonly<Record<K, string>> {
  const [colors, setColors] = useState(() => readTokens(fallback));
  useEffect(() => {
    const changed = () => setColors(readTokens(fallback));
    const system = window.matchMedia?.('(prefers-color-scheme: dark)');
    system?.addEventListener('change', changed);
    const pinned = new MutationObserver(changed);
    pinned.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      system?.removeEventListener('change', changed);
      pinned.disconnect();
    };
  }, [fallback]);
  return colors;
}

/**
 * Each token as the page resolves it now (`rgb(…)`), read from a hidden probe; where the page cannot say
 * (no style sheet, as in a test without a browser), the fallback's value.
 */
function readTokens<K extends string>(fallback: Readonly<Record<K, string>>): Readonly<Record<K, string>> {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  document.body.append(probe);
  try {
    const out = {} as Record<K, string>;
    for (const token of Object.keys(fallback) as K[]) {
      probe.style.color = '';
      probe.style.color = `var(--${token})`;
      const resolved = getComputedStyle(probe).color;
      out[token] = /^(rgb|#|color\()/.test(resolved) && isDefined(token) ? resolved : fallback[token];
    }
    return out;
  } finally {
    probe.remove();
  }
}

/** Whether the style sheets define the token (an undefined one would resolve to the inherited colour). */
function isDefined(token: string): boolean {
  return getComputedStyle(document.documentElement).getPropertyValue(`--${token}`).trim() !== '';
}
