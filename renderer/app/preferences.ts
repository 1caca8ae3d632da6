/**
 * Device preferences kept in localStorage. Only UI settings live here, never
 * member data: the idle time before auto-lock, the language, the theme, the space open last.
 */
const IDLE_KEY = 'sealed-roster.idle-minutes';
export const DEFAULT_IDLE_MINUTES = 10;
export const IDLE_CHOICES = [1, 5, 10, 15, 30, 60] as const;

export function idleMinutes(): number {
  const n = Number(globalThis.localStorage?.getItem(IDLE_KEY));
  return Number.isFinite(n) && n > 0 && n <= 24 * 60 ? n : DEFAULT_IDLE_MINUTES;
}

export function setIdleMinutes(minutes: number): void {
  globalThis.localStorage?.setItem(IDLE_KEY, String(minutes));
}

/**
 * The space open last, to reopen after unlock (SECURITY.md "What the browser keeps on its own"):
 * the space's random id, which the store already keeps unencrypted as its records' key; the
 * vault has no encrypted preferences to put it in. One vault per browser profile, so one key.
 */
const LAST_SPACE_KEY = 'sealed-roster.last-space';

export function lastSpace(): string | null {
  return globalThis.localStorage?.getItem(LAST_SPACE_KEY) ?? null;
}

export function rememberLastSpace(space: string): void {
  globalThis.localStorage?.setItem(LAST_SPACE_KEY, space);
}

/** The space to open after unlock: the last one used if it is still in the vault, else the first. */
export function spaceToOpen(spaces: readonly { readonly id: string }[]): string | null {
  const last = lastSpace();
  return spaces.find((s) => s.id === last)?.id ?? spaces[0]?.id ?? null;
}

/** The look: follow the system's light or dark setting, or keep one (renderer/styles/tokens.css). */
const THEME_KEY = 'sealed-roster.theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export function theme(): Theme {
  const stored = globalThis.localStorage?.getItem(THEME_KEY);
  return isTheme(stored) ? stored : 'system';
}

/** Puts the theme on <html>: no attribute lets `prefers-color-scheme` decide. */
export function applyTheme(chosen: Theme = theme()): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (chosen === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', chosen);
}

export function setTheme(chosen: Theme): void {
  globalThis.localStorage?.setItem(THEME_KEY, chosen);
  applyTheme(chosen);
}
