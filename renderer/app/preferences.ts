/**
 * Device preferences kept in localStorage. Only UI settings live here, never
 * member data: the idle time before auto-lock and the language.
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
